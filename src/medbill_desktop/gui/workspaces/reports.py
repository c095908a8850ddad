"""Reports: the practice dashboard, A/R aging with the claims behind each row, the day sheet and the key figures.
Every report saves as CSV or PDF and prints.

Tabs: Dashboard (Alt+D), A/R aging (Alt+A), Day sheet (Alt+H), Key figures (Alt+F); Ctrl+Tab moves between them.
Fields: Alt+K kind, Alt+G group by, Alt+O as of (aging); Alt+M from, Alt+O to (day sheet); Alt+P period, Alt+E
ending (key figures); Alt+W shows the tab's report for what was typed.
Keyboard: F5 refreshes the tab from this workstation's data; Ctrl+E saves the tab's report as CSV, Ctrl+Shift+S
as PDF, Ctrl+P prints it. In A/R aging: Enter on a row lists the claims (or visits) behind it; Enter on a claim
shows its detail; Ctrl+O opens it in the Claims workspace (billers and managers); Alt+T the aging table, Alt+L
the claims list.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.reports import (
    AGING_GROUPS,
    NO_DATE,
    AgingBy,
    AgingItem,
    AgingKind,
    AgingReport,
    Cell,
    Kpis,
    ReportTable,
    aging_table,
    date_words,
    day_sheet_table,
    items_table,
    kpi_table,
    shown,
)
from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.gui.charts import BarChart, HorizontalBarChart, LineChart, Series, short_money
from medbill_desktop.gui.desk_models import prepare_table
from medbill_desktop.gui.desk_style import DESK_STYLE, shortcut
from medbill_desktop.gui.fields import error_text
from medbill_desktop.gui.inputs import DateEdit, date_text, money
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.printing import PdfDocument
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import reports
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.reports import Dashboard, DaySheet

STYLE = DESK_STYLE + """
QFrame[role="tile"] { background: #ffffff; border: 1px solid #d8dde5; border-radius: 6px; }
QFrame[role="tile"] QLabel { background: transparent; border: none; }
QLabel[role="tileValue"] { font-size: 24px; font-weight: 600; color: #1f3a5f; }
QLabel[role="tileValue"][state="warn"] { color: #8a1c1c; }
QLabel[role="tileCaption"] { font-weight: 600; color: #1d2430; }
QLabel[role="tileDetail"] { color: #5a6270; font-size: 12px; }
QFrame[role="chartCard"] { background: #ffffff; border: 1px solid #d8dde5; border-radius: 6px; }
"""
NUMERIC = (Cell.MONEY, Cell.COUNT, Cell.PERCENT, Cell.NUMBER)
# claim, patient, account, payer, provider, date of service, age, bucket, balance
ITEM_WIDTHS = (88, 140, 92, 150, 140, 84, 56, 100, 80)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SECTION_BG = QColor("#e3ecf7")
TOTAL_BG = QColor("#eef2f7")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ReportTableModel(QAbstractTableModel):
    """A ReportTable shown as it prints: section headings, the rows, and the totals row in bold."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None
        self._rows: list[tuple[str, int]] = []  # ('section', first row) | ('row', n) | ('total', -1)

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = []
        if table is not None:
            starts = {first for _heading, first in table.sections}
            for n in range(len(table.rows)):
                if n in starts:
                    self._rows.append(("section", n))
                self._rows.append(("row", n))
            if table.totals is not None and table.rows:
                self._rows.append(("total", -1))
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column.cell in NUMERIC:
            return RIGHT
        return None

    def kind(self, row: int) -> str:
        return self._rows[row][0] if 0 <= row < len(self._rows) else ""

    def source_row(self, row: int) -> int | None:
        """The index in table.rows of a view row (None for a heading or the totals)."""
        if 0 <= row < len(self._rows) and self._rows[row][0] == "row":
            return self._rows[row][1]
        return None

    def view_row(self, source: int) -> int:
        return next((i for i, (k, n) in enumerate(self._rows) if k == "row" and n == source), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or not index.isValid():
            return None
        kind, n = self._rows[index.row()]
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "section":
                heading = next(h for h, first in self.table.sections if first == n)
                return heading if index.column() == 0 else ""
            values = self.table.totals if kind == "total" else self.table.rows[n]
            assert values is not None
            return shown(values[index.column()], column.cell)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.cell in NUMERIC and kind != "section":
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and kind in ("section", "total"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and kind in ("section", "total"):
            return SECTION_BG if kind == "section" else TOTAL_BG
        if role == Qt.ItemDataRole.ToolTipRole and kind == "row":
            text = shown(self.table.rows[n][index.column()], column.cell)
            return text or None
        return None


def _table_view(name: str, parent: QWidget, model: ReportTableModel) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    prepare_table(view, model)
    view.setWordWrap(False)
    return view


def _fit_columns(view: QTableView, table: ReportTable, first: int = 0) -> None:
    """Widths by the columns' relative widths, the first column (names) given what is left."""
    header = view.horizontalHeader()
    for i, column in enumerate(table.columns):
        narrow = column.cell in NUMERIC or column.cell is Cell.DATE
        width = int((92 if narrow else 120) * column.width)
        view.setColumnWidth(i, max(width, header.sectionSizeHint(i)))
    if first:
        view.setColumnWidth(0, first)


def _pct(value: float | None) -> str:
    return NO_DATE if value is None else f"{value * 100:.1f}%"


class Tile(QFrame):
    """One key figure: the value large, what it is, and how it was counted."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tile")
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        self.value = QLabel(NO_DATE, self)
        self.value.setProperty("role", "tileValue")
        self.caption = QLabel(caption, self)
        self.caption.setProperty("role", "tileCaption")
        self.detail = QLabel("", self)
        self.detail.setProperty("role", "tileDetail")
        self.detail.setWordWrap(True)
        for w in (self.value, self.caption, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)

    def show_value(self, text: str, detail: str, warn: bool = False) -> None:
        self.value.setText(text)
        self.value.setProperty("state", "warn" if warn else "")
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.caption.text()}: {text}. {detail}")


def _card(chart: QWidget, parent: QWidget) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "chartCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(chart)
    return frame


def claim_html(detail: Any) -> str:
    """A claim's facts in one narrow column (services.claims.ClaimDetail): what it is, what is owed on each line,
    and its latest history; the Claims workspace (Ctrl+O) has the rest."""
    c = detail.claim
    e = html.escape
    out = [f"<h3 style='margin:0 0 4px 0'>Claim {e(c.claim_number)}</h3>",
           f"<p style='margin:0'><b>{e(c.status.label.capitalize())}</b> · {e(c.payer_name)} ({e(c.rank.value)})<br>"
           f"{e(c.patient_name)}<br>Date of service {e(date_text(c.date_of_service))}<br>"
           f"Charge {e(money(c.charge_cents))} · insurance owes {e(money(c.insurance_balance_cents))} · "
           f"patient owes {e(money(c.patient_balance_cents))}</p>",
           "<table cellspacing=0 cellpadding=2 style='margin-top:6px'>"
           "<tr><th align=left>Line</th><th align=right>Charge</th><th align=right>Ins. owes</th></tr>"]
    for line in c.lines:
        code = "-".join((line.code, *line.modifiers))
        out.append(f"<tr><td>{e(code)} ×{line.units}</td><td align=right>{e(money(line.charge_cents))}</td>"
                   f"<td align=right>{e(money(line.balance_cents))}</td></tr>")
    out.append("</table><p style='margin:8px 0 2px 0'><b>History</b></p>")
    for h in list(detail.history)[-4:][::-1]:
        moved = f"{h.from_status} → {h.to_status}" if h.from_status else h.to_status
        note = f": {e(h.note)}" if h.note else ""
        out.append(f"<p style='margin:0 0 3px 0'>{e(local_time(h.at))} · {e(h.actor)} · {e(moved.replace('_', ' '))}"
                   f"{note}</p>")
    return "".join(out)


# --- the tabs ------------------------------------------------------------------------------------------------------
class DashboardTab(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.dashboard: Dashboard | None = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.status = QLabel("Loading…", self)
        self.status.setObjectName("dashboardStatus")
        self.status.setProperty("role", "hint")
        top.addWidget(self.status, 1)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.setToolTip("F5: read the figures again from this workstation's data")
        top.addWidget(self.refresh_button)
        outer.addLayout(top)
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        self.tiles = {key: Tile(caption, f"{key}Tile", self) for key, caption in (
            ("days", "Days in A/R"), ("denials", "Denial rate"), ("first_pass", "First-pass rate"),
            ("collection", "Net collection rate"), ("over_90", "A/R over 90 days"))}
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        outer.addLayout(tiles)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.by_age = BarChart("A/R by age (date of service)", self)
        self.by_age.setObjectName("agingChart")
        self.by_payer = HorizontalBarChart("Insurance A/R by payer", self)
        self.by_payer.setObjectName("payerChart")
        self.by_reason = HorizontalBarChart("Denial rate by reason (CARC)", self)
        self.by_reason.setObjectName("reasonChart")
        self.by_reason.empty_text = "No denials in the period."
        self.months = LineChart("Charges and payments by month", self)
        self.months.setObjectName("monthsChart")
        for n, chart in enumerate((self.by_age, self.by_payer, self.months, self.by_reason)):
            grid.addWidget(_card(chart, self), n // 2, n % 2)
        outer.addLayout(grid, 1)

    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        k = d.kpis
        dar = k.days_in_ar
        self.tiles["days"].show_value(NO_DATE if dar is None else f"{dar:.1f}",
                                      f"{money(k.ar_cents)} A/R over {money(k.charges_cents)} charged in "
                                      f"{k.period_days} days", warn=dar is not None and dar > 50)
        self.tiles["denials"].show_value(_pct(k.denial_rate), f"{k.denied:,} of {k.adjudicated:,} claims decided",
                                         warn=(k.denial_rate or 0) > 0.1)
        self.tiles["first_pass"].show_value(_pct(k.first_pass_rate),
                                            f"{k.first_pass:,} of {k.first_adjudicated:,} paid the first time",
                                            warn=k.first_pass_rate is not None and k.first_pass_rate < 0.9)
        self.tiles["collection"].show_value(_pct(k.net_collection_rate),
                                            f"{money(k.payments_cents)} paid of "
                                            f"{money(k.charges_cents - k.contractual_cents)} collectible",
                                            warn=k.net_collection_rate is not None and k.net_collection_rate < 0.9)
        self.tiles["over_90"].show_value(_pct(k.share_over_90), f"{money(k.all_ar.over_90)} of "
                                         f"{money(k.ar_cents)}", warn=(k.share_over_90 or 0) > 0.2)
        short = ["0–30", "31–60", "61–90", "91–120", "120+"]
        self.by_age.set_data(short, [Series("Insurance", k.insurance_ar.cents), Series("Patient", d.patient.cents)],
                             money, short_money)
        rows = d.insurance.rows[:HorizontalBarChart.max_rows]
        self.by_payer.set_data([r.label for r in rows], [Series("", [r.total for r in rows])], money)
        reasons = k.by_reason[:HorizontalBarChart.max_rows]
        self.by_reason.set_data([f"{c.key} {c.label}".strip() if c.label != c.key else c.key for c in reasons],
                                [Series("", [c.rate or 0.0 for c in reasons])], _pct)
        months = [m.month.strftime("%b %y") for m in d.months]
        self.months.set_data(months, [Series("Charges", [m.charges for m in d.months]),
                                      Series("Payments", [m.payments for m in d.months])], money, short_money)
        self.status.setText(f"As of {date_words(d.as_of)}, from this workstation's data · refreshed "
                            f"{local_time(d.refreshed_at, '%I:%M %p').lstrip('0')} · key figures over the last "
                            f"{k.period_days} days · patient balances after credit")

    def table(self) -> ReportTable | None:
        return kpi_table(self.dashboard.kpis) if self.dashboard else None


class AgingTab(QWidget):
    def __init__(self, parent: QWidget, can_open_claims: bool) -> None:
        super().__init__(parent)
        self.report: AgingReport | None = None
        self.items: list[AgingItem] = []
        self.items_title = ""
        outer = QVBoxLayout(self)
        controls = QHBoxLayout()
        form = QFormLayout()
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        for kind in AgingKind:
            self.kind_combo.addItem(f"{kind.label} balances", kind.value)
        self.by_combo = QComboBox(self)
        self.by_combo.setObjectName("byCombo")
        self.as_of = DateEdit(self)
        self.as_of.setObjectName("asOfEdit")
        self.as_of.setToolTip("Leave empty for today; a past day reads the postings dated up to it")
        self.as_of.setMaximumWidth(120)
        row = QHBoxLayout()
        for label, widget in (("&Kind:", self.kind_combo), ("&Group by:", self.by_combo), ("As &of:", self.as_of)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(8)
        form.addRow(row)
        controls.addLayout(form)
        self.refresh_button = QPushButton("Sho&w", self)
        self.refresh_button.setObjectName("agingShow")
        self.refresh_button.setToolTip("F5")
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        outer.addLayout(controls)
        self.title = QLabel(self)
        self.title.setObjectName("agingTitle")
        self.title.setProperty("role", "section")
        outer.addWidget(self.title)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = ReportTableModel(self)
        self.table = _table_view("agingTable", splitter, self.model)
        lower = QWidget(splitter)
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.items_label = QLabel("Choose a row and press Enter to list the claims behind it.", lower)
        self.items_label.setObjectName("itemsLabel")
        self.items_label.setProperty("role", "section")
        bar.addWidget(self.items_label, 1)
        self.detail_button = QPushButton("Claim deta&il", lower)
        self.detail_button.setObjectName("claimDetailButton")
        self.detail_button.setToolTip("Enter on a claim")
        self.open_button = QPushButton("Open in Claims", lower)
        self.open_button.setObjectName("openInClaimsButton")
        self.open_button.setToolTip("Ctrl+O: the claim in the Claims workspace")
        self.open_button.setVisible(can_open_claims)
        self.items_csv = QPushButton("Save list…", lower)
        self.items_csv.setObjectName("saveItemsButton")
        self.items_csv.setToolTip("Save the claims listed here as CSV or PDF")
        for b in (self.detail_button, self.open_button, self.items_csv):
            b.setMinimumWidth(b.sizeHint().width() + 12)
            bar.addWidget(b)
        low.addLayout(bar)
        inner = QSplitter(Qt.Orientation.Horizontal, lower)
        self.items_model = ReportTableModel(self)
        self.items_table = _table_view("itemsTable", inner, self.items_model)
        self.detail = QTextBrowser(inner)
        self.detail.setObjectName("agingClaimDetail")
        self.detail.setOpenLinks(False)
        self.detail.setHtml("<p style='color:#6b7280'>No claim chosen.</p>")
        inner.addWidget(self.items_table)
        inner.addWidget(self.detail)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 1)
        inner.setSizes([800, 300])
        low.addWidget(inner, 1)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 330])
        outer.addWidget(splitter, 1)
        self.message = QLabel(self)
        self.message.setObjectName("agingMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.fill_groups()
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.fill_groups())
        self.setTabOrder(self.kind_combo, self.by_combo)
        self.setTabOrder(self.by_combo, self.as_of)
        self.setTabOrder(self.as_of, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)
        self.setTabOrder(self.table, self.items_table)
        self.setTabOrder(self.items_table, self.detail_button)

    def kind(self) -> AgingKind:
        return AgingKind(self.kind_combo.currentData())

    def by(self) -> AgingBy:
        return AgingBy(self.by_combo.currentData())

    def fill_groups(self) -> None:
        current = self.by_combo.currentData()
        self.by_combo.blockSignals(True)
        self.by_combo.clear()
        for by in AGING_GROUPS[self.kind()]:
            self.by_combo.addItem(by.label, by.value)
        at = self.by_combo.findData(current)
        self.by_combo.setCurrentIndex(max(at, 0))
        self.by_combo.blockSignals(False)

    def show_report(self, report: AgingReport) -> None:
        self.report = report
        table = aging_table(report)
        self.model.set_table(table)
        _fit_columns(self.table, table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        what = "claims" if report.kind is AgingKind.INSURANCE else "visits"
        self.title.setText(f"{report.kind.label} A/R aging by {report.by.label.lower()} — as of "
                           f"{date_words(report.as_of)}: {money(report.total)} in {report.claims:,} {what}"
                           + (f" · credit left on accounts {money(report.credit)}" if report.credit else ""))
        self.show_items([], "")
        self.message.setText(table.notes[0] if table.notes else "")
        if report.rows:
            self.table.selectRow(0)

    def selected_row(self) -> str | None:
        if self.report is None:
            return None
        n = self.model.source_row(self.table.currentIndex().row())
        return self.report.rows[n].key if n is not None else None

    def selected_label(self) -> str:
        if self.report is None:
            return ""
        n = self.model.source_row(self.table.currentIndex().row())
        return self.report.rows[n].label if n is not None else ""

    def show_items(self, items: list[AgingItem], label: str) -> None:
        self.items = items
        self.items_title = label
        if not label:
            self.items_model.set_table(None)
            self.items_label.setText("Choose a row and press Enter to list the claims behind it.")
            return
        what = "Claims" if self.report is None or self.report.kind is AgingKind.INSURANCE else "Visits"
        table = items_table(items, f"{what} behind {label}", self.report.as_of if self.report else date.today())
        self.items_model.set_table(table)
        for i, width in enumerate(ITEM_WIDTHS):
            self.items_table.setColumnWidth(i, width)
        hidden = {AgingBy.PAYER: 3, AgingBy.PROVIDER: 4}.get(self.report.by if self.report else AgingBy.PAYER)
        for i in range(len(ITEM_WIDTHS)):
            self.items_table.setColumnHidden(i, i == hidden or (i == 3 and self.report is not None
                                                                 and self.report.kind is AgingKind.PATIENT))
        self.items_label.setText(f"{what} behind {label}: {len(items):,} · {money(sum(i.cents for i in items))}")
        if items:
            self.items_table.selectRow(0)

    def selected_item(self) -> AgingItem | None:
        n = self.items_model.source_row(self.items_table.currentIndex().row())
        return self.items[n] if n is not None and n < len(self.items) else None

    def table_for_export(self) -> ReportTable | None:
        if self.items_table.hasFocus() and self.items_model.table is not None:
            return self.items_model.table
        return self.model.table


class DaySheetTab(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.sheet: DaySheet | None = None
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        self.start = DateEdit(self)
        self.start.setObjectName("dayFrom")
        self.end = DateEdit(self)
        self.end.setObjectName("dayTo")
        for label, widget in (("Fro&m:", self.start), ("T&o:", self.end)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            widget.setMaximumWidth(120)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(8)
        self.refresh_button = QPushButton("Sho&w", self)
        self.refresh_button.setObjectName("dayShow")
        self.refresh_button.setToolTip("F5")
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.title = QLabel(self)
        self.title.setObjectName("dayTitle")
        self.title.setProperty("role", "section")
        outer.addWidget(self.title)
        self.model = ReportTableModel(self)
        self.table = _table_view("dayTable", self, self.model)
        outer.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("dayMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

    def show_sheet(self, sheet: DaySheet) -> None:
        self.sheet = sheet
        table = day_sheet_table(sheet.rows, sheet.start, sheet.end)
        self.model.set_table(table)
        _fit_columns(self.table, table)
        self.table.setColumnWidth(1, 200)
        t = sheet.totals
        span = date_words(sheet.start) if sheet.start == sheet.end else \
            f"{date_words(sheet.start)} to {date_words(sheet.end)}"
        self.title.setText(f"Day sheet {span}: charges {money(t.charges)}, payments {money(t.payments)}, "
                           f"adjustments {money(t.adjustments)}" if sheet.rows
                           else f"Day sheet {span}: nothing posted.")
        self.message.setText(table.notes[0] if table.notes else "")

    def table_for_export(self) -> ReportTable | None:
        return self.model.table


class KpiTab(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.kpis: Kpis | None = None
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        self.period = QSpinBox(self)
        self.period.setObjectName("periodSpin")
        self.period.setRange(7, 3660)
        self.period.setValue(reports.DEFAULT_PERIOD_DAYS)
        self.period.setSuffix(" days")
        self.as_of = DateEdit(self)
        self.as_of.setObjectName("kpiAsOf")
        self.as_of.setMaximumWidth(120)
        for label, widget in (("&Period:", self.period), ("&Ending:", self.as_of)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            row.addSpacing(8)
        self.refresh_button = QPushButton("Sho&w", self)
        self.refresh_button.setObjectName("kpiShow")
        self.refresh_button.setToolTip("F5")
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.model = ReportTableModel(self)
        self.table = _table_view("kpiTable", self, self.model)
        self.table.setWordWrap(True)
        outer.addWidget(self.table, 1)

    def show_kpis(self, k: Kpis) -> None:
        self.kpis = k
        table = kpi_table(k)
        self.model.set_table(table)
        for i, width in enumerate((300, 80, 130, 170)):
            self.table.setColumnWidth(i, width)
        self.table.resizeRowsToContents()

    def table_for_export(self) -> ReportTable | None:
        return self.model.table


# --- the workspace -------------------------------------------------------------------------------------------------
class ReportsWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.setStyleSheet(STYLE)
        self.last_pdf: PdfDocument | None = None
        self.last_saved: Path | None = None
        self.file_dialog: QFileDialog | None = None
        self._loaded: set[int] = set()
        self._seq = 0
        self.can_open_claims = allows(actor.role, Permission.MANAGE_CLAIMS)
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel("Reports", self)
        title.setProperty("role", "patientName")
        head.addWidget(title)
        head.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, keys, slot in (("csv", "Save CSV…", "Ctrl+E", lambda: self.ask_export("csv")),
                                      ("pdf", "Save PDF…", "Ctrl+Shift+S", lambda: self.ask_export("pdf")),
                                      ("print", "Print…", "Ctrl+P", self.print_current)):
            button = QPushButton(text, self)
            button.setObjectName(f"{key}Button")
            button.setToolTip(f"{keys}: the report on this tab")
            button.clicked.connect(slot)
            shortcut(self, keys, slot)
            head.addWidget(button)
            self.buttons[key] = button
        outer.addLayout(head)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.dashboard = DashboardTab(self.tabs)
        self.aging = AgingTab(self.tabs, self.can_open_claims)
        self.day = DaySheetTab(self.tabs)
        self.figures = KpiTab(self.tabs)
        for page, text in ((self.dashboard, "&Dashboard"), (self.aging, "A/R &aging"), (self.day, "Day s&heet"),
                           (self.figures, "Key &figures")):
            self.tabs.addTab(page, text)
        outer.addWidget(self.tabs, 1)
        self.message = QLabel(self)
        self.message.setObjectName("reportsMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

        self.tabs.currentChanged.connect(lambda _i: self.load_tab())
        self.dashboard.refresh_button.clicked.connect(self.load_dashboard)
        self.aging.refresh_button.clicked.connect(self.load_aging)
        self.aging.kind_combo.currentIndexChanged.connect(lambda _i: self.load_aging())
        self.aging.by_combo.currentIndexChanged.connect(lambda _i: self.load_aging())
        self.aging.as_of.returnPressed.connect(self.load_aging)
        self.aging.table.activated.connect(lambda _index: self.load_items())
        self.aging.items_table.activated.connect(lambda _index: self.load_claim())
        self.aging.detail_button.clicked.connect(self.load_claim)
        self.aging.open_button.clicked.connect(self.open_in_claims)
        self.aging.items_csv.clicked.connect(self.ask_items_export)
        self.day.refresh_button.clicked.connect(self.load_day_sheet)
        self.day.start.returnPressed.connect(self.load_day_sheet)
        self.day.end.returnPressed.connect(self.load_day_sheet)
        self.figures.refresh_button.clicked.connect(self.load_kpis)
        self.figures.as_of.returnPressed.connect(self.load_kpis)
        shortcut(self, "F5", self.refresh)
        shortcut(self, "Ctrl+O", self.open_in_claims)
        shortcut(self.aging, "Alt+T", self.aging.table.setFocus)  # only while the aging tab has the focus
        shortcut(self.aging, "Alt+L", self.aging.items_table.setFocus)

    # --- loading -----------------------------------------------------------------------------------------------
    def activate(self) -> None:
        self._loaded.clear()
        self.load_tab()

    def focus_first(self) -> None:
        self.tabs.setFocus()

    def load_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._loaded:
            return
        self._loaded.add(index)
        self.refresh()

    def refresh(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.dashboard:
            self.load_dashboard()
        elif page is self.aging:
            self.load_aging()
        elif page is self.day:
            self.load_day_sheet()
        else:
            self.load_kpis()

    def say(self, text: str) -> None:
        self.message.setText(text)
        if text:
            self.status_message.emit(text)

    def refused(self, exc: Exception) -> None:
        self.say(error_text(exc))

    def _date(self, edit: DateEdit, what: str) -> tuple[bool, date | None]:
        try:
            return True, edit.value("as_of", what)
        except Exception as exc:  # a DomainError: the field says what is wrong
            self.refused(exc)
            edit.setFocus()
            return False, None

    def load_dashboard(self) -> None:
        self.runner.run(reports.dashboard, self.ws, success=self.dashboard.show_dashboard, failure=self.refused,
                        label="Reading the practice's figures…")

    def load_aging(self) -> None:
        ok, as_of = self._date(self.aging.as_of, "as-of date")
        if not ok:
            return
        self._seq += 1
        seq = self._seq
        self.runner.run(reports.aging, self.ws, self.aging.kind(), self.aging.by(), as_of,
                        success=lambda r: self._aging_loaded(seq, r), failure=self.refused,
                        label="Aging the balances…")

    def _aging_loaded(self, seq: int, report: AgingReport) -> None:
        if seq == self._seq:
            self.aging.show_report(report)
            self.say("")

    def load_items(self) -> None:
        report = self.aging.report
        key = self.aging.selected_row()
        if report is None or key is None:
            self.say("Choose a row of the aging (not the totals) to list what is behind it.")
            return
        label = self.aging.selected_label()
        self.runner.run(reports.aging_claims, self.ws, report.kind, report.by, key, report.as_of,
                        success=lambda items: self._items_loaded(items, label), failure=self.refused,
                        label="Listing the claims…")

    def _items_loaded(self, items: list[AgingItem], label: str) -> None:
        self.aging.show_items(items, label)
        self.aging.items_table.setFocus()

    def load_claim(self) -> None:
        item = self.aging.selected_item()
        if item is None or not item.claim_number:
            self.aging.detail.setHtml("<p style='color:#6b7280'>This visit has no claim (the patient pays it "
                                      "directly).</p>" if item else "<p style='color:#6b7280'>No claim chosen.</p>")
            return
        from medbill_desktop.services import claims

        self.runner.run(claims.claim_detail, self.ws, item.claim_number, success=self._claim_loaded,
                        failure=self.refused, label="Loading the claim…")

    def _claim_loaded(self, detail: Any) -> None:
        self.aging.detail.setHtml(claim_html(detail))

    def open_in_claims(self) -> None:
        item = self.aging.selected_item()
        if item is None or not item.claim_number:
            self.say("Choose a claim in the list first.")
            return
        window: Any = self.window()
        if not self.can_open_claims or not hasattr(window, "show_workspace"):
            self.say("The Claims workspace is for billers and managers.")
            return
        page = window.show_workspace("claims", focus=True)
        if page is None:
            return
        page.queue_list.setCurrentRow(page.queue_list.count() - 1)  # All claims
        page.reload(select=item.claim_number)

    def load_day_sheet(self) -> None:
        ok, start = self._date(self.day.start, "first day")
        ok2, end = self._date(self.day.end, "last day") if ok else (False, None)
        if not (ok and ok2):
            return
        self.runner.run(reports.day_sheet, self.ws, start, end, success=self._day_loaded, failure=self.refused,
                        label="Adding up the day…")

    def _day_loaded(self, sheet: DaySheet) -> None:
        self.day.show_sheet(sheet)
        self.say("")

    def load_kpis(self) -> None:
        ok, as_of = self._date(self.figures.as_of, "last day")
        if not ok:
            return
        self.runner.run(reports.kpis, self.ws, as_of, self.figures.period.value(), success=self._kpis_loaded,
                        failure=self.refused, label="Working out the key figures…")

    def _kpis_loaded(self, k: Kpis) -> None:
        self.figures.show_kpis(k)
        self.say("")

    # --- exports -----------------------------------------------------------------------------------------------
    def current_table(self) -> ReportTable | None:
        page = self.tabs.currentWidget()
        if page is self.dashboard:
            return self.dashboard.table()
        return page.table_for_export() if hasattr(page, "table_for_export") else None  # type: ignore[no-any-return]

    def ask_export(self, suffix: str, table: ReportTable | None = None) -> QFileDialog | None:
        table = table or self.current_table()
        if table is None:
            self.say("Nothing to save yet: show the report first.")
            return None
        dialog = QFileDialog(self, f"Save {table.title} as {suffix.upper()}")
        dialog.setObjectName("saveReportDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("CSV files (*.csv)" if suffix == "csv" else "PDF documents (*.pdf)")
        dialog.setDefaultSuffix(suffix)
        dialog.selectFile(f"{table.file_stem}.{suffix}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name), table))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def ask_items_export(self) -> None:
        table = self.aging.items_model.table
        if table is None:
            self.say("List the claims behind a row first (Enter on the row).")
            return
        self.ask_export("csv", table)

    def export_to(self, path: Path, table: ReportTable | None = None) -> None:
        table = table or self.current_table()
        if table is None:
            self.say("Nothing to save yet: show the report first.")
            return
        self.runner.run(reports.export, self.ws, table, path, success=self._saved, failure=self.refused,
                        label="Saving the report…")

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self.say(f"Saved {path.name} in {path.parent}.")

    def print_current(self) -> None:
        table = self.current_table()
        if table is None:
            self.say("Nothing to print yet: show the report first.")
            return
        self.runner.run(reports.report_pdf, self.ws, table, success=lambda pdf: self._print(table, pdf),
                        failure=self.refused, label="Preparing the report…")

    def _print(self, table: ReportTable, pdf: bytes) -> None:
        document = PdfDocument(pdf, table.title, f"{table.file_stem}.pdf", self)
        document.printed.connect(lambda _pages: self.runner.run(
            reports.record_print, self.ws, table, document.destination(), quiet=True, label="Recording the print…"))
        self.last_pdf = document
        document.print_with_preview(self)
