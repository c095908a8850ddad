"""Code sets without a database: what a search query means, the shipped lists, and reading the files
people import (CMS's HCPCS file, the practice's CPT file, the CARC/RARC lists)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from medbill_desktop.codesets.cpt import read_cpt_file
from medbill_desktop.codesets.hcpcs import read_hcpcs_file
from medbill_desktop.codesets.model import CodeFileError, CodeSet
from medbill_desktop.codesets.query import is_cpt_code, is_valid_format, parse_icd10, parse_small
from medbill_desktop.codesets.remit import read_remit_file
from medbill_desktop.codesets.shipped import SHIPPED_FILES, read_shipped


# --- queries ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["E11.6", "e116", " e11.6 ", "E116"])
def test_a_code_prefix_is_read_the_same_with_or_without_the_dot(typed: str) -> None:
    parsed = parse_icd10(typed)
    assert (parsed.code_prefix, parsed.words, parsed.loose) == ("E116", (), ())


def test_words_are_lowercased_prefixes_and_apostrophes_go() -> None:
    assert parse_icd10("Type 2 Diab kidney").words == ("type", "2", "diab", "kidney")
    assert parse_icd10("Alzheimer's").words == ("alzheimers",)
    assert parse_icd10("non-ST elevation").words == ("non", "st", "elevation")


def test_a_code_then_words_and_a_code_looking_word_later() -> None:
    parsed = parse_icd10("E11 kidney")
    assert (parsed.code_prefix, parsed.words) == ("E11", ("kidney",))
    parsed = parse_icd10("vitamin b12 anemia")
    assert (parsed.code_prefix, parsed.words, parsed.loose) == ("", ("vitamin", "anemia"), ("b12",))


def test_a_lone_letter_is_a_chapter_but_not_when_words_follow() -> None:
    assert parse_icd10("e").code_prefix == "E"
    parsed = parse_icd10("e coli")
    assert (parsed.code_prefix, parsed.words) == ("", ("e", "coli"))


def test_small_set_queries_try_the_first_token_as_a_code() -> None:
    parsed = parse_small("j11")
    assert (parsed.code_prefix, parsed.loose) == ("J11", ("j11",))
    assert parse_small("annual wellness").loose == ("annual", "wellness")
    assert parse_small("   ").empty


@pytest.mark.parametrize(("code", "ok"), [("99213", True), ("0001U", True), ("3074F", True), ("0042T", True),
                                          ("9921", False), ("992133", False), ("A9921", False),
                                          ("1234X", False), ("99213 ", True)])
def test_cpt_code_format(code: str, ok: bool) -> None:
    assert is_cpt_code(code) is ok


def test_other_code_formats() -> None:
    assert is_valid_format(CodeSet.ICD10, "E11.65") and is_valid_format(CodeSet.ICD10, "S72001A")
    assert not is_valid_format(CodeSet.ICD10, "E1")
    assert is_valid_format(CodeSet.HCPCS, "j1100") and not is_valid_format(CodeSet.HCPCS, "99213")
    assert is_valid_format(CodeSet.POS, "11") and not is_valid_format(CodeSet.POS, "1")
    assert is_valid_format(CodeSet.RARC, "MA130") and is_valid_format(CodeSet.CARC, "A1")


# --- shipped lists ---------------------------------------------------------------------------------
@pytest.mark.parametrize("set_name", list(SHIPPED_FILES))
def test_shipped_lists_are_well_formed(set_name: CodeSet) -> None:
    entries = read_shipped(set_name)
    codes = [e.code for e in entries]
    assert len(codes) == len(set(codes)), "a code is listed twice"
    assert all(e.description and len(e.description) <= 80 for e in entries)


def test_shipped_lists_hold_what_a_practice_needs() -> None:
    hcpcs = {e.code: e.description for e in read_shipped(CodeSet.HCPCS)}
    assert {"G0008", "G0009", "G0438", "G0439", "J1100", "J3420", "Q0091", "A4253", "E0601"} <= set(hcpcs)
    assert len(hcpcs) <= 300
    pos = {e.code: e.description for e in read_shipped(CodeSet.POS)}
    assert pos["11"] == "Office" and pos["02"].startswith("Telehealth") and "28" not in pos
    modifiers = {e.code for e in read_shipped(CodeSet.MODIFIER)}
    assert {"25", "59", "XE", "XS", "XP", "XU", "26", "TC", "50", "LT", "RT", "76", "77", "91", "GA", "GY",
            "GZ", "95", "GT", "KX", "QW", "24", "57", "58", "78", "79", "51", "52", "53", "FY", "JW", "JZ",
            "CR"} <= modifiers
    assert {e.code for e in read_shipped(CodeSet.GROUP)} == {"CO", "OA", "PI", "PR"}
    assert {"1", "2", "3", "45", "97", "CO"} & {e.code for e in read_shipped(CodeSet.CARC)} == {"1", "2", "3", "45",
                                                                                              "97"}


# --- CMS's HCPCS file ------------------------------------------------------------------------------
def anweb(code: str, seq: str, record: str, long: str, short: str = "", added: str = "", term: str = "") -> str:
    """One record of CMS's fixed-width file, placed by the record layout's columns."""
    line = [" "] * 320

    def put(first: int, last: int, value: str) -> None:
        assert len(value) <= last - first + 1
        line[first - 1:first - 1 + len(value)] = value

    put(1, 5, code)
    put(6, 10, seq)
    put(11, 11, record)
    put(12, 91, long)
    put(92, 119, short)
    put(269, 276, added)
    put(285, 292, term)
    return "".join(line).rstrip()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_fixed_width_hcpcs_file(tmp_path: Path) -> None:
    lines = [
        anweb("A0021", "00100", "3", "Ambulance service, outside state per mile, transport (Medicaid only)",
              "Outside state ambulance serv", added="20000101"),
        anweb("G0438", "00100", "3", "Annual wellness visit; includes a personalized prevention plan of",
              "Ppps, initial visit", added="20110101"),
        anweb("G0438", "00200", "4", "service (pps), initial visit"),
        anweb("99213", "00100", "3", "Level one code row that must never be stored", "Office o/p est low"),
        anweb("25", "00100", "7", "Significant, separately identifiable e/m service", "Sig sep e/m svc"),
        anweb("Q0092", "00100", "3", "Set-up portable x-ray equipment", "Set up port xray equipment",
              added="19970101", term="20241231"),
    ]
    path = write(tmp_path, "HCPC2026_APR_ANWEB.txt", "\r\n".join(lines) + "\r\n")
    parsed = read_hcpcs_file(path)
    by_code = {e.code: e for e in parsed.entries}
    assert list(by_code) == ["A0021", "G0438", "Q0092"]
    assert by_code["G0438"].description == ("Annual wellness visit; includes a personalized prevention plan of "
                                            "service (pps), initial visit")
    assert by_code["G0438"].effective_from == date(2011, 1, 1) and by_code["G0438"].effective_to is None
    assert by_code["Q0092"].effective_to == date(2024, 12, 31)
    assert (parsed.skipped_level_one, parsed.skipped_modifiers) == (1, 1)
    assert parsed.terminated_by(date(2026, 11, 2)) == 1
    assert parsed.terminated_by(date(2024, 12, 31)) == 0  # the termination date is the last day of use


def test_fixed_width_file_with_a_wrong_record_id_names_the_line(tmp_path: Path) -> None:
    lines = [anweb("A0021", "00100", "3", "Ambulance service, outside state per mile", "Outside state ambulance"),
             anweb("A0080", "00100", "5", "Non-emergency transport, per mile", "Noner transport mile")]
    with pytest.raises(CodeFileError, match=r"^line 2: record id '5'"):
        read_hcpcs_file(write(tmp_path, "hcpcs.txt", "\n".join(lines)))


def test_hcpcs_csv_export_with_a_title_line_and_header(tmp_path: Path) -> None:
    text = (
        "HCPCS 2026 April alpha-numeric file,,,,\n"
        "HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION,ADD DT,TERM DT\n"
        'J1100,00100,3,"Injection, dexamethasone sodium phosphate, 1 mg",Dexamethasone sodium phos,19940101,\n'
        "J1101,00100,3,Made-up terminated drug,Old drug,20200101,20230630\n"
        "90471,00100,3,Level one row,Immunization admin,,\n"
    )
    parsed = read_hcpcs_file(write(tmp_path, "hcpcs.csv", text))
    assert [(e.code, e.description, e.effective_to) for e in parsed.entries] == [
        ("J1100", "Injection, dexamethasone sodium phosphate, 1 mg", None),
        ("J1101", "Made-up terminated drug", date(2023, 6, 30)),
    ]
    assert parsed.skipped_level_one == 1


def test_hcpcs_csv_with_dates_in_us_format_and_cp1252_text(tmp_path: Path) -> None:
    text = "HCPC,LONG DESCRIPTION,TERM DT\r\nA4253,Blood glucose test strips – per 50,12/31/2025\r\n"
    parsed = read_hcpcs_file(write(tmp_path, "hcpcs.csv", text, encoding="cp1252"))
    assert parsed.entries[0].description == "Blood glucose test strips – per 50"
    assert parsed.entries[0].effective_to == date(2025, 12, 31)


def test_hcpcs_csv_without_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CodeFileError, match="no header row naming the HCPC"):
        read_hcpcs_file(write(tmp_path, "hcpcs.csv", "J1100,Dexamethasone\nJ3420,Vitamin B12\n"))


def test_hcpcs_bad_date_names_the_line(tmp_path: Path) -> None:
    text = "HCPC,LONG DESCRIPTION,TERM DT\nJ1100,Dexamethasone,20241301\n"
    with pytest.raises(CodeFileError, match=r"^line 2: the termination date '20241301' is not a date"):
        read_hcpcs_file(write(tmp_path, "hcpcs.csv", text))


# --- the practice's CPT file -----------------------------------------------------------------------
def test_cpt_file_with_header(tmp_path: Path) -> None:
    text = "Code,Description,Fee\n99213,Office visit established patient level 3,95.00\n0001U,Lab panel,0\n"
    entries = read_cpt_file(write(tmp_path, "cpt.csv", text))
    assert [(e.code, e.description) for e in entries] == [
        ("99213", "Office visit established patient level 3"), ("0001U", "Lab panel")]


def test_cpt_file_without_header_keeps_commas_in_the_description(tmp_path: Path) -> None:
    entries = read_cpt_file(write(tmp_path, "cpt.csv", "99214,Office visit, established, moderate\n"))
    assert entries[0].description == "Office visit, established, moderate"


def test_cpt_file_tab_separated(tmp_path: Path) -> None:
    entries = read_cpt_file(write(tmp_path, "cpt.txt", "99202\tNew patient visit\n3074F\tSystolic under 130\n"))
    assert [e.code for e in entries] == ["99202", "3074F"]


@pytest.mark.parametrize(("text", "message"), [
    ("code,description\n99213,Visit\n9921,Short code\n", r"^line 3: '9921' is not a CPT code"),
    ("99213,Visit\n99214\n", r"^line 2: expected a code and its description"),
    ("99213,Visit\n99214,   \n", r"^line 2: the description of 99214 is empty"),
    ("99213,Visit\n\n99213,Again\n", r"^line 3: 99213 appears again \(first on line 1\)"),
    ("Procedure,Words\n99213,Visit\n", r"^line 1: the header row needs a code column"),
])
def test_cpt_file_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CodeFileError, match=message):
        read_cpt_file(write(tmp_path, "cpt.csv", text))


# --- CARC / RARC -----------------------------------------------------------------------------------
def test_carc_list_with_header_and_dates(tmp_path: Path) -> None:
    text = ("Code,Description,Start,Stop\n"
            "45,Charge exceeds fee schedule,01/01/1995,\n"
            "D1,Claim/service denied. Level of subluxation is missing,01/01/1995,06/30/2007\n")
    entries = read_remit_file(write(tmp_path, "carc.csv", text), CodeSet.CARC)
    assert [(e.code, e.effective_from, e.effective_to) for e in entries] == [
        ("45", date(1995, 1, 1), None), ("D1", date(1995, 1, 1), date(2007, 6, 30))]


def test_rarc_list_without_header(tmp_path: Path) -> None:
    entries = read_remit_file(write(tmp_path, "rarc.csv", "N130,See plan documents\nMA01,Appeal rights\n"),
                              CodeSet.RARC)
    assert [e.code for e in entries] == ["N130", "MA01"]


def test_rarc_list_with_a_carc_code_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(CodeFileError, match=r"^line 2: '45' is not a remittance advice remark code"):
        read_remit_file(write(tmp_path, "rarc.csv", "N130,See plan documents\n45,Wrong list\n"), CodeSet.RARC)
