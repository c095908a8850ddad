"""Convergence through faults: the server (its own process) killed right after a push commits and before the
reply leaves, again and again at random points of several workstations' pushes. Every lost batch goes again
(under the same batch id, or under a new one when more changes joined it) and is never applied twice; in the
end every workstation equals the server."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import icd10_slice, make_desk
from posting_support import adjudication, eob, paid_line, submitted_claim
from server_support import ChildServer, ServerDb
from sync_support import Office, Station, assert_converged

from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.server.certs import CertPaths
from medbill_desktop.services import codes, patients, posting, syncing
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.sync import state


@pytest.fixture
def child(server_db: ServerDb, certs: CertPaths) -> Iterator[ChildServer]:
    server = ChildServer(server_db, certs)
    yield server
    server.stop()


@pytest.fixture
def office(child: ChildServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, child.url, child.certs.ca_cert, child.db.code)
    yield made
    made.close()


def _pending(s: Station) -> int:
    with s.ws.read() as conn:
        return state.pending_count(conn)


def test_the_server_killed_after_commit_and_before_its_reply_loses_nothing_and_doubles_nothing(
        child: ChildServer, office: Office) -> None:
    child.start()
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    claim = submitted_claim(desk, "Garcia")
    posting.post_batch(front.ws, eob(desk.aetna, "CHK1001", adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(claim, 2, allowed=1500, paid=1500))))
    total = _pending(front)
    child.stop()
    child.start(die_after_pushes=2)
    with pytest.raises(ServiceError, match="cannot be reached"):
        front.sync(background=True, batch_size=5)
    assert child.wait_dead() == 17
    assert _pending(front) == total - 5  # the second batch committed at the server, its reply was lost
    assert child.db.scalar("SELECT count(*) FROM change_log") == 10
    with front.ws.read() as conn:
        assert state.last_attempt(conn)["ok"] is False
    assert syncing.sync_status(front.ws).online is False

    patients.register_patient(front.ws, Patient("Lee", "Ann", date(1980, 2, 3), Sex.FEMALE))  # joins the next batch
    child.start()
    report = front.sync(batch_size=7)  # the lost five go again with two more: a new batch id, the same change ids
    assert report.repeated == 5 and report.duplicates == [] and report.rejected == []
    assert child.db.scalar("SELECT count(*) FROM change_log") == total + 1
    assert child.db.scalar("SELECT count(DISTINCT change_id) FROM change_log") == total + 1
    billing = office.workstation("billing", days_ahead=3)
    billing.sync()
    front.sync()
    assert_converged(child.db, [front, billing])
    assert syncing.sync_status(front.ws).online is True


def _name(prefix: str, n: int) -> str:
    return prefix + "".join("abcdefghij"[int(d)] for d in str(n))


def _work(rng: random.Random, s: Station, known: list[str], desk: Any) -> None:
    """A few changes on one workstation: a new patient, a phone number changed, a visit billed and paid."""
    choice = rng.choice(["register", "phone", "phone", "visit"] if known else ["register"])
    if choice == "register":
        p = patients.register_patient(s.ws, Patient(_name("Pat", len(known)), "Sam", date(1970, 1, 1 + len(known) % 28),
                                                    Sex.MALE, home_phone=f"(217) 555-{rng.randrange(10000):04d}"))
        known.append(p.id)
    elif choice == "phone":
        pid = rng.choice(known)
        try:
            p = patients.get_patient(s.ws, pid)
        except ServiceError:
            return  # not on this workstation yet
        patients.update_patient(s.ws, replace(p, home_phone=f"(217) 555-{rng.randrange(10000):04d}"))
    else:
        here = s.desk(desk)
        claim = submitted_claim(here, _name("Visit", len(known)))
        known.append(claim.claim_id)
        posting.post_batch(s.ws, eob(desk.aetna, f"CHK{rng.randrange(10**6)}", adjudication(
            claim, paid_line(claim, 1, allowed=9000, paid=7000, coinsurance=2000),
            paid_line(claim, 2, allowed=1500, paid=1500))))


def test_random_kills_during_pushes_of_three_workstations_end_with_every_one_equal_to_the_server(
        child: ChildServer, office: Office) -> None:
    rng = random.Random(20261102)
    child.start()
    stations = [office.workstation(name, days_ahead=n) for n, name in enumerate(("front desk", "billing",
                                                                                 "satellite"))]
    desk = make_desk(stations[0].ws)
    for s in stations:
        s.sync()
        codes.load_icd10(s.ws, icd10_slice())
    known: list[str] = []
    kills = 0
    for _ in range(5):
        s = rng.choice(stations)
        for _ in range(rng.randint(1, 3)):
            _work(rng, s, known, desk)
        child.stop()
        child.start(die_after_pushes=rng.randint(1, 3))
        try:
            s.sync(background=True, batch_size=rng.randint(2, 6))
        except ServiceError:
            kills += 1
            assert child.wait_dead() == 17
        child.stop()
        child.start()
        rng.choice(stations).sync()
    assert kills >= 2
    for s in stations + stations:
        s.sync()
    assert_converged(child.db, stations)
