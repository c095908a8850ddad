"""The CMS-1500 renderer measured with pdfplumber: every field of the grid starts at its position (within
1 pt) and fits its width; calibration moves every field by exactly the profile's offset and a nudge moves only
its field; money sits on both sides of the divider; the full form draws the form and the red output draws
nothing but data; long claims take several pages, each totalled on its own.

A character's baseline is char["matrix"][5] (PDF space, up from the bottom); its origin char["matrix"][4]."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

import pdfplumber
import pytest
from test_claim_form import FLIPPED, FULL, SMALL_FORMS

from medbill_desktop.documents import cms1500_form
from medbill_desktop.documents.calibration import CalibrationProfile, alignment_test_page
from medbill_desktop.documents.cms1500 import render_claims
from medbill_desktop.documents.cms1500_grid import (
    LEADING,
    ORIGIN_X,
    ORIGIN_Y,
    PAGE_HEIGHT,
    PITCH,
    Slot,
    col_x,
    line_top,
    load_grid,
)
from medbill_desktop.domain.claim_form import (
    FIELD_KEYS,
    ClaimForm,
    FormLine,
    claim_form_from_data,
    money_text,
    paginate,
    printable,
)

GRID = load_grid()
Char = dict[str, Any]
LABELS = ("HEALTH INSURANCE CLAIM FORM", "2. PATIENT'S NAME", "APPROVED OMB-0938-1197 FORM 1500 (02-12)",
          "PICA", "24. A.", "33. BILLING PROVIDER INFO & PH #", "READ BACK OF FORM")


def _forms() -> list[ClaimForm]:
    """FULL, FLIPPED and the other plan types: together they print every field of the grid."""
    return [claim_form_from_data(FULL), claim_form_from_data(FLIPPED), *map(claim_form_from_data, SMALL_FORMS)]


def _read(pdf: bytes) -> tuple[list[list[Char]], list[str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [list(page.chars) for page in doc.pages], [page.extract_text() or "" for page in doc.pages]


@cache
def _red() -> tuple[tuple[ClaimForm, ...], list[list[Char]]]:
    forms = tuple(_forms())
    chars, _ = _read(render_claims(forms, mode="red"))
    return forms, chars


def _width(slot: Slot, values: dict[str, str]) -> int:
    if slot.yields_to and values.get(slot.yields_to):
        return GRID.by_key[slot.yields_to].col - slot.col - 1
    return slot.width


def _fields(chars: list[Char], values: dict[str, str]) -> dict[str, list[Char]]:
    """The page's Courier characters grouped by the field whose box (line, columns) holds them; '?' for any
    character no field accounts for."""
    on_line: dict[int, list[Slot]] = defaultdict(list)
    for slot in GRID.slots:
        on_line[slot.line].append(slot)
    out: dict[str, list[Char]] = defaultdict(list)
    for ch in chars:
        if ch["fontname"] != "Courier":
            continue
        line = round((PAGE_HEIGHT - ch["matrix"][5] - ORIGIN_Y) / LEADING) + 1
        col = round((ch["matrix"][4] - ORIGIN_X) / PITCH) + 1
        owner = [s.key for s in on_line.get(line, ()) if s.col <= col < s.col + _width(s, values)]
        out[owner[0] if len(owner) == 1 else "?"].append(ch)
    return out


def _values(form: ClaimForm) -> dict[str, str]:
    return printable(paginate(form)[0])


# --- positions ---------------------------------------------------------------------------------------------------

def test_every_field_starts_at_its_grid_position_and_fits_its_width() -> None:
    forms, pages = _red()
    assert len(pages) == len(forms) == 7
    measured: set[str] = set()
    for form, chars in zip(forms, pages, strict=True):
        values = _values(form)
        fields = _fields(chars, values)
        assert "?" not in fields, "".join(c["text"] for c in fields["?"])
        for slot in GRID.slots:
            width = _width(slot, values)
            expected = values.get(slot.key, "")[:width]
            got = fields.get(slot.key, [])
            assert "".join(c["text"] for c in got) == expected, slot.key
            if not expected:
                continue
            first = got[0]
            assert abs(first["matrix"][4] - col_x(slot.col)) <= 1.0, slot.key
            assert all(abs(c["matrix"][5] - (PAGE_HEIGHT - line_top(slot.line))) <= 1.0 for c in got), slot.key
            assert all(c["size"] == pytest.approx(12.0) for c in got), slot.key
            assert max(c["x1"] for c in got) <= col_x(slot.col) + width * PITCH + 0.01, slot.key
            measured.add(slot.key)
    assert measured == FIELD_KEYS  # every field of the grid was printed and measured at least once


def test_long_text_is_cut_to_its_box() -> None:
    forms, pages = _red()
    fields = _fields(pages[0], _values(forms[0]))
    assert "".join(c["text"] for c in fields["32.name"]) == "MAPLE STREET SURGERY CENTE"  # 27 letters, 26 fit
    # the shaded line's NDC stops a column before a note code on the same line
    line4 = "".join(c["text"] for c in fields["24.4.supplemental"])
    assert line4 == "N400409487601   ML1" and "".join(c["text"] for c in fields["24.4.note"]) == "GY"


def test_money_prints_either_side_of_the_dollars_cents_divider() -> None:
    form = claim_form_from_data(FULL)
    chars, _ = _read(render_claims([form], mode="full"))
    fields = _fields(chars[0], _values(form))
    divider = cms1500_form.mid(55)  # 24F: dollars in columns 50-54, cents in 56-57
    charge = [c for c in fields["24.1.charges"] if c["text"] != " "]
    assert "".join(c["text"] for c in charge) == "123450"
    assert all(c["x1"] <= divider for c in charge[:4]) and all(c["x0"] >= divider for c in charge[4:])
    with pdfplumber.open(io.BytesIO(render_claims([form], mode="full"))) as doc:
        assert any(abs(ln["x0"] - divider) < 0.01 and abs(ln["x1"] - divider) < 0.01
                   and ln["top"] <= line_top(44) - 4 <= ln["bottom"] for ln in doc.pages[0].lines), "24F divider"


# --- calibration -------------------------------------------------------------------------------------------------

def _moves(before: list[Char], after: list[Char]) -> list[tuple[str, float, float]]:
    assert [c["text"] for c in before] == [c["text"] for c in after]
    return [(a["text"], b["matrix"][4] - a["matrix"][4], b["matrix"][5] - a["matrix"][5])
            for a, b in zip(before, after, strict=True)]


def test_a_profile_moves_every_field_by_exactly_its_offset() -> None:
    forms, pages = _red()
    moved, _ = _read(render_claims(forms, mode="red", profile=CalibrationProfile("HP 4050 tray 2", 10, 5)))
    total = 0
    for before, after in zip(pages, moved, strict=True):
        for _, dx, dy in _moves(before, after):
            assert dx == pytest.approx(7.2, abs=0.01)  # 10/100 in to the right
            assert dy == pytest.approx(-3.6, abs=0.01)  # 5/100 in down the page
            total += 1
    assert total > 900
    back, _ = _read(render_claims(forms[:1], mode="red", profile=CalibrationProfile("left, up", -4, -3)))
    for _, dx, dy in _moves(pages[0], back[0]):
        assert (dx, dy) == (pytest.approx(-2.88, abs=0.01), pytest.approx(2.16, abs=0.01))


def test_a_nudge_moves_only_its_field() -> None:
    forms, pages = _red()
    profile = CalibrationProfile("HP", 10, 5, nudges={"24.charges": (3, -2), "2": (-4, 0)})
    moved, _ = _read(render_claims(forms[:1], mode="red", profile=profile))
    values = _values(forms[0])
    owner = {id(c): key for key, chars in _fields(pages[0], values).items() for c in chars}
    counted = defaultdict(int)
    for ch, (_, dx, dy) in zip(pages[0], _moves(pages[0], moved[0]), strict=True):
        key = owner[id(ch)]
        if key.startswith("24.") and key.endswith(".charges"):
            expected, counted["24F"] = (7.2 + 2.16, -3.6 + 1.44), counted["24F"] + 1
        elif key == "2":
            expected, counted["2"] = (7.2 - 2.88, -3.6), counted["2"] + 1
        else:
            expected = (7.2, -3.6)
        assert (dx, dy) == (pytest.approx(expected[0], abs=0.01), pytest.approx(expected[1], abs=0.01)), key
    assert counted == {"24F": 48, "2": len(values["2"])}


def test_scale_is_about_the_top_left_corner_and_scales_the_type() -> None:
    form = claim_form_from_data(FULL)
    chars, _ = _read(render_claims([form], mode="red", profile=CalibrationProfile("97%", 0, 0, 0.97)))
    fields = _fields([{**c, "matrix": (1, 0, 0, 1, c["matrix"][4] / 0.97,
                                       PAGE_HEIGHT - (PAGE_HEIGHT - c["matrix"][5]) / 0.97)} for c in chars[0]],
                     _values(form))
    first = fields["1a"][0]
    assert first["matrix"][4] == pytest.approx(col_x(50), abs=0.01)
    assert first["size"] == pytest.approx(12 * 0.97, abs=0.01)


# --- the two outputs -----------------------------------------------------------------------------------------------

def test_the_full_form_draws_the_form_and_the_red_output_draws_only_data() -> None:
    form = claim_form_from_data(FULL)
    full_chars, (full_text,) = _read(render_claims([form], mode="full"))
    red_chars, (red_text,) = _read(render_claims([form], mode="red"))
    for label in LABELS:
        assert label in full_text, label
        assert label not in red_text, label
    assert {c["fontname"] for c in red_chars[0]} == {"Courier"}
    with pdfplumber.open(io.BytesIO(render_claims([form], mode="red"))) as doc:
        assert not doc.pages[0].lines and not doc.pages[0].rects
    courier = [c for c in full_chars[0] if c["fontname"] == "Courier"]
    assert [(c["text"], c["matrix"][4], c["matrix"][5]) for c in courier] == [
        (c["text"], c["matrix"][4], c["matrix"][5]) for c in red_chars[0]]


def test_in_full_mode_the_profile_moves_the_whole_page_and_nudges_are_not_used() -> None:
    form = claim_form_from_data(FULL)
    plain, _ = _read(render_claims([form], mode="full"))
    profile = CalibrationProfile("P", 10, 5, nudges={"24.charges": (3, -2)})
    moved, _ = _read(render_claims([form], mode="full", profile=profile))
    for _, dx, dy in _moves(plain[0], moved[0]):  # labels and data alike
        assert (dx, dy) == (pytest.approx(7.2, abs=0.01), pytest.approx(-3.6, abs=0.01))


def test_a_long_claim_prints_on_three_pages_each_totalled_on_its_own() -> None:
    diagnoses = tuple(f"M{n:02d}9" for n in range(1, 14))
    pointers = [(1 + i % 6,) for i in range(6)] + [(7 + i % 6,) for i in range(6)] + [(13,), (1,)]
    lines = tuple(FormLine(date(2026, 11, 2), "97110", 1000 * (i + 1), pointers=p) for i, p in enumerate(pointers))
    form = replace(claim_form_from_data(FULL), diagnoses=diagnoses, lines=lines)
    pages, texts = _read(render_claims([form, claim_form_from_data(FULL)], mode="red"))
    assert len(pages) == 4
    totals = []
    for page in (paginate(form)):
        values = printable(page)
        fields = _fields(pages[page.page - 1], values)
        totals.append("".join(c["text"] for c in fields["28"]))
        assert "".join(c["text"] for c in fields["28"]) == money_text(sum(ln.charge_cents for ln in page.lines))
    assert totals == ["  210 00", "  570 00", "  270 00"]
    assert "M139" in texts[2] and "M019" in texts[2] and "M139" not in texts[0]


def test_output_is_reproducible_and_checked() -> None:
    forms = [claim_form_from_data(FULL)]
    assert render_claims(forms) == render_claims(forms)
    assert render_claims(forms, mode="full") == render_claims(forms, mode="full")
    empty, _ = _read(render_claims([]))
    assert empty == [[]]
    with pytest.raises(ValueError, match="mode is 'red'"):
        render_claims(forms, mode="blue")  # type: ignore[arg-type]


# --- the alignment test page ----------------------------------------------------------------------------------------

def test_the_alignment_page_marks_every_checkbox_and_tells_how_to_measure() -> None:
    profile = CalibrationProfile("Front desk HP", 4, -2, nudges={"1a": (2, 0)})
    plain, (text,) = _read(alignment_test_page(CalibrationProfile("Front desk HP")))
    moved, _ = _read(alignment_test_page(profile))
    for phrase in ("CMS-1500 ALIGNMENT TEST", "Profile: Front desk HP", "HOW TO ALIGN", "hundredths of an inch",
                   "X offset", "nudge", "9.17 in apart"):
        assert phrase in text, phrase
    values = {s.key: "X" for s in GRID.slots if s.check}
    fields = _fields(plain[0], values)
    for slot in GRID.slots:
        if slot.check:
            (x,) = fields[slot.key]
            assert (x["text"], x["matrix"][4], x["matrix"][5]) == ("X", pytest.approx(col_x(slot.col)),
                                                                  pytest.approx(PAGE_HEIGHT - line_top(slot.line)))
    assert "".join(c["text"] for c in fields["1a"]) == "X" * 17
    assert fields["1a"][0]["matrix"][4] == pytest.approx(col_x(50))
    shifted = [c for c in moved[0] if c["fontname"] == "Courier"]
    unshifted = [c for c in plain[0] if c["fontname"] == "Courier"]
    owner = {id(c): key for key, chars in fields.items() for c in chars}
    for a, (_, dx, dy) in zip(unshifted, _moves(unshifted, shifted), strict=True):
        nudge = 1.44 if owner[id(a)] == "1a" else 0.0
        assert (dx, dy) == (pytest.approx(2.88 + nudge, abs=0.01), pytest.approx(1.44, abs=0.01))


# --- the grid ---------------------------------------------------------------------------------------------------------

def test_the_grid_is_the_reference_and_every_row_is_accounted_for() -> None:
    assert len(GRID.rows) == 101
    for row in GRID.rows:
        assert bool(row.keys) != bool(row.skipped), (row.item, row.field)
    skipped = {(r.item, r.field) for r in GRID.rows if r.skipped}
    assert ("8", "reserved for NUCC") in skipped and ("30", "reserved for NUCC") in skipped
    one_a = GRID.by_key["1a"]
    assert (one_a.line, one_a.col, one_a.width) == (8, 50, 17)
    assert one_a.x == 20 + 49 * 7.2 and one_a.y == PAGE_HEIGHT - (24 + 7 * 12)
    assert (GRID.by_key["24.6.charges"].line, GRID.by_key["24.6.supplemental"].line) == (54, 53)
    assert (GRID.by_key["3.dob"].col, GRID.by_key["3.dob"].width) == (31, 10)  # 31/34/37, 2/2/4
    assert GRID.by_key["24.1.emg"].source == "extra"


def test_no_two_fields_share_a_column_and_all_fit_the_form() -> None:
    on_line: dict[int, list[Slot]] = defaultdict(list)
    for slot in GRID.slots:
        on_line[slot.line].append(slot)
        assert slot.col >= 1 and slot.end_col <= 79, slot.key
    for slots in on_line.values():
        slots.sort(key=lambda s: s.col)
        for a, b in zip(slots, slots[1:], strict=False):
            if a.yields_to == b.key:
                continue
            assert a.end_col < b.col, (a.key, b.key)
