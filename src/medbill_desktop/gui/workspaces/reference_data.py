"""Reference data (managers): providers, referring providers, service facilities, payers, the fee schedule and
each payer's contracted allowed amounts — a list and an edit form each — and the code sets (gui/code_sets_tab.py:
search, file imports, codes added by hand).

Keyboard: Ctrl+Tab / Ctrl+Shift+Tab between the lists; Ctrl+F (or typing in the filter) narrows one; Enter on a
row edits it; Ctrl+N adds to the list shown; Ctrl+I imports a code file on the Code sets tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.practice import format_phone
from medbill_desktop.domain.reference import Payer, Provider, ReferringProvider, ServiceFacility, Submission
from medbill_desktop.gui.code_sets_tab import CodeSetsTab
from medbill_desktop.gui.desk_models import MUTED_COLOR, Column, FilterModel, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import apply_desk_style, ask, return_focus, shortcut
from medbill_desktop.gui.forms.ui_reference_data import Ui_ReferenceDataPage
from medbill_desktop.gui.inputs import fill_combo, money
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.patient_form import format_zip
from medbill_desktop.gui.reference_forms import (
    FacilityDialog,
    FeeDialog,
    PayerDialog,
    ProviderDialog,
    ReferringDialog,
    format_tax_id,
)
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import reference_data as ref
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.front_desk_views import procedure_description


def provider_roles(p: Provider) -> str:
    return " and ".join(x for x, on in (("renders", p.renders), ("bills", p.bills)) if on)


def city_state(address: Any) -> str:
    return f"{address.city}, {address.state} {format_zip(address.zip_code)}" if address is not None else ""


@dataclass
class ReferenceData:
    providers: list[Provider]
    referring: list[ReferringProvider]
    facilities: list[ServiceFacility]
    payers: list[Payer]
    fees: list[FeeEntry]
    allowed: list[AllowedEntry]
    descriptions: dict[str, str]  # procedure code -> the code set's description ('' for CPT not imported)


def load_all(ws: Workstation) -> ReferenceData:
    fees = ref.list_fees(ws)
    allowed = ref.list_allowed_amounts(ws)
    codes = sorted({f.procedure for f in fees} | {a.procedure for a in allowed})
    return ReferenceData(ref.list_providers(ws, include_inactive=True), ref.list_referring_providers(ws),
                         ref.list_facilities(ws), ref.list_payers(ws), fees, allowed,
                         {code: procedure_description(ws, code) for code in codes})


class ListTab:
    """One tab: its table (with a filter), its buttons and the dialog that edits a row."""

    def __init__(self, page: ReferenceDataWorkspace, key: str, columns: list[Column[Any]], noun: str) -> None:
        ui = page.ui
        self.page = page
        self.key = key
        self.noun = noun
        self.model: RowsModel[Any] = RowsModel(columns, page)
        self.proxy = FilterModel(self.model, page)
        self.table: QTableView = getattr(ui, f"{key}Table")
        self.filter: QLineEdit = getattr(ui, f"{key}FilterEdit")
        self.count: QLabel = getattr(ui, f"{key}CountLabel")
        self.add_button: QPushButton = getattr(ui, f"{key}AddButton")
        self.edit_button: QPushButton = getattr(ui, f"{key}EditButton")
        self.toggle_button: QPushButton | None = getattr(ui, f"{key}ToggleButton", None)
        prepare_table(self.table, self.proxy)
        self.table.setSortingEnabled(False)
        self.filter.textChanged.connect(self._filter)
        self.table.activated.connect(lambda _i: page.edit(self))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.add_button.clicked.connect(lambda: page.add(self))
        self.edit_button.clicked.connect(lambda: page.edit(self))
        if self.toggle_button is not None:
            self.toggle_button.clicked.connect(lambda: page.toggle(self))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} {self.noun}{'s' if total != 1 else ''}" if shown == total
                           else f"{shown} of {total} shown")

    def set_rows(self, rows: list[Any], select: Callable[[Any], bool] | None = None) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        self._count()
        wanted = select or ((lambda r: r == current) if current is not None else None)
        row = self.model.index_of(wanted) if wanted else -1
        proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else 0
        if self.proxy.rowCount():
            self.table.selectRow(max(proxy_row, 0))
        self.update_buttons()

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def update_buttons(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        if self.toggle_button is not None:
            self.toggle_button.setEnabled(chosen is not None)
            if isinstance(chosen, Provider):
                self.toggle_button.setText("&Enable" if not chosen.active else "&Disable")


class ReferenceDataWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = ui = Ui_ReferenceDataPage()
        ui.setupUi(self)
        apply_desk_style(self)
        self.data: ReferenceData | None = None
        self.dialog: QDialog | None = None
        self.payer_names: dict[str, str] = {}
        self.providers = ListTab(self, "providers", [
            Column("Name", lambda p: p.display_name, width=230),
            Column("NPI", lambda p: p.npi, width=105),
            Column("Taxonomy", lambda p: p.taxonomy, width=105),
            Column("Role", provider_roles, width=140),
            Column("Tax ID", lambda p: format_tax_id(p.tax_id, p.tax_id_type), width=110),
            Column("Status", lambda p: "active" if p.active else "disabled",
                   color=lambda p: None if p.active else MUTED_COLOR),
        ], "provider")
        self.referring = ListTab(self, "referring", [
            Column("Name", lambda r: r.display_name, width=230),
            Column("NPI", lambda r: r.npi, width=110),
            Column("Qualifier", lambda r: f"{r.qualifier.label} ({r.qualifier.value})"),
        ], "referring provider")
        self.facilities = ListTab(self, "facilities", [
            Column("Name", lambda f: f.name, width=230),
            Column("NPI", lambda f: f.npi, width=110),
            Column("POS", lambda f: f.place_of_service, width=60),
            Column("Address", lambda f: f"{f.address.line1}, {city_state(f.address)}"),
        ], "facility")
        self.payers = ListTab(self, "payers", [
            Column("Name", lambda p: p.name, width=210),
            Column("Plan type", lambda p: p.plan_type.label, width=140),
            Column("Claims", lambda p: "electronic" if p.submission is Submission.ELECTRONIC else "paper", width=90),
            Column("Payer ID", lambda p: p.edi_id, width=90),
            Column("Filing limit", lambda p: f"{p.timely_filing_days} days", right=True, width=95),
            Column("Address / phone", lambda p: ", ".join(x for x in (city_state(p.address), format_phone(p.phone))
                                                            if x)),
        ], "payer")
        self.fees = ListTab(self, "fees", [
            Column("Code", lambda f: f.procedure, width=90),
            Column("Modifier", lambda f: f.modifier, width=80),
            Column("Charge per unit", lambda f: money(f.charge_cents), right=True, width=130),
            Column("Description", self._description),
        ], "fee")
        self.allowed = ListTab(self, "allowed", [
            Column("Payer", lambda a: self.payer_names.get(a.payer_id, ""), width=200),
            Column("Code", lambda a: a.procedure, width=90),
            Column("Modifier", lambda a: a.modifier, width=80),
            Column("Allowed per unit", lambda a: money(a.allowed_cents), right=True, width=130),
            Column("Description", self._description),
        ], "allowed amount")
        self.tabs = [self.providers, self.referring, self.facilities, self.payers, self.fees, self.allowed]
        self.codes = CodeSetsTab(runner, ws, actor, self, status=self.status_message.emit)
        ui.tabs.addTab(self.codes, "&Code sets")
        ui.hintLabel.setText("What claims are made of: providers, facilities, payers, the fee schedule, what each "
                             "payer's contract allows and the code sets. Ctrl+Tab moves between the lists; Ctrl+F "
                             "finds; Enter on a row edits it.")
        self.allowed_payer: QComboBox = ui.allowedPayerCombo
        self.allowed_payer.currentIndexChanged.connect(lambda _i: self._show_allowed())
        ui.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        shortcut(self, "Ctrl+N", self._add_shown)
        shortcut(self, "Ctrl+F", self._find_shown)
        shortcut(self, "Ctrl+I", lambda: self.codes.import_file() if self.codes_shown() else None)

    def _description(self, entry: FeeEntry | AllowedEntry) -> str:
        return self.data.descriptions.get(entry.procedure, "") if self.data else ""

    # --- loading -------------------------------------------------------------------------------------
    def activate(self) -> None:
        self.reload()
        if self.codes_shown():
            self.codes.refresh()

    def reload(self, tab: ListTab | None = None, select: Callable[[Any], bool] | None = None) -> None:
        self.runner.run(load_all, self.ws, success=lambda data: self._loaded(data, tab, select),
                        label="Loading the reference data…")

    def _loaded(self, data: ReferenceData, tab: ListTab | None, select: Callable[[Any], bool] | None) -> None:
        self.data = data
        self.payer_names = {p.id: p.name for p in data.payers}
        for t, rows in ((self.providers, data.providers), (self.referring, data.referring),
                        (self.facilities, data.facilities), (self.payers, data.payers), (self.fees, data.fees)):
            t.set_rows(rows, select if t is tab else None)
        fill_combo(self.allowed_payer, [(p.name, p.id) for p in data.payers], none_text="All payers")
        self._show_allowed(select if tab is self.allowed else None)

    def _show_allowed(self, select: Callable[[Any], bool] | None = None) -> None:
        if self.data is None:
            return
        payer_id = self.allowed_payer.currentData()
        rows = [a for a in self.data.allowed if payer_id is None or a.payer_id == payer_id]
        self.allowed.set_rows(sorted(rows, key=lambda a: (self.payer_names.get(a.payer_id, ""), a.procedure,
                                                          a.modifier)), select)

    def _tab_changed(self) -> None:
        tab = self.current_tab()
        self.ui.messageLabel.setText(
            "CPT codes show no description until the practice imports its licensed CPT file (Code sets tab, "
            "Import file…); HCPCS codes are described from the shipped list." if tab in (self.fees, self.allowed)
            else "")
        if tab is None and self.codes.listing is None:
            self.codes.refresh()
        self.focus_first()

    def codes_shown(self) -> bool:
        return self.ui.tabs.currentWidget() is self.codes

    def current_tab(self) -> ListTab | None:
        """The list shown; None on the Code sets tab."""
        index = self.ui.tabs.currentIndex()
        return self.tabs[index] if 0 <= index < len(self.tabs) else None

    def _add_shown(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            self.add(tab)
        elif self.codes_shown():
            self.codes.add()

    def _find_shown(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.filter.setFocus()
            tab.filter.selectAll()
        elif self.codes_shown():
            self.codes.focus_search()

    # --- editing -------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, tab: ListTab, select: Callable[[Any, Any], bool]) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(lambda record: self._saved(tab, record, select))  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _r: return_focus(tab.table, tab.add_button))
        dialog.open()

    def _saved(self, tab: ListTab, record: Any, select: Callable[[Any, Any], bool]) -> None:
        self.ui.messageLabel.setText(f"Saved the {tab.noun}.")
        self.status_message.emit(f"Saved the {tab.noun}.")
        self.reload(tab, lambda row: select(row, record))

    def _dialog_for(self, tab: ListTab, record: Any) -> QDialog:
        if tab is self.providers:
            return ProviderDialog(self.runner, self.ws, record, self)
        if tab is self.referring:
            return ReferringDialog(self.runner, self.ws, record, self)
        if tab is self.facilities:
            return FacilityDialog(self.runner, self.ws, record, self)
        if tab is self.payers:
            return PayerDialog(self.runner, self.ws, record, self)
        if tab is self.fees:
            return FeeDialog(self.runner, self.ws, record, None, parent=self)
        payers = self.data.payers if self.data else []
        return FeeDialog(self.runner, self.ws, record, payers, self.allowed_payer.currentData(), parent=self)

    @staticmethod
    def _same(row: Any, record: Any) -> bool:
        if isinstance(record, FeeEntry):
            return bool(row.procedure == record.procedure and row.modifier == record.modifier)
        if isinstance(record, AllowedEntry):
            return bool(row.payer_id == record.payer_id and row.procedure == record.procedure
                        and row.modifier == record.modifier)
        return bool(row.id == record.id)

    def add(self, tab: ListTab) -> None:
        if tab is self.allowed and not (self.data and self.data.payers):
            self.ui.messageLabel.setText("Add the payer first (Payers tab), then its allowed amounts.")
            return
        self._open(self._dialog_for(tab, None), tab, self._same)

    def edit(self, tab: ListTab) -> None:
        record = tab.selected()
        if record is not None:
            self._open(self._dialog_for(tab, record), tab, self._same)

    def toggle(self, tab: ListTab) -> None:
        record = tab.selected()
        if record is None:
            return
        if isinstance(record, Provider):
            self.runner.run(ref.set_provider_active, self.ws, record.id, not record.active,
                            success=lambda p: self.reload(tab, lambda r: r.id == p.id),
                            label="Changing the provider…")
        elif isinstance(record, FeeEntry):
            ask(self, "Remove fee", f"Remove {record.procedure}{'-' + record.modifier if record.modifier else ''} "
                                    "from the fee schedule?", "&Remove",
                lambda: self.runner.run(ref.remove_fee, self.ws, record.procedure, record.modifier,
                                        success=lambda _r: self.reload(tab), label="Removing the fee…"))
        elif isinstance(record, AllowedEntry):
            ask(self, "Remove allowed amount", f"Remove the allowed amount for {record.procedure} "
                                               f"({self.payer_names.get(record.payer_id, '')})?", "&Remove",
                lambda: self.runner.run(ref.remove_allowed_amount, self.ws, record.payer_id, record.procedure,
                                        record.modifier, success=lambda _r: self.reload(tab),
                                        label="Removing the allowed amount…"))

    def focus_first(self) -> None:
        tab = self.current_tab()
        if tab is None:
            self.codes.focus_search()
            return
        (tab.table if tab.model.rowCount() else tab.add_button).setFocus()
