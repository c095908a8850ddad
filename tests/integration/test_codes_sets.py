"""Code sets in a real workstation database: loading a part of ICD-10-CM, the shipped lists, and
importing CMS's HCPCS file, the practice's CPT file and the CARC/RARC lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from medbill_desktop.codesets.icd10 import Icd10Data, with_dot
from medbill_desktop.codesets.model import CodeFileError, Icd10Group, Icd10Row
from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import codes
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage.tables import audit_log, code_entries, icd10_codes


def anweb_line(code: str, record: str, long: str, short: str = "", *, seq: str = "00100", added: str = "",
               term: str = "") -> str:
    """One record placed by the record layout's columns (1-based): code 1-5, sequence 6-10, record id 11,
    long description 12-91, short description 92-119, date added 269-276, termination date 285-292."""
    line = [" "] * 320
    for first, last, value in ((1, 5, code), (6, 10, seq), (11, 11, record), (12, 91, long), (92, 119, short),
                               (269, 276, added), (285, 292, term)):
        assert len(value) <= last - first + 1, value
        line[first - 1:first - 1 + len(value)] = value
    return "".join(line).rstrip()


def icd_subset(version: str, entries: list[tuple[str, str, bool]]) -> Icd10Data:
    """A few codes of chapter 4, ranked the way the real loader ranks them."""
    groups = (Icd10Group("4", "chapter", "Endocrine, nutritional and metabolic diseases (E00-E89)", ""),
              Icd10Group("E08-E13", "block", "Diabetes mellitus (E08-E13)", "4"))
    order = sorted(range(len(entries)), key=lambda i: (not entries[i][2], len(entries[i][0]), i))
    rank = {i: r for r, i in enumerate(order)}
    rows = tuple(
        Icd10Row(code=code, display_code=with_dot(code), description=desc, billable=billable,
                 kind="category" if len(code) == 3 else "subcategory",
                 parent="E08-E13" if len(code) == 3 else code[:-1], chapter="4", block="E08-E13", rank=rank[i])
        for i, (code, desc, billable) in enumerate(entries)
    )
    return Icd10Data(version, groups, rows)


DIABETES = [
    ("E11", "Type 2 diabetes mellitus", False),
    ("E112", "Type 2 diabetes mellitus with kidney complications", False),
    ("E1122", "Type 2 diabetes mellitus with diabetic chronic kidney disease", True),
    ("E119", "Type 2 diabetes mellitus without complications", True),
    ("E10", "Type 1 diabetes mellitus", False),
    ("E109", "Type 1 diabetes mellitus without complications", True),
]


def test_creating_a_workstation_does_not_load_icd10(workstation: Workstation) -> None:
    assert not codes.icd10_loaded(workstation)
    assert codes.search(workstation, "E11") == []
    assert codes.icd10(workstation, "E11.9") is None


def test_loading_a_release_replaces_the_previous_one(workstation: Workstation) -> None:
    codes.load_icd10(workstation, icd_subset("test release 1", DIABETES))
    assert [h.display_code for h in codes.search(workstation, "type 1 diab")] == ["E10.9", "E10"]
    assert [h.display_code for h in codes.search(workstation, "E11")] == ["E11", "E11.2", "E11.22", "E11.9"]

    result = codes.load_icd10(workstation, icd_subset("test release 2", DIABETES[:4]))
    assert (result.rows, result.billable) == (4, 2)
    assert codes.search(workstation, "type 1") == []  # gone from the table and from the word index
    assert codes.icd10(workstation, "E10.9") is None
    with workstation.read() as conn:
        assert conn.execute(select(func.count()).select_from(icd10_codes)).scalar_one() == 4
        fts = conn.exec_driver_sql("SELECT count(*) FROM icd10_fts WHERE icd10_fts MATCH 'terms : diab*'")
        assert fts.scalar_one() == 4


# --- the shipped lists -----------------------------------------------------------------------------
def test_shipped_lists_are_searchable_without_any_import(workstation: Workstation) -> None:
    assert [(h.code, h.description) for h in codes.search(workstation, "office", "pos")] == [("11", "Office")]
    assert codes.search(workstation, "11", "pos")[0].code == "11"
    assert codes.search(workstation, "25", "modifier")[0].description.startswith("Separate visit")
    assert [h.code for h in codes.search(workstation, "annual wellness", "hcpcs")] == ["G0438", "G0439"]
    hits = codes.search(workstation, "j1", "hcpcs", limit=50)
    assert hits and all(h.code.startswith("J1") for h in hits) and hits == sorted(hits, key=lambda h: h.code)
    assert codes.search(workstation, "PR", "group")[0].description.startswith("Patient responsibility")
    entry = codes.lookup(workstation, "modifier", "lt")
    assert entry is not None and entry.description == "Left side"
    assert codes.lookup(workstation, "pos", "28") is None  # unassigned
    every_pos = codes.search(workstation, "", "pos", limit=200)  # an empty query lists the set
    assert len(every_pos) == 52 and every_pos[0].code == "01" and every_pos[-1].code == "99"


def test_search_rejects_an_unknown_set(workstation: Workstation) -> None:
    with pytest.raises(ServiceError, match="There is no code set 'snomed'"):
        codes.search(workstation, "x", "snomed")


def test_cpt_has_no_codes_until_the_practice_imports_its_file(workstation: Workstation) -> None:
    assert codes.search(workstation, "99213", "cpt") == []


# --- HCPCS -----------------------------------------------------------------------------------------
def test_hcpcs_fixed_width_import(workstation: Workstation, tmp_path: Path) -> None:
    path = tmp_path / "HCPC2026_APR_ANWEB.txt"
    path.write_text("\n".join([
        anweb_line("J1100", "3", "Injection, dexamethasone sodium phosphate, 1mg", "Dexamethasone sodium phos",
                   added="19940101"),
        anweb_line("G0999", "3", "Made-up new preventive service for testing,", "New prev svc", added="20260401"),
        anweb_line("G0999", "4", "each 15 minutes"),
        anweb_line("Q0092", "3", "Set-up portable x-ray equipment", "Set up port xray equipment",
                   added="19970101", term="20241231"),
        anweb_line("99213", "3", "A Level I row that must not be stored", "Office o/p est low 20 min"),
    ]) + "\n")
    counts = codes.import_hcpcs(workstation, path)
    assert (counts.added, counts.updated, counts.skipped, counts.terminated) == (2, 1, 1, 1)

    j1100 = codes.lookup(workstation, "hcpcs", "J1100")
    assert j1100 is not None and j1100.description == "Injection, dexamethasone sodium phosphate, 1mg"
    assert [h.code for h in codes.search(workstation, "preventive 15 min", "hcpcs")] == ["G0999"]
    terminated = codes.search(workstation, "Q0092", "hcpcs")
    assert [(h.code, h.billable) for h in terminated] == [("Q0092", False)]
    assert codes.lookup(workstation, "hcpcs", "99213") is None
    # the shipped codes the file did not mention are still there
    assert codes.lookup(workstation, "hcpcs", "G0439") is not None
    with workstation.read() as conn:
        sources = dict(conn.execute(select(code_entries.c.code, code_entries.c.source)
                                    .where(code_entries.c.set_name == "hcpcs")).all())
        audited = conn.execute(select(audit_log.c.detail).where(audit_log.c.entity_id == "hcpcs")).scalar_one()
    assert (sources["J1100"], sources["G0439"]) == ("cms", "shipped")
    assert '"added":2' in audited.replace(" ", "")


def test_shipped_list_never_overwrites_an_import(workstation: Workstation, tmp_path: Path) -> None:
    path = tmp_path / "hcpcs.csv"
    path.write_text("HCPC,LONG DESCRIPTION\nG0438,Annual wellness visit per CMS\n")
    codes.import_hcpcs(workstation, path)
    with workstation.write() as conn:  # as if a new release shipped a different list
        conn.exec_driver_sql("UPDATE codeset_versions SET version = 'old' WHERE set_name = 'hcpcs.shipped'")
    codes._shipped_checked.clear()
    codes.ensure_shipped_loaded(workstation)
    g0438 = codes.lookup(workstation, "hcpcs", "G0438")
    assert g0438 is not None and g0438.description == "Annual wellness visit per CMS"


def test_a_bad_hcpcs_file_changes_nothing(workstation: Workstation, tmp_path: Path) -> None:
    path = tmp_path / "hcpcs.csv"
    path.write_text("HCPC,LONG DESCRIPTION\nJ1100,New words\nJ11,Broken code\n")
    with pytest.raises(CodeFileError, match=r"^line 3: 'J11' is not a HCPCS code"):
        codes.import_hcpcs(workstation, path)
    j1100 = codes.lookup(workstation, "hcpcs", "J1100")
    assert j1100 is not None and j1100.description != "New words"


# --- CPT -------------------------------------------------------------------------------------------
def test_cpt_import_then_search_and_replace(workstation: Workstation, tmp_path: Path) -> None:
    first = tmp_path / "cpt2026.csv"
    first.write_text("code,description\n99213,Office visit established low\n99214,Office visit established "
                     "moderate\n0001U,Red cell antigen typing\n")
    counts = codes.import_cpt(workstation, first)
    assert (counts.added, counts.updated, counts.removed) == (3, 0, 0)
    assert [h.code for h in codes.search(workstation, "9921", "cpt")] == ["99213", "99214"]
    assert [h.code for h in codes.search(workstation, "office moder", "cpt")] == ["99214"]
    assert codes.search(workstation, "0001u", "cpt")[0].code == "0001U"

    second = tmp_path / "cpt2027.csv"
    second.write_text("99213,Office visit established low\n99215,Office visit established high\n")
    counts = codes.import_cpt(workstation, second)
    assert (counts.added, counts.updated, counts.removed) == (1, 1, 2)
    assert codes.lookup(workstation, "cpt", "99214") is None
    assert [h.code for h in codes.search(workstation, "office", "cpt")] == ["99213", "99215"]


def test_a_malformed_cpt_line_is_named_and_nothing_is_imported(workstation: Workstation, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("99202,New patient visit straightforward\n")
    codes.import_cpt(workstation, good)
    bad = tmp_path / "bad.csv"
    bad.write_text("99213,Office visit low\n99214,Office visit moderate\n992X5,Typo\n99215,Office visit high\n")
    with pytest.raises(CodeFileError) as caught:
        codes.import_cpt(workstation, bad)
    assert str(caught.value) == "line 3: '992X5' is not a CPT code (five digits, or four digits and F, T or U)"
    assert caught.value.line == 3
    assert [h.code for h in codes.search(workstation, "office", "cpt")] == []
    assert codes.lookup(workstation, "cpt", "99202") is not None  # the earlier import is untouched
    with workstation.read() as conn:
        assert conn.execute(select(func.count()).select_from(audit_log)
                            .where(audit_log.c.entity_id == "cpt")).scalar_one() == 1


def test_only_a_manager_imports_code_files(workstation: Workstation, tmp_path: Path,
                                           sign_in_as: Callable[[Role], Actor]) -> None:
    path = tmp_path / "cpt.csv"
    path.write_text("99213,Office visit\n")
    sign_in_as(Role.BILLER)
    with pytest.raises(PermissionDenied):
        codes.import_cpt(workstation, path)
    assert codes.search(workstation, "99213", "cpt") == []
    assert codes.search(workstation, "11", "pos")[0].code == "11"  # searching is for everyone


# --- CARC / RARC -----------------------------------------------------------------------------------
def test_carc_import_with_stop_dates(workstation: Workstation, tmp_path: Path) -> None:
    path = tmp_path / "carc.csv"
    path.write_text("Code,Description,Start,Stop\n"
                    "45,Charge exceeds fee schedule/maximum allowable,01/01/1995,\n"
                    "D1,Level of subluxation is missing or inadequate,01/01/1995,06/30/2007\n")
    counts = codes.import_remit_codes(workstation, "carc", path)
    assert (counts.added, counts.updated, counts.terminated) == (1, 1, 1)
    hits = codes.search(workstation, "D1", "carc")
    assert [(h.code, h.billable) for h in hits] == [("D1", False)]
    entry = codes.lookup(workstation, "carc", "45")
    assert entry is not None and entry.description.startswith("Charge exceeds fee schedule/maximum")
    with pytest.raises(ServiceError, match="Only the CARC and RARC lists"):
        codes.import_remit_codes(workstation, "pos", path)
