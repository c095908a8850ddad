"""The Code sets tab of Reference data: the practice's code sets, searched as you type, with where each code came
from; importing the licensed CPT file, CMS's HCPCS file or the CARC/RARC lists; a code added or reworded by hand.
ICD-10-CM comes from the installed release: search only.

Keyboard (the workspace routes its shortcuts here while the tab is shown): Ctrl+F searches, Enter (or Down) in
the search goes to the list, Enter on a code edits it, Ctrl+N adds one, Ctrl+I imports a file.
Every database call goes through the op runner; importing and editing need EDIT_REFERENCE_DATA (the services
refuse without it; here the buttons rest, with a tooltip that says why).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.gui.code_dialog import CodeDialog
from medbill_desktop.gui.desk_models import MUTED_COLOR, Column, RowsModel, prepare_table
from medbill_desktop.gui.desk_style import ask, return_focus
from medbill_desktop.gui.fields import error_text, repolish
from medbill_desktop.gui.inputs import Debouncer, date_text, fill_combo, select_data
from medbill_desktop.gui.ops import OpRunner, message_box
from medbill_desktop.services import codes
from medbill_desktop.services.codes import CodeEntry, CodeListing, CodeSet, CodeSetListing, ImportCounts
from medbill_desktop.services.context import Actor, Workstation

LIMIT = codes.MAX_LIMIT
NO_PERMISSION = "Only a manager imports or changes code sets."


@dataclass(frozen=True)
class SetInfo:
    kind: CodeSet
    title: str  # in the chooser
    short: str  # in sentences: "CPT", "HCPCS"
    file_hint: str = ""  # what its file looks like; "" when there is no file to import

    @property
    def editable(self) -> bool:
        return self.kind is not CodeSet.ICD10


SETS = (
    SetInfo(CodeSet.CPT, "CPT", "CPT",
            "the practice's licensed CPT file (CSV: code, description); it replaces the CPT codes held now"),
    SetInfo(CodeSet.HCPCS, "HCPCS Level II", "HCPCS",
            "CMS's quarterly HCPCS file (fixed-width text or CSV); it adds new codes and updates the rest"),
    SetInfo(CodeSet.MODIFIER, "Modifiers", "modifier"),
    SetInfo(CodeSet.POS, "Place of service", "place of service"),
    SetInfo(CodeSet.CARC, "Claim adjustment reasons (CARC)", "CARC",
            "the official CARC list (CSV: code, description, start, stop)"),
    SetInfo(CodeSet.RARC, "Remark codes (RARC)", "RARC",
            "the official RARC list (CSV: code, description, start, stop)"),
    SetInfo(CodeSet.ICD10, "ICD-10-CM diagnoses (search only)", "ICD-10-CM"),
)
_BY_KIND = {s.kind: s for s in SETS}


def import_file(ws: Workstation, set_name: str, path: Path) -> ImportCounts:
    """The set's importer (runs on the database worker)."""
    if set_name == CodeSet.CPT.value:
        return codes.import_cpt(ws, path)
    if set_name == CodeSet.HCPCS.value:
        return codes.import_hcpcs(ws, path)
    return codes.import_remit_codes(ws, set_name, path)


def import_summary(counts: ImportCounts, file_name: str) -> str:
    """As the command line says it: "CPT from cpt2027.csv: 9,812 added, 40 updated, 3 removed."."""
    parts = [f"{counts.added:,} added", f"{counts.updated:,} updated"]
    parts += [f"{n:,} {what}" for n, what in ((counts.removed, "removed"), (counts.skipped, "skipped"),
                                              (counts.terminated, "terminated")) if n]
    return f"{counts.set_name.upper()} from {file_name}: {', '.join(parts)}."


def in_use_tip(row: CodeListing) -> str:
    if row.in_use:
        return ""
    if row.set_name == CodeSet.ICD10.value:
        return "A heading with codes below it: not billable"
    if row.effective_to is not None:
        return f"Not in use: its last day was {date_text(row.effective_to)}"
    return f"Not in use yet: from {date_text(row.effective_from)}"


class CodeSetsTab(QWidget):
    """One page of the Reference data tabs."""

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None,
                 status: Callable[[str], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codesTab")
        self.runner = runner
        self.ws = ws
        self.can_edit = allows(actor.role, Permission.EDIT_REFERENCE_DATA)
        self.status = status or (lambda _text: None)
        self.listing: CodeSetListing | None = None
        self.dialog: CodeDialog | None = None
        self.question: object = None  # the question before a CPT file replaces the codes held
        self.searches = 0
        self._seq = 0
        self._select: str | None = None  # the code to choose when the next answer arrives
        self._show_if_missing = False
        self._shown_query = ""

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        top.setSpacing(8)
        set_label = QLabel("Se&t")
        self.set_combo = QComboBox()
        self.set_combo.setObjectName("codeSetCombo")
        self.set_combo.setAccessibleName("Code set")
        fill_combo(self.set_combo, [(s.title, s.kind.value) for s in SETS])
        set_label.setBuddy(self.set_combo)
        search_label = QLabel("Searc&h")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("codeSearchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip("A code or its start (992), or words of the description (office estab); "
                                    "Ctrl+F comes back here")
        search_label.setBuddy(self.search_edit)
        self.count_label = QLabel()
        self.count_label.setObjectName("codeCountLabel")
        self.count_label.setProperty("role", "hint")
        top.addWidget(set_label)
        top.addWidget(self.set_combo)
        top.addSpacing(10)
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.model: RowsModel[CodeListing] = RowsModel([
            Column("Code", lambda r: r.display_code, width=80, color=self._muted),
            Column("Description", lambda r: r.description, stretch=True, color=self._muted,
                   tip=lambda r: "\n".join(x for x in (r.long_description or r.description, in_use_tip(r)) if x)),
            Column("Source", lambda r: r.origin, width=130, color=self._muted,
                   tip=lambda r: f"{r.origin} ({r.source})" if r.origin != r.source else r.origin),
            Column("In use from", lambda r: date_text(r.effective_from), width=110, color=self._muted),
            Column("Last day", lambda r: date_text(r.effective_to), width=90, color=self._muted,
                   tip=in_use_tip),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("codesTable")
        self.table.setAccessibleName("Codes of the chosen set")
        prepare_table(self.table, self.model)
        self.table.setSortingEnabled(False)
        body.addWidget(self.table, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        self.add_button = QPushButton("&Add code…")
        self.edit_button = QPushButton("&Edit…")
        self.import_button = QPushButton("&Import file…")
        for button, name in ((self.add_button, "codeAddButton"), (self.edit_button, "codeEditButton"),
                             (self.import_button, "codeImportButton")):
            button.setObjectName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        body.addLayout(buttons)
        layout.addLayout(body, 1)
        self.info_label = QLabel()
        self.info_label.setObjectName("codeInfoLabel")
        self.info_label.setWordWrap(True)
        self.info_label.setProperty("role", "hint")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("codeNoticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setProperty("role", "hint")
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)
        layout.addWidget(self.notice_label)
        for first, second in ((self.set_combo, self.search_edit), (self.search_edit, self.table),
                              (self.table, self.add_button), (self.add_button, self.edit_button),
                              (self.edit_button, self.import_button)):
            QWidget.setTabOrder(first, second)

        self.debounce = Debouncer(self.refresh, parent=self, alive=runner.is_running)
        self.search_edit.textEdited.connect(lambda _t: self.debounce.poke())
        self.search_edit.textChanged.connect(lambda t: self.debounce.poke() if not t else None)  # the clear button
        self.search_edit.returnPressed.connect(self._search_entered)
        self.search_edit.installEventFilter(self)
        self.set_combo.currentIndexChanged.connect(lambda _i: self._set_changed())
        self.table.activated.connect(lambda _i: self.edit())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.import_button.clicked.connect(self.import_file)
        self._set_changed(load=False)

    # --- what is shown ----------------------------------------------------------------------------------
    @property
    def info(self) -> SetInfo:
        return _BY_KIND[CodeSet(self.set_combo.currentData())]

    @staticmethod
    def _muted(row: CodeListing) -> Any:
        return None if row.in_use else MUTED_COLOR

    def choose_set(self, set_name: str) -> None:
        select_data(self.set_combo, set_name)

    def _set_changed(self, load: bool = True) -> None:
        self.listing = None
        self.model.set_rows([])
        self._notice("")
        self.update_buttons()
        if load:
            self.refresh()

    def refresh(self, select: str | None = None, *, show_it: bool = False) -> None:
        """Ask for the codes matching the search (quietly: typing never brings up the busy indicator)."""
        self.debounce.cancel()
        self._seq += 1
        seq = self._seq
        if select is not None:
            self._select, self._show_if_missing = select, show_it
        self.searches += 1
        set_name, query = self.info.kind.value, self.search_edit.text()
        self.runner.run(codes.list_codes, self.ws, set_name, query, LIMIT,
                        success=lambda listing: self._listed(seq, query, listing),
                        failure=lambda exc: self._notice(error_text(exc), error=True) if seq == self._seq else None,
                        quiet=True, label="Searching the code set…")

    def _listed(self, seq: int, query: str, listing: CodeSetListing) -> None:
        if seq != self._seq or listing.set_name != self.info.kind.value:
            return
        wanted, self._select = self._select, None
        if wanted is not None and self._show_if_missing and not any(r.code == wanted for r in listing.rows):
            self._show_if_missing = False
            self.search_edit.setText(wanted)  # what was just saved is out of this search: show it
            self.refresh(wanted)
            return
        current = self.selected()
        same_search = self.listing is not None and query.strip() == self._shown_query.strip()
        self._shown_query = query
        keep = wanted if wanted is not None else (current.code if current is not None and same_search else None)
        self.listing = listing
        self.model.set_rows(listing.rows)
        row = self.model.index_of(lambda r: r.code == keep) if keep is not None else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
            self.table.scrollTo(self.model.index(max(row, 0), 0))
        self._show_counts(listing)
        self.update_buttons()

    def _show_counts(self, listing: CodeSetListing) -> None:
        info = self.info
        shown, total, typed = len(listing.rows), listing.total, bool(self.search_edit.text().strip())
        if info.kind is CodeSet.ICD10 and not total:
            count = "not loaded"
        elif info.kind is CodeSet.ICD10 and not typed:
            count = f"{total:,} codes: type to search"
        elif typed:
            count = f"{'first ' if shown >= LIMIT else ''}{shown:,} found" if shown else "none found"
        else:
            count = f"{total:,} code{'s' if total != 1 else ''}" if shown >= total else \
                f"first {shown:,} of {total:,}: type to narrow"
        self.count_label.setText(count)
        self.info_label.setText(self._info_text(listing))

    def _info_text(self, listing: CodeSetListing) -> str:
        info = self.info
        if info.kind is CodeSet.ICD10:
            if not listing.total:
                return ("ICD-10-CM is not loaded in this database yet: it loads when the program first starts "
                        "(or run 'medbill codes import icd10').")
            return (f"From the installed release ({listing.version}); it is searched here, not edited. "
                    "Type a code (E11.6) or words (type 2 diab kidney).")
        where = f"The last file imported was {listing.version}. " if listing.version else ""
        if info.file_hint:
            return f"{where}Import file… takes {info.file_hint}. Codes added or reworded by hand show " \
                   "\"practice\" as their source."
        return f"{where}The {info.short} list ships with the program; add or reword a code by hand with Add code…."

    def _notice(self, text: str, *, error: bool = False) -> None:
        self.notice_label.setText(text)
        role = "error" if error else "hint"
        if self.notice_label.property("role") != role:
            self.notice_label.setProperty("role", role)
            repolish(self.notice_label)

    def selected(self) -> CodeListing | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def update_buttons(self) -> None:
        info = self.info
        editable = self.can_edit and info.editable
        for button in (self.add_button, self.edit_button, self.import_button):
            button.setVisible(info.editable)
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and self.selected() is not None)
        self.import_button.setEnabled(self.can_edit and bool(info.file_hint))
        if not self.can_edit:
            tip = NO_PERMISSION
            for button in (self.add_button, self.edit_button, self.import_button):
                button.setToolTip(tip)
            return
        self.add_button.setToolTip(f"Add a {info.short} code by hand (Ctrl+N)")
        self.edit_button.setToolTip("Change the chosen code's description or dates (Enter)")
        self.import_button.setToolTip(f"Import {info.file_hint} (Ctrl+I)" if info.file_hint else
                                      f"There is no file to import for the {info.short} list; "
                                      "add or reword its codes by hand.")

    # --- keyboard ---------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_entered(self) -> None:
        if self.debounce.timer.isActive():
            self.refresh()
        if self.model.rowCount():
            self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    # --- adding, editing, importing ---------------------------------------------------------------------
    def _allowed(self, what: str) -> bool:
        info = self.info
        if not info.editable:
            self._notice("ICD-10-CM comes from the installed release; it is searched here, not edited.")
            return False
        if not self.can_edit:
            self._notice(f"{NO_PERMISSION} ({what})")
            return False
        return True

    def add(self) -> None:
        if self._allowed("adding a code"):
            self._open(None)

    def edit(self) -> None:
        entry = self.selected()
        if entry is not None and self._allowed("changing a code"):
            self._open(entry)

    def _open(self, entry: CodeListing | None) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        info = self.info
        self.dialog = dialog = CodeDialog(self.runner, self.ws, info.kind.value, info.short, entry, self)
        dialog.saved.connect(lambda saved: self._saved(saved, entry is None))
        dialog.finished.connect(lambda _r: return_focus(self.table, self.add_button))
        dialog.open()

    def _saved(self, entry: CodeEntry, added: bool) -> None:
        text = f"{self.info.short} {entry.code} {'added' if added else 'saved'}: {entry.description}"
        self._notice(text)
        self.status(text)
        self.refresh(entry.code, show_it=True)

    def import_file(self) -> None:
        info = self.info
        if not self._allowed("importing a file"):
            return
        if not info.file_hint:
            self._notice(f"There is no file to import for the {info.short} list; add or reword its codes by hand.")
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, f"Import the {info.short} file", str(Path.home()),
            "Code files (*.csv *.txt *.tsv);;All files (*)")
        if not name:
            return
        path = Path(name)
        held = self.listing.total if self.listing is not None else 0
        if info.kind is CodeSet.CPT and held:
            self.question = ask(self, "Replace the CPT codes",
                              f"Replace the {held:,} CPT code{'s' if held != 1 else ''} held now with those of "
                              f"{path.name}?", "Replace the CPT codes", lambda: self._import(path),
                              "Codes added by hand are replaced too. Claims already made keep the codes they were "
                              "billed with.")
            return
        self._import(path)

    def _import(self, path: Path) -> None:
        info = self.info
        self._notice(f"Importing {path.name}…")
        self.runner.run(import_file, self.ws, info.kind.value, path,
                        success=lambda counts: self._imported(counts, path),
                        failure=lambda exc: self._import_refused(exc, path),
                        label=f"Importing the {info.short} file…", parent=self.window())

    def _imported(self, counts: ImportCounts, path: Path) -> None:
        text = import_summary(counts, path.name)
        self._notice(text)
        self.status(text)
        self.refresh()

    def _import_refused(self, exc: Exception, path: Path) -> None:
        text = f"{path.name} {error_text(exc).rstrip('.')}. Nothing was imported."
        self._notice(text, error=True)
        message_box(self, QMessageBox.Icon.Warning, "Not imported", text)
