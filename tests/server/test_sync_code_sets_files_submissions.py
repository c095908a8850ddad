"""Code sets, 835 files and claim submissions flow between workstations through the practice server on loopback
(a real PostgreSQL): a CPT file imported at one desk is searchable at the other, a code the practice adds or
corrects by hand follows, an 835 posted at one desk shows at the other with its file linked to the payment batch
(also when the batch arrives before its file), a printed or exported claim shows its submission in the other
desk's claim history, and a new workstation's snapshot has all of them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from era_support import Submitted, header, interchange, submitted_claims
from front_desk_support import make_desk
from posting_support import submitted_claim
from server_support import LiveServer
from sqlalchemy import select
from sync_support import Office, Station, assert_converged

from medbill_desktop.services import claims, codes, era_import, posting, practice_codes, sync_apply
from medbill_desktop.storage import codes_store
from medbill_desktop.storage.tables import claim_submissions, code_entries, outbox, payment_batches, remittance_files
from medbill_desktop.sync import state


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


CPT_2026 = {"99213": "Office or other outpatient visit, established patient, low level of decision making",
            "99214": "Office or other outpatient visit, established patient, moderate level of decision making",
            "0001U": "Red blood cell antigen typing, DNA, human erythrocyte antigen gene analysis"}
CPT_2027 = {"99213": "Office or other outpatient visit, established patient, low level of decision making",
            "99215": "Office or other outpatient visit, established patient, high level of decision making"}


def cpt_file(folder: Path, name: str, rows: dict[str, str]) -> Path:
    path = folder / name
    path.write_text("code,description\n" + "".join(f'{code},"{text}"\n' for code, text in rows.items()))
    return path


def hits(s: Station, query: str, set_name: str) -> list[str]:
    return [h.code for h in codes.search(s.ws, query, set_name)]


def code_rows(s: Station, set_name: str) -> list[tuple[Any, ...]]:
    with s.ws.read() as conn:
        return [tuple(r) for r in conn.execute(
            select(code_entries.c.id, code_entries.c.code, code_entries.c.description, code_entries.c.source)
            .where(code_entries.c.set_name == set_name).order_by(code_entries.c.code))]


def pending_events(s: Station) -> list[str]:
    with s.ws.read() as conn:
        return [str(e) for e in conn.execute(select(outbox.c.event).where(outbox.c.sent_at.is_(None))
                                             .order_by(outbox.c.seq)).scalars()]


def server_events(live_server: LiveServer, *events: str) -> list[str]:
    return [r[0] for r in live_server.db.rows("SELECT event FROM change_log WHERE event = ANY(%s) ORDER BY seq",
                                              list(events))]


# --- code sets ----------------------------------------------------------------------------------------------------

def test_a_cpt_import_at_one_desk_is_searchable_at_the_other_and_the_next_file_replaces_it_everywhere(
        office: Office, live_server: LiveServer, tmp_path: Path) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    front.sync()
    billing.sync()
    assert hits(billing, "office", "cpt") == []

    codes.import_cpt(front.ws, cpt_file(tmp_path, "cpt2026.csv", CPT_2026))
    assert pending_events(front) == ["codes.imported"]
    front.sync()
    billing.sync()
    assert hits(billing, "office moder", "cpt") == ["99214"]
    assert hits(billing, "9921", "cpt") == ["99213", "99214"]
    entry = codes.lookup(billing.ws, "cpt", "0001U")
    assert entry is not None and entry.description == CPT_2026["0001U"]
    assert {r[3] for r in code_rows(billing, "cpt")} == {"licensed"}  # the CPT file ("practice": by hand)
    assert [r[1:] for r in code_rows(billing, "cpt")] == [r[1:] for r in code_rows(front, "cpt")]

    # next year's file, imported at the billing desk, replaces the set at both
    codes.import_cpt(billing.ws, cpt_file(tmp_path, "cpt2027.csv", CPT_2027))
    mine = code_rows(billing, "cpt")
    billing.sync()  # its own import comes back from the server: nothing here is written again
    assert code_rows(billing, "cpt") == mine
    front.sync()
    assert hits(front, "office", "cpt") == ["99213", "99215"]
    assert codes.lookup(front.ws, "cpt", "99214") is None
    assert hits(front, "moderate", "cpt") == [] and hits(front, "antigen", "cpt") == []
    with front.ws.read() as conn:
        assert codes_store.loaded_version(conn, "cpt.import") == ("cpt2027.csv", 2)
    # the server keeps the set's latest file as its one entity (what a new workstation's snapshot gets)
    [(entity_id, data)] = live_server.db.rows("SELECT entity_id, data FROM entity_state WHERE entity = 'codes'")
    assert entity_id == "cpt" and data["version"] == "cpt2027.csv" and len(data["rows"]) == 2
    assert front.review() == [] and billing.review() == []


def test_two_desks_importing_different_cpt_files_offline_both_end_with_the_one_the_server_got_last(
        office: Office, live_server: LiveServer, tmp_path: Path) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    codes.import_cpt(front.ws, cpt_file(tmp_path, "cpt2026.csv", CPT_2026))
    codes.import_cpt(billing.ws, cpt_file(tmp_path, "cpt2027.csv", CPT_2027))
    practice_codes.save_code(billing.ws, "cpt", "99459", "Pelvic examination add-on (chaperone present)")
    front.sync()
    billing.sync()  # pushes its file after the front desk's, pulls the front's, then its own again
    front.sync()
    assert [r[1:] for r in code_rows(billing, "cpt")] == [r[1:] for r in code_rows(front, "cpt")]
    assert hits(front, "office", "cpt") == ["99213", "99215"] and hits(front, "pelvic", "cpt") == ["99459"]
    assert hits(billing, "antigen", "cpt") == []
    assert front.review() == [] and billing.review() == []


def test_codes_the_practice_adds_or_corrects_by_hand_reach_the_other_desk(office: Office, live_server: LiveServer,
                                                                          tmp_path: Path) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    codes.import_cpt(front.ws, cpt_file(tmp_path, "cpt2026.csv", CPT_2026))
    front.sync()
    billing.sync()
    assert hits(billing, "longitudinal", "hcpcs") == ["G2211"]  # shipped with the program, at both desks

    practice_codes.save_code(billing.ws, "cpt", "99459", "Pelvic examination add-on (chaperone present)")
    practice_codes.save_code(billing.ws, "hcpcs", "g2211", "Add-on for ongoing care of a single serious condition")
    assert pending_events(billing) == ["code.added", "code.updated"]
    billing.sync()
    front.sync()
    assert hits(front, "pelvic chaperone", "cpt") == ["99459"]
    assert hits(front, "serious condition", "hcpcs") == ["G2211"]
    assert hits(front, "longitudinal", "hcpcs") == []  # the shipped wording is no longer found
    assert hits(front, "office moder", "cpt") == ["99214"]  # the import is untouched

    # corrected again at the front desk; the billing desk follows
    practice_codes.save_code(front.ws, "cpt", "99459", "Pelvic exam add-on, chaperone present")
    front.sync()
    billing.sync()
    entry = codes.lookup(billing.ws, "cpt", "99459")
    assert entry is not None and entry.description == "Pelvic exam add-on, chaperone present"
    assert hits(billing, "examination", "cpt") == [] and hits(billing, "pelvic exam", "cpt") == ["99459"]
    assert [r[1:] for r in code_rows(billing, "cpt")] == [r[1:] for r in code_rows(front, "cpt")]
    assert [r[1:] for r in code_rows(billing, "hcpcs")] == [r[1:] for r in code_rows(front, "hcpcs")]
    assert server_events(live_server, "code.added", "code.updated") == ["code.added", "code.updated", "code.updated"]
    for s in (front, billing):  # the search index kept row by row is whole (SQLite says so, or raises)
        with s.ws.write() as conn:
            conn.exec_driver_sql("INSERT INTO code_entries_fts(code_entries_fts) VALUES ('integrity-check')")


def test_a_10000_code_cpt_import_goes_through_push_and_pull_in_seconds(office: Office, tmp_path: Path) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    front.sync()
    billing.sync()
    rows = {f"{n:05d}": f"Procedure number {n} with a description of typical length for a code" for n in
            range(10000, 20000)}
    codes.import_cpt(front.ws, cpt_file(tmp_path, "big.csv", rows))
    wall, cpu = time.perf_counter(), time.process_time()
    pushed = front.sync()
    pulled = billing.sync()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"\n10,000-code CPT import: push {pushed.seconds:.2f} s, pull and apply {pulled.seconds:.2f} s "
          f"(wall {wall:.2f} s, CPU of this process {cpu:.2f} s)")
    assert pushed.pushed == 1 and pulled.pulled_from_others == 1
    assert len(code_rows(billing, "cpt")) == 10000
    assert hits(billing, "procedure 15432", "cpt") == ["15432"]
    assert wall < 10  # about 1.5 s on a quiet machine (both sides, the server's PostgreSQL and the two applies)


# --- 835 files ----------------------------------------------------------------------------------------------------

def paid_in_full(c: Submitted) -> str:
    return (f"CLP*{c.number}*1*140*140**12*AET7001*11*1~\nNM1*QC*1*PAYNE*PAT****MI*W000000001~\n"
            f"SVC*HC:99213*125*125**1~\nDTM*472*{c.dos8}~\nSVC*HC:36415*15*15**1~\nDTM*472*{c.dos8}~\n")


def files_and_links(s: Station) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with s.ws.read() as conn:
        files = [tuple(r) for r in conn.execute(select(remittance_files.c.id, remittance_files.c.sha256,
                                                       remittance_files.c.file_name))]
        links = [tuple(r) for r in conn.execute(select(payment_batches.c.id, payment_batches.c.remittance_file_id)
                                                .order_by(payment_batches.c.id))]
    return files, links


def test_an_835_posted_at_one_desk_shows_at_the_other_with_its_file_linked_to_the_batch(
        office: Office, live_server: LiveServer, tmp_path: Path) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    [a] = submitted_claims(desk, 1)
    front.sync()
    billing = office.workstation("billing")
    billing.sync()
    path = tmp_path / "aetna-1105.835"
    path.write_text(interchange(header("140.00", "EFT7001") + paid_in_full(a)))
    [check] = era_import.import_835(front.ws, path).posted
    events = pending_events(front)
    assert events.index("remittance.file_imported") < events.index("payment.batch_posted")  # the file goes first
    front.sync()
    billing.sync()

    files, links = files_and_links(billing)
    assert (files, links) == files_and_links(front)
    assert files[0][2] == "aetna-1105.835" and links == [(check.batch_id, files[0][0])]
    [batch] = posting.list_batches(billing.ws)
    assert (batch.batch_number, batch.file_name) == (check.batch_number, "aetna-1105.835")
    # the same file brought to the billing desk too is known there: nothing is posted twice
    again = era_import.import_835(billing.ws, path)
    assert again.posted == () and len(again.skipped_duplicates) == 1
    assert again.plan.imported_before is not None and again.plan.imported_before[1] == "admin"  # (at the front)
    billing.sync()
    assert_converged(live_server.db, [front, billing])
    assert billing.review() == [] and front.review() == []


def test_a_batch_pulled_before_its_file_is_linked_when_the_file_arrives(office: Office, live_server: LiveServer,
                                                                       tmp_path: Path) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    [a] = submitted_claims(desk, 1)
    front.sync()
    billing = office.workstation("billing")
    billing.sync()
    path = tmp_path / "aetna-1106.835"
    path.write_text(interchange(header("140.00", "EFT7002") + paid_in_full(a)))
    [check] = era_import.import_835(front.ws, path).posted
    front.sync()
    with billing.ws.read() as conn:
        since = state.cursor(conn)
    columns = ("seq", "change_id", "origin_device", "entity", "entity_id", "event", "data", "created_at")
    changes = [dict(zip(columns, r, strict=True)) for r in live_server.db.rows(
        f"SELECT {', '.join(columns)} FROM change_log WHERE seq > %s ORDER BY seq", since)]
    file_change = next(c for c in changes if c["event"] == "remittance.file_imported")
    with billing.ws.write() as conn:  # the batch first, the file after (as a workstation without the event sends)
        first = sync_apply.apply_changes(conn, [c for c in changes if c is not file_change])
    assert first.review == []
    files, links = files_and_links(billing)
    assert files == [] and links == [(check.batch_id, None)]
    with billing.ws.write() as conn:
        sync_apply.apply_changes(conn, [file_change])
    files, links = files_and_links(billing)
    assert links == [(check.batch_id, file_change["entity_id"])] and files[0][2] == "aetna-1106.835"

    billing.sync()  # the same changes pulled again change nothing
    assert files_and_links(billing) == files_and_links(front)
    assert_converged(live_server.db, [front, billing])


# --- claim submissions --------------------------------------------------------------------------------------------

def test_a_printed_or_exported_claim_shows_its_submission_in_the_other_desks_claim_history(
        office: Office, live_server: LiveServer) -> None:
    front = office.workstation("front desk")
    billing = office.workstation("billing")
    billing.sync()
    desk = make_desk(front.ws)
    printed = submitted_claim(desk, "Garcia")  # printed to a PDF: submitted
    [exported] = submitted_claims(desk, 1)  # exported as an 837P
    assert pending_events(front).count("claim.submitted") == 2
    front.sync()
    billing.sync()
    for number in (printed.claim_number, exported.number):
        mine, theirs = claims.claim_detail(billing.ws, number), claims.claim_detail(front.ws, number)
        assert mine.submissions == theirs.submissions and len(mine.submissions) == 1
        assert mine.claim.status.value == "submitted"
    assert claims.claim_detail(billing.ws, printed.claim_number).submissions[0].channel == "print"
    sent = claims.claim_detail(billing.ws, exported.number).submissions[0]
    assert sent.channel == "837p" and sent.transaction_control
    assert_converged(live_server.db, [front, billing])
    assert billing.review() == []


# --- a new workstation's snapshot ---------------------------------------------------------------------------------

def table_rows(s: Station, table: Any) -> list[tuple[Any, ...]]:
    with s.ws.read() as conn:
        return sorted(tuple(r) for r in conn.execute(select(table)))


def test_a_new_workstations_snapshot_has_the_code_sets_files_and_submissions(office: Office, live_server: LiveServer,
                                                                             tmp_path: Path) -> None:
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    practice_codes.save_code(front.ws, "cpt", "99458", "Made before the file: the file replaces it")
    codes.import_cpt(front.ws, cpt_file(tmp_path, "cpt2026.csv", CPT_2026))
    practice_codes.save_code(front.ws, "cpt", "99459", "Pelvic examination add-on (chaperone present)")
    practice_codes.save_code(front.ws, "hcpcs", "G2211", "Add-on for ongoing care of a single serious condition")
    printed = submitted_claim(desk, "Garcia")
    [a] = submitted_claims(desk, 1)
    path = tmp_path / "aetna-1107.835"
    path.write_text(interchange(header("140.00", "EFT7003") + paid_in_full(a)))
    era_import.import_835(front.ws, path)
    front.sync()

    newcomer = office.workstation("satellite")
    first = newcomer.sync()
    assert first.snapshot_items > 0 and first.totals_match
    assert newcomer.review() == []
    assert [r[1:] for r in code_rows(newcomer, "cpt")] == [r[1:] for r in code_rows(front, "cpt")]
    assert codes.lookup(newcomer.ws, "cpt", "99458") is None  # as at the front desk: the file replaced the set
    assert hits(newcomer, "pelvic", "cpt") == ["99459"] and hits(newcomer, "office moder", "cpt") == ["99214"]
    assert hits(newcomer, "serious condition", "hcpcs") == ["G2211"]
    assert files_and_links(newcomer) == files_and_links(front)
    assert files_and_links(newcomer)[1][0][1] is not None
    assert table_rows(newcomer, claim_submissions) == table_rows(front, claim_submissions)
    assert len(claims.claim_detail(newcomer.ws, printed.claim_number).submissions) == 1
    assert_converged(live_server.db, [front, newcomer])
