"""The statement renderer on its own: the guarantor's and the remit-to addresses measured with pdfplumber inside the
windows of a #10 double-window envelope (for every position the folded letter can take in it), nothing else
showing through the windows, every fact on the page, continuation pages, and the snapshot round trip that makes
a reprint identical."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest

from medbill_desktop.documents.statement import (
    ActivityLine,
    MailingAddress,
    PlanLine,
    StatementData,
    VisitLine,
    from_json,
    page_count,
    render_statement,
    render_statements,
    to_json,
)

IN = 72.0  # points per inch

# The envelope, restated here from the envelope makers' figures rather than read from the renderer: #10 (4-1/8" x
# 9-1/2"), flap up; window = (height, width, from the envelope's left, from its bottom), in inches.
ENVELOPE_WIDTH = 9.5
LOWER = (1.125, 4.5, 0.875, 0.5)  # the standard #10 window: the guarantor's address
UPPER = (1.0, 3.5, 0.875, 2.5)  # the return window: the remit-to address
FOLD = 11 / 3  # the letter is folded in thirds; the top panel faces out, its top edge up
SIDEWAYS = (-0.25, 0.0, 0.25)  # the folded letter's play either way of centre
LIFTS = (0.0, 0.125)  # and off the envelope's bottom
CLEAR = 0.125  # USPS: 1/8" between the address and every window edge


def window_on_page(window: tuple[float, float, float, float], shift: float, lift: float
                   ) -> tuple[float, float, float, float]:
    """The window as a rectangle of the page (x0, top, x1, bottom in inches from the page's left and top) when
    the letter sits `shift` right of centre and `lift` above the envelope's bottom."""
    height, width, left, bottom = window
    page_left = (ENVELOPE_WIDTH - 8.5) / 2 + shift  # the letter's left edge, from the envelope's
    page_top = FOLD + lift  # the letter's top edge, from the envelope's bottom
    return (left - page_left, page_top - bottom - height, left + width - page_left, page_top - bottom)


DATA = StatementData(
    practice_name="Riverside Family Medicine", practice_lines=("1200 Riverside Drive, Suite 210",
                                                                "Springfield, IL 62701"),
    practice_phone="(217) 555-0100",
    remit_to=MailingAddress("Riverside Family Medicine", ("PO Box 4410", "Billing Department",
                                                           "Springfield, IL 62708-4410")),
    guarantor=MailingAddress("Maria L Garcia-Villanueva", ("1418 Hinman Avenue", "Apartment 3",
                                                           "Evanston, IL 60201-4433")),
    account_number="A1000012", statement_date=date(2026, 11, 2), since=date(2026, 10, 1), first_statement=False,
    patients=(("Maria Garcia-Villanueva", "A1000012"), ("Sofia Garcia", "A1000013")),
    activity=(
        ActivityLine(date(2026, 10, 5), "Sofia Garcia", "Charge of $125.00 for 99213 on the 10/05/2026 visit, "
                     "billed to Aetna.", 12500, 0),
        ActivityLine(date(2026, 10, 28), "Sofia Garcia", "Your insurance (Aetna) allowed $80.00 of the $125.00 "
                     "charge for 99213 on the 10/05/2026 visit and paid $64.00; $16.00 is your coinsurance.", 0,
                     6400),
        ActivityLine(date(2026, 10, 30), "Maria Garcia-Villanueva", "You paid $20.00 by check no. 1042 toward the "
                     "08/14/2026 visit (99214).", 0, 2000)),
    visits=(VisitLine(date(2026, 8, 14), "Maria Garcia-Villanueva", "99214, 36415", 19500, 12000, 4000, 2000, 0,
                      1500),
            VisitLine(date(2026, 10, 5), "Sofia Garcia", "99213", 12500, 6400, 4500, 0, 0, 1600),
            VisitLine(date(2026, 10, 29), "Sofia Garcia", "99213, 81002", 13700, 0, 0, 0, 13700, 0)),
    aging=(1600, 0, 1500, 0, 0), patient_balance_cents=3100, credit_cents=0, pending_insurance_cents=13700,
    amount_due_cents=3100, pay_now_cents=2500,
    message="Thank you for keeping to your payment plan. Please pay the installment shown; you may always pay more.",
    plan=PlanLine("A1000001", 2500, date(2026, 11, 15), 2500, 0, 0, 3100),
)


def _words(pdf: bytes, page: int = 0) -> tuple[list[dict[str, float | str]], str, int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        p = doc.pages[page]
        return ([dict(w) for w in p.extract_words(keep_blank_chars=False)], p.extract_text(), len(doc.pages))


def _lines_of(words: list[dict[str, float | str]], texts: tuple[str, ...]) -> list[dict[str, float | str]]:
    """The words printed on the lines of the stub's left half whose text is one of `texts` (a line: words sharing
    a baseline)."""
    rows: dict[float, list[dict[str, float | str]]] = {}
    for w in words:
        if float(w["bottom"]) > FOLD * IN:
            continue
        rows.setdefault(round(float(w["bottom"]), 1), []).append(w)
    found = []
    for row in rows.values():
        row.sort(key=lambda w: float(w["x0"]))
        if " ".join(str(w["text"]) for w in row if float(w["x0"]) < 5 * IN) in texts:
            found.extend(w for w in row if float(w["x0"]) < 5 * IN)
    return found


@pytest.mark.parametrize(("name", "window", "block"), [
    ("guarantor", LOWER, ("MARIA L GARCIA-VILLANUEVA", "1418 Hinman Avenue", "Apartment 3",
                          "Evanston, IL 60201-4433")),
    ("remit-to", UPPER, ("Riverside Family Medicine", "PO Box 4410", "Billing Department",
                         "Springfield, IL 62708-4410")),
])
def test_the_addresses_sit_inside_the_envelope_windows(name: str, window: tuple[float, float, float, float],
                                                       block: tuple[str, ...]) -> None:
    words, _text, _pages = _words(render_statement(DATA))
    printed = _lines_of(words, block)
    assert " ".join(str(w["text"]) for w in printed).split() == " ".join(block).split(), name
    for shift in SIDEWAYS:
        for lift in LIFTS:
            x0, top, x1, bottom = window_on_page(window, shift, lift)
            for w in printed:
                where = (name, w["text"], shift, lift)
                assert float(w["x0"]) / IN >= x0 + CLEAR, where
                assert float(w["x1"]) / IN <= x1 - CLEAR, where
                assert float(w["top"]) / IN >= top + CLEAR, where
                assert float(w["bottom"]) / IN <= bottom - CLEAR, where


def test_nothing_but_the_addresses_shows_through_the_windows() -> None:
    words, _text, _pages = _words(render_statement(DATA))
    allowed = {id(w) for w in _lines_of(words, (
        "MARIA L GARCIA-VILLANUEVA", "1418 Hinman Avenue", "Apartment 3", "Evanston, IL 60201-4433",
        "Riverside Family Medicine", "PO Box 4410", "Billing Department", "Springfield, IL 62708-4410"))}
    for window in (LOWER, UPPER):
        for shift in SIDEWAYS:
            for lift in LIFTS:
                x0, top, x1, bottom = window_on_page(window, shift, lift)
                for w in words:
                    inside = (float(w["x1"]) > x0 * IN and float(w["x0"]) < x1 * IN
                              and float(w["bottom"]) > top * IN and float(w["top"]) < bottom * IN)
                    assert not inside or id(w) in allowed, (w["text"], window, shift, lift)


def test_a_long_address_line_is_made_smaller_to_stay_in_its_window() -> None:
    long = replace(DATA, guarantor=MailingAddress("Christopher Alexander Montgomery-Wellington III",
                                                  ("12345 North Martin Luther King Junior Boulevard West",
                                                   "Springfield, IL 62704-1234")))
    words, _text, _pages = _words(render_statement(long))
    lows = [w for w in words if 2.2 * IN < float(w["top"]) < 3.1 * IN and float(w["x0"]) < 5 * IN]
    assert lows and "MONTGOMERY-WELLINGTON" in " ".join(str(w["text"]) for w in lows)
    x0, top, x1, bottom = window_on_page(LOWER, 0.25, 0.0)
    assert max(float(w["x1"]) for w in lows) / IN <= x1 - CLEAR
    x0, top, x1, bottom = window_on_page(LOWER, -0.25, 0.0)
    assert min(float(w["x0"]) for w in lows) / IN >= x0 + CLEAR


def test_the_statement_carries_every_fact() -> None:
    _words_, text, pages = _words(render_statement(DATA))
    assert pages == 1 == page_count(DATA)
    for expected in (
        "PATIENT STATEMENT", "Statement date 11/02/2026", "Account number A1000012", "Amount due $31.00",
        "Plan installment due by 11/15/2026 $25.00", "Amount enclosed $", "VISA", "MasterCard", "Discover", "AMEX",
        "Card number", "Name on card", "Expires", "Signature",
        "Make checks payable to Riverside Family Medicine.", "Billing questions: (217) 555-0100",
        "Statement for Maria L Garcia-Villanueva", "Pending with insurance (not due yet): $137.00",
        "Payment plan A1000001: $25.00 a month",
        "Current 31–60 days 61–90 days 91–120 days Over 120 days", "$16.00 $0.00 $15.00 $0.00 $0.00",
        "Next installment: $25.00 due 11/15/2026.", "Left to pay on the plan: $31.00.",
        "Visits with a balance", "08/14/2026 Maria 99214, 36415 $195.00 $120.00 $40.00 $20.00 $0.00 $15.00",
        "10/29/2026 Sofia Garcia 99213, 81002 $137.00 $0.00 $0.00 $0.00 $137.00 $0.00",
        "Total $457.00 $184.00 $85.00 $20.00 $137.00 $31.00",
        "Account activity since your last statement (10/01/2026)",
        "10/28/2026 Sofia Garcia Your insurance (Aetna) allowed $80.00 of the $125.00 charge for 99213 on the -$64.00",
        "10/05/2026 Sofia Garcia Charge of $125.00 for 99213 on the 10/05/2026 visit, billed to Aetna. $125.00",
        "Page 1 of 1",
    ):
        assert expected in text or expected in " ".join(text.split()), expected


def test_a_long_statement_continues_on_numbered_pages_with_the_stub_on_the_first_only() -> None:
    many = replace(DATA, activity=tuple(
        ActivityLine(date(2026, 10, 1 + n % 28), "Sofia Garcia", f"Entry {n:02d}: a line long enough to wrap "
                     "onto a second line of the description column so the rows are taller than one line.", 100, 0)
        for n in range(60)))
    pdf = render_statement(many)
    n = page_count(many)
    assert n >= 3
    _w, first, pages = _words(pdf, 0)
    assert pages == n and f"Page 1 of {n}" in first and "Amount enclosed" in first
    _w, last, _pages = _words(pdf, n - 1)
    assert f"Page {n} of {n}" in last and "Amount enclosed" not in last
    assert "(continued)" in last and "Entry 59" in last
    seen = " ".join(_words(pdf, i)[1] for i in range(n))
    assert all(f"Entry {k:02d}" in seen for k in range(60))


def test_several_statements_in_one_pdf() -> None:
    other = replace(DATA, account_number="A1000099", guarantor=MailingAddress("Bo Park", ("5 Oak Ave",
                                                                                         "Springfield, IL 62704")))
    with pdfplumber.open(io.BytesIO(render_statements([DATA, other, DATA]))) as doc:
        assert len(doc.pages) == 3
        assert "Account number A1000099" in doc.pages[1].extract_text()


def test_the_snapshot_gives_back_the_same_statement_and_the_same_bytes() -> None:
    stored = json.dumps(to_json(DATA), sort_keys=True)
    again = from_json(json.loads(stored))
    assert again == DATA
    assert render_statement(again) == render_statement(DATA)
    no_plan = replace(DATA, plan=None, since=None, first_statement=True, activity=())
    assert from_json(json.loads(json.dumps(to_json(no_plan)))) == no_plan
    _w, text, _pages = _words(render_statement(no_plan))
    assert "Account activity on the visits above" in text and "Nothing has happened" in text
    assert "Plan installment" not in text
