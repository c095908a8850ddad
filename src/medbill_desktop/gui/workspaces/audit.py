"""Audit log: recent entries, and the check that none was edited or removed (managers only)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from medbill_desktop.domain.audit import AuditEntry
from medbill_desktop.gui.fields import repolish
from medbill_desktop.gui.forms.ui_audit_log import Ui_AuditLogPage
from medbill_desktop.gui.models import AuditModel
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.workspaces import Workspace
from medbill_desktop.services import audit
from medbill_desktop.services.audit import AuditReport
from medbill_desktop.services.context import Actor, Workstation

RECENT = 500


class AuditLogWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = Ui_AuditLogPage()
        self.ui.setupUi(self)
        self.model = AuditModel(self)
        table = self.ui.auditTable
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 160, 110, 150, 110)):
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.ui.verifyButton.clicked.connect(self.verify)
        self.ui.reloadButton.clicked.connect(self.reload)
        self.report: AuditReport | None = None
        self.verifying = False

    def activate(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.runner.run(audit.recent_entries, self.ws, RECENT, success=self._loaded,
                        label="Loading the audit log…")

    def _loaded(self, entries: list[AuditEntry]) -> None:
        self.model.set_rows(entries)
        shown = len(entries)
        self.ui.countLabel.setText(f"Newest {shown:,} entries" if shown >= RECENT else f"{shown:,} entries")

    def verify(self) -> None:
        if self.verifying:
            return
        self.verifying = True
        self.ui.verifyButton.setEnabled(False)
        self.ui.verifyResultLabel.setText("Checking…")
        self.runner.run(audit.verify_audit, self.ws, success=self._verified, finished=self._verify_done,
                        label="Checking the audit chain…")

    def _verified(self, report: AuditReport) -> None:
        self.report = report
        label = self.ui.verifyResultLabel
        label.setText(("✔ " if report.ok else "✘ ") + report.message)
        label.setProperty("role", "ok" if report.ok else "error")
        repolish(label)

    def _verify_done(self) -> None:
        self.verifying = False
        self.ui.verifyButton.setEnabled(True)
        if self.report is None:
            self.ui.verifyResultLabel.clear()

    def focus_first(self) -> None:
        self.ui.verifyButton.setFocus()
