"""ICD-10-CM over the whole release, loaded once for this module into a real SQLCipher database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backend
import pytest
from sqlalchemy import func, select

from medbill_desktop.codesets.icd10 import source_version
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.services import codes, setup, users
from medbill_desktop.services.codes import LoadResult
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import audit_log, icd10_groups

ADMIN_PASSWORD = "admin-pass-1"


class _ModuleKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workstation, LoadResult]]:
    """A workstation with the full ICD-10-CM loaded (the per-test keyring fixture is function-scoped,
    so this one brings its own; the open engine keeps the key it was made with)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(_ModuleKeyring())
    try:
        practice = Practice(name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789",
                            taxonomy="207Q00000X", address=Address("12 Main St", "Springfield", "IL", "62701"),
                            phone="(217) 555-0100")
        ws = setup.create_workstation(tmp_path_factory.mktemp("icd") / "medbill.db", practice,
                                      admin_username="admin", admin_full_name="Ada Admin",
                                      admin_password=ADMIN_PASSWORD,
                                      clock=lambda: datetime(2026, 11, 2, 15, 0, tzinfo=UTC))
        users.sign_in(ws, "admin", ADMIN_PASSWORD)
        result = codes.ensure_icd10_loaded(ws)
    finally:
        keyring.set_keyring(previous)
    yield ws, result
    ws.close()


@pytest.fixture
def ws(loaded: tuple[Workstation, LoadResult]) -> Workstation:
    return loaded[0]


def test_the_whole_release_is_loaded(loaded: tuple[Workstation, LoadResult]) -> None:
    ws, result = loaded
    import simple_icd_10_cm as cm

    assert result.loaded and result.version == source_version()
    with ws.read() as conn:
        groups = conn.execute(select(func.count()).select_from(icd10_groups)).scalar_one()
    entries = cm.get_all_codes()
    assert groups + result.rows == len(entries)  # chapters + blocks + codes, as the package counts them
    # Five billable categories share their name with the block around them; counting leaves that are
    # "not a block" misses them (74,714). They are codes a claim may carry:
    for code in ("B20", "F99", "P84", "R99", "Z66"):
        found = codes.icd10(ws, code)
        assert found is not None and found.billable, code
    if "April-1-2026" in result.version:
        assert (len(entries), result.rows, result.billable) == (98_505, 98_186, 74_719)


def test_loading_again_is_a_no_op(loaded: tuple[Workstation, LoadResult]) -> None:
    ws, first = loaded
    again = codes.ensure_icd10_loaded(ws)
    assert (again.loaded, again.rows, again.billable, again.version) == (False, first.rows, first.billable,
                                                                       first.version)
    with ws.read() as conn:
        loads = conn.execute(select(func.count()).select_from(audit_log).where(
            audit_log.c.entity == "codeset", audit_log.c.entity_id == "icd10")).scalar_one()
    assert loads == 1


def test_category_header_is_not_billable_and_its_leaf_is(ws: Workstation) -> None:
    header = codes.icd10(ws, "E11")
    assert header is not None and header.billable is False
    assert header.description == "Type 2 diabetes mellitus"
    leaf = codes.icd10(ws, "E11.9")
    assert leaf is not None and leaf.billable is True
    assert (leaf.code, leaf.display_code) == ("E119", "E11.9")
    assert codes.icd10(ws, "e119") == leaf
    subcategory = codes.icd10(ws, "E11.6")
    assert subcategory is not None and subcategory.billable is False
    seventh = codes.icd10(ws, "S72.001A")
    assert seventh is not None and seventh.billable and seventh.description.endswith("closed fracture")


def test_codes_that_are_also_block_names(ws: Workstation) -> None:
    # B20 is a block holding the single category B20 (billable); B99 holds B99.8 and B99.9.
    b20, b99 = codes.icd10(ws, "B20"), codes.icd10(ws, "B99")
    assert b20 is not None and b20.billable and "HIV" in b20.description
    assert b99 is not None and not b99.billable


@pytest.mark.parametrize("code", ["A00-A09", "4", "E11.99", "ZZZ", "", "E1"])
def test_what_is_not_a_code_is_not_found(ws: Workstation, code: str) -> None:
    assert codes.icd10(ws, code) is None


@pytest.mark.parametrize("typed", ["E11.6", "e116", "E116", "e11.6"])
def test_search_by_code_prefix(ws: Workstation, typed: str) -> None:
    hits = codes.search(ws, typed, "icd10", limit=10)
    assert [h.display_code for h in hits[:4]] == ["E11.6", "E11.61", "E11.610", "E11.618"]
    assert all(h.code.startswith("E116") and h.set_name == "icd10" for h in hits)
    assert [h.billable for h in hits[:4]] == [False, False, True, True]
    assert len(hits) == 10


def test_search_by_category_lists_the_header_first(ws: Workstation) -> None:
    hits = codes.search(ws, "E11", limit=50)
    assert hits[0].display_code == "E11" and not hits[0].billable
    codes_found = [h.code for h in hits]
    assert codes_found == sorted(codes_found)
    assert "E119" not in codes_found[:20]  # code order, not billable-first, for a code prefix


def test_search_by_words_requires_every_word_as_a_prefix(ws: Workstation) -> None:
    hits = codes.search(ws, "type 2 diab kidney", limit=20)
    found = {h.display_code for h in hits}
    assert {"E11.22", "E11.29", "E11.2"} <= found  # E11.21 says "nephropathy": not a match
    for hit in hits:
        words = hit.description.lower().replace(",", " ").split()
        for prefix in ("type", "2", "diab", "kidney"):
            assert any(w.startswith(prefix) for w in words), (hit, prefix)


def test_billable_codes_come_first_in_a_word_search(ws: Workstation) -> None:
    hits = codes.search(ws, "type 2 diab kidney", limit=20)
    flags = [h.billable for h in hits]
    assert flags == sorted(flags, reverse=True) and flags[-1] is False  # E11.2 (a header) last
    assert codes.search(ws, "hypertension", limit=1)[0].display_code == "I10"  # broad codes before narrow


def test_search_by_code_and_words(ws: Workstation) -> None:
    hits = codes.search(ws, "E11 kidney", limit=20)
    assert hits and all(h.code.startswith("E11") and "kidney" in h.description.lower() for h in hits)
    assert {h.display_code for h in hits} == {"E11.2", "E11.22", "E11.29"}


def test_a_code_looking_word_falls_back_to_the_descriptions(ws: Workstation) -> None:
    hits = codes.search(ws, "b12", limit=5)
    assert hits and all(h.code.startswith("D51") or "B12" in h.description for h in hits)
    assert codes.search(ws, "vitamin b12 anemia", limit=5)[0].code.startswith("D51")


def test_apostrophes_and_case_do_not_matter(ws: Workstation) -> None:
    assert "G309" in {h.code for h in codes.search(ws, "ALZHEIMERS", limit=10)}
    assert "G309" in {h.code for h in codes.search(ws, "alzheimer's disease unsp", limit=10)}


def test_limit_and_empty_queries(ws: Workstation) -> None:
    assert len(codes.search(ws, "fracture", limit=3)) == 3
    assert codes.search(ws, "   ") == []
    assert codes.search(ws, "zzqx") == []
    assert codes.search(ws, '"diab* OR NOT') == codes.search(ws, "diab or not")  # nothing is an operator


def test_icd10_database_file_is_encrypted(ws: Workstation) -> None:
    head = Path(ws.path).read_bytes()[:4096]
    assert b"SQLite format 3" not in head and b"diabetes" not in Path(ws.path).read_bytes()[:2_000_000]
