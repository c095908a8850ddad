"""The Reports workspace against a real workstation: the dashboard's figures and charts; A/R aging from the
keyboard down to a claim's detail and on into the Claims workspace; patient aging by guarantor; the day sheet and
the key figures; saving a report as CSV and PDF through the file dialog; what a front desk user sees. And the
charts themselves: their arithmetic, their words, and that they paint."""

from __future__ import annotations

import csv
import io
import sys
from datetime import timedelta
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from account_support import Eob, eob, seen  # noqa: E402
from denials_support import deny, sent_claim  # noqa: E402
from front_desk_support import Desk, make_desk  # noqa: E402

from medbill_desktop.domain.roles import Role  # noqa: E402
from medbill_desktop.gui.charts import (  # noqa: E402
    PALETTE,
    BarChart,
    HorizontalBarChart,
    LineChart,
    Series,
    nice_top,
    short_money,
)
from medbill_desktop.gui.workspaces import find_workspace  # noqa: E402
from medbill_desktop.gui.workspaces.reports import ReportsWorkspace  # noqa: E402
from medbill_desktop.services import patient_payments, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
TWO_LINES = (("99213", 12500), ("36415", 1500))


class Data:
    def __init__(self, desk: Desk) -> None:
        self.john = desk.patient("Smith", "John")
        desk.insure(self.john, desk.aetna, copay_cents=0)
        self.john_visit = seen(desk, self.john, TWO_LINES, days_ago=45)
        eob(desk, self.john_visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1500, 1500)])
        self.mary = desk.patient("Jones", "Mary")
        desk.insure(self.mary, desk.aetna, copay_cents=0)
        self.mary_visit = seen(desk, self.mary, TWO_LINES, days_ago=100)
        self.sam = desk.patient("Self", "Sam")
        seen(desk, self.sam, TWO_LINES, days_ago=200)
        patient_payments.take_payment(desk.ws, self.sam.id, 4000, "cash")
        self.denied = sent_claim(desk, "Denied", days_ago=40)
        deny(desk, self.denied, ("CO", "16"), check_date=desk.today - timedelta(days=3))


@pytest.fixture
def data(workstation: Workstation) -> Data:
    return Data(make_desk(workstation))


def reports_page(window) -> ReportsWorkspace:  # type: ignore[no-untyped-def]
    page = window.workspaces["reports"]
    assert isinstance(page, ReportsWorkspace)
    return page


def cells(view, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [str(model.index(row, c).data() or "") for c in range(model.columnCount())]


def rows(view) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [cells(view, r) for r in range(view.model().rowCount())]


def test_reports_is_in_the_navigator_for_every_role() -> None:
    spec = find_workspace("reports")
    assert spec is not None and spec.cls == "ReportsWorkspace"
    assert all(spec.allowed(role) for role in Role)


def test_the_dashboard_shows_the_key_figures_and_charts(data: Data, workstation: Workstation, make_window,
                                                        wait_idle) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation, "reports")
    page = reports_page(window)
    wait_idle()
    d = page.dashboard
    assert d.dashboard is not None
    assert d.tiles["denials"].value.text() == "50.0%"  # one of the two claims decided was denied
    assert d.tiles["denials"].detail.text() == "1 of 2 claims decided"
    assert d.tiles["first_pass"].value.text() == "50.0%"
    assert d.tiles["over_90"].value.text().endswith("%")
    assert d.by_age.has_data() and "Insurance: 0–30" in d.by_age.summary()
    assert d.by_payer.categories == ["Aetna"] and d.by_payer.series[0].values == [28000]
    assert d.by_reason.categories[0].startswith("CO-16")
    assert len(d.months.categories) == 12
    assert d.status.text().startswith("As of ")
    image = page.grab()
    assert image.width() > 800 and not image.isNull()


def test_aging_from_the_keyboard_to_a_claim_and_into_claims(data: Data, workstation: Workstation, make_window,
                                                            qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation, "reports")
    page = reports_page(window)
    wait_idle()
    qtbot.keyClick(page.tabs, Qt.Key.Key_A, ALT)
    assert page.tabs.currentWidget() is page.aging
    wait_idle()
    aging = page.aging
    assert rows(aging.table) == [
        ["Aetna", "$0.00", "$140.00", "$0.00", "$140.00", "$0.00", "$280.00", "2"],
        ["Total", "$0.00", "$140.00", "$0.00", "$140.00", "$0.00", "$280.00", "2"]]
    assert aging.title.text().startswith("Insurance A/R aging by payer") and "$280.00 in 2 claims" in \
        aging.title.text()
    aging.table.setFocus()
    qtbot.keyClick(aging.table, Qt.Key.Key_Return)  # the claims behind Aetna
    wait_idle()
    assert aging.items_table.hasFocus()
    listed = rows(aging.items_table)
    assert [r[0] for r in listed] == [data.mary_visit.claim(), data.denied, "Total"]
    assert listed[0][1] == "Jones, Mary" and listed[0][6] == "100"
    assert aging.items_label.text().startswith("Claims behind Aetna: 2")
    qtbot.keyClick(aging.items_table, Qt.Key.Key_Return)  # the first claim's detail
    wait_idle()
    assert f"Claim {data.mary_visit.claim()}" in aging.detail.toPlainText()
    qtbot.keyClick(aging.items_table, Qt.Key.Key_O, CTRL)  # open it in Claims
    wait_idle()
    assert window.current_key() == "claims"
    claims_page = window.workspaces["claims"]
    qtbot.waitUntil(lambda: claims_page.selected_number() == data.mary_visit.claim(), timeout=5000)


def test_patient_aging_by_guarantor_and_the_totals_row_lists_nothing(data: Data, workstation: Workstation,
                                                                     make_window, qtbot,
                                                                     wait_idle) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation, "reports")
    page = reports_page(window)
    page.tabs.setCurrentWidget(page.aging)
    wait_idle()
    aging = page.aging
    aging.kind_combo.setCurrentIndex(aging.kind_combo.findData("patient"))
    wait_idle()
    assert [aging.by_combo.itemText(i) for i in range(aging.by_combo.count())] == ["Guarantor", "Provider"]
    table = rows(aging.table)
    assert [r[0] for r in table] == ["Self, Sam", "Smith, John", "Total"]
    assert table[0][1] == data.sam.account_number and table[0][7] == "$100.00"
    aging.table.selectRow(len(table) - 1)  # the totals row has nothing behind it
    page.load_items()
    assert "not the totals" in page.message.text()
    aging.by_combo.setCurrentIndex(1)
    wait_idle()
    assert rows(aging.table)[0][0] == "Nguyen, Lan, MD"


def test_day_sheet_and_key_figures_tabs(data: Data, workstation: Workstation, make_window, qtbot,
                                        wait_idle) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation, "reports")
    page = reports_page(window)
    wait_idle()
    qtbot.keyClick(page.tabs, Qt.Key.Key_H, ALT)
    wait_idle()
    day = rows(page.day.table)
    assert day[0][1] == "Ada Admin" and day[-1][1] == "Total"
    assert day[0][3] == "$560.00"  # four visits charged today
    assert page.day.title.text().startswith("Day sheet ")
    page.day.start.setText("01/02/2020")
    page.day.end.setText("01/01/2020")
    qtbot.keyClick(page.day.end, Qt.Key.Key_Return)
    wait_idle()
    assert "before its first" in page.message.text()
    page.day.start.setText("13/45/2020")
    page.load_day_sheet()
    assert page.message.text() and page.day.start.hasFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_F, ALT)
    wait_idle()
    figures = rows(page.figures.table)
    assert figures[0][0] == "Key figures" and figures[1][0] == "Days in A/R"
    assert figures[2][:2] == ["Denial rate", "50.0%"]
    assert any(r[0] == "Denial rate by reason (CARC)" for r in figures)
    page.figures.period.setValue(30)
    qtbot.keyClick(page.figures.table, Qt.Key.Key_F5)
    wait_idle()
    assert page.figures.kpis is not None and page.figures.kpis.period_days == 30


def test_saving_a_report_as_csv_and_pdf(data: Data, workstation: Workstation, make_window, qtbot, wait_idle,
                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation, "reports")
    page = reports_page(window)
    page.tabs.setCurrentWidget(page.aging)
    wait_idle()
    page.aging.table.setFocus()
    qtbot.keyClick(page.aging.table, Qt.Key.Key_E, CTRL)
    dialog = page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith(".csv")
    target = tmp_path / "aging.csv"
    dialog.selectFile(str(target))
    dialog.accept()
    wait_idle()
    assert page.last_saved == target and "Saved aging.csv" in page.message.text()
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert lines[1][:2] == ["Aetna", "0.00"] and lines[-1][0] == "Total"
    page.export_to(tmp_path / "aging.pdf")
    wait_idle()
    with pdfplumber.open(tmp_path / "aging.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "Insurance A/R aging by payer" in text and "Aetna" in text and "$280.00" in text
    window.activateWindow()  # back from the file dialog
    page.aging.table.setFocus()
    qtbot.waitUntil(page.aging.table.hasFocus)
    qtbot.keyClick(page.aging.table, Qt.Key.Key_P, CTRL)  # print: the PDF goes to the print preview
    wait_idle()
    assert page.last_pdf is not None and page.last_pdf.pdf.startswith(b"%PDF")
    if page.last_pdf.preview is not None:
        page.last_pdf.preview.reject()
    page.tabs.setCurrentWidget(page.dashboard)  # the dashboard saves its key figures
    page.export_to(tmp_path / "figures.csv")
    wait_idle()
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith(
        "Key figures,Days in A/R")


def test_a_front_desk_user_reads_reports_but_has_no_claims_button(data: Data, workstation: Workstation, make_window,
                                                                  wait_idle) -> None:  # type: ignore[no-untyped-def]
    users.add_user(workstation, "fran", "Fran Desk", Role.FRONT_DESK, "fran-pass-1")
    users.sign_in(workstation, "fran", "fran-pass-1")
    window = make_window(workstation, "reports")
    page = reports_page(window)
    wait_idle()
    assert page.dashboard.dashboard is not None
    assert not page.can_open_claims and page.aging.open_button.isHidden()


# --- the charts ----------------------------------------------------------------------------------------------------
def blue_pixels(chart: QWidget) -> int:
    """How many pixels of the first series' colour the chart paints."""
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    chart.render(image)
    wanted = PALETTE[0].rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == wanted)


@pytest.mark.parametrize(("value", "top", "step"), [
    (0, 1.0, 0.25), (7, 8, 2), (95, 100, 25), (1234, 1500, 500), (40_000_00, 40_000_00, 10_000_00)])
def test_axis_tops_are_round(value: float, top: float, step: float) -> None:
    assert nice_top(value) == (top, step)


def test_short_money() -> None:
    assert [short_money(c) for c in (90000, 4_500_000, 123_456_789, 0)] == ["$900", "$45K", "$1.2M", "$0"]


@pytest.mark.parametrize("kind", [BarChart, HorizontalBarChart, LineChart])
def test_charts_paint_with_and_without_data_and_say_what_they_show(qapp, kind: type) -> None:  # type: ignore[no-untyped-def]
    chart = kind("Money")
    chart.resize(420, 240)
    assert blue_pixels(chart) == 0  # empty: words, no bars
    assert chart.summary() == "Money: Nothing to show yet."
    chart.set_data(["Jan", "Feb", "Mar"], [Series("Charges", [100.0, 250.0, 0.0]), Series("Paid", [80.0, 90.0, 5.0])])
    assert blue_pixels(chart) > 100  # the first series is drawn
    assert chart.summary() == "Money — Charges: Jan 100, Feb 250, Mar 0; Paid: Jan 80, Feb 90, Mar 5"
    assert chart.accessibleDescription() == chart.summary()
    with pytest.raises(ValueError, match="3 categories"):
        chart.set_data(["Jan", "Feb", "Mar"], [Series("Charges", [1.0])])
