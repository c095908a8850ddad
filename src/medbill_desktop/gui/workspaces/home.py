"""Home: the practice, who is signed in, and a few figures worth a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from medbill_desktop.gui.forms.ui_home import Ui_HomePage
from medbill_desktop.gui.models import local_time
from medbill_desktop.gui.ops import OpRunner
from medbill_desktop.gui.practice_form import describe_practice
from medbill_desktop.gui.workspaces import Workspace, visible_workspaces
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.overview import Overview, get_overview


def shortcuts_html(titles: list[str]) -> str:
    rows = [(f"Ctrl+{i}", f"Open {title}") for i, title in enumerate(titles[:9], start=1)]
    rows += [("Ctrl+S", "Save the form you are in"), ("Ctrl+L", "Lock the screen when you step away"),
             ("Ctrl+Q", "Quit"), ("Alt + underlined letter", "Jump to that field or button")]
    cells = "".join(
        f"<tr><td style='padding:2px 18px 2px 0'><b>{key}</b></td><td style='padding:2px 0'>{what}</td></tr>"
        for key, what in rows
    )
    return f"<table>{cells}</table>"


class HomeWorkspace(Workspace):
    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(runner, ws, actor, parent)
        self.ui = Ui_HomePage()
        self.ui.setupUi(self)
        self.overview: Overview | None = None
        self.ui.welcomeLabel.setText(
            f"Signed in as <b>{actor.full_name}</b> ({actor.username}) — {actor.role.label}")
        self.ui.databaseValue.setText(ws.path.name)
        self.ui.databaseCaption.setText("Database (encrypted)")
        self.ui.databaseValue.setToolTip(str(ws.path))
        self.ui.shortcutsLabel.setText(shortcuts_html([s.title for s in visible_workspaces(actor.role)]))

    def activate(self) -> None:
        self.runner.run(get_overview, self.ws, success=self.show_overview, label="Loading…")

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        ui = self.ui
        if overview.practice is not None:
            ui.practiceNameLabel.setText(overview.practice.name)
            ui.practiceDetailsLabel.setText(describe_practice(overview.practice))
        else:
            ui.practiceNameLabel.setText("No practice on record")
            ui.practiceDetailsLabel.setText("A manager can enter it in Practice settings.")
        ui.usersValue.setText(str(overview.active_users))
        ui.auditValue.setText(f"{overview.audit_entries:,}")
        ui.outboxValue.setText(f"{overview.pending_changes:,}")
        ui.workstationValue.setText(overview.workstation_name or "—")
        ui.workstationCaption.setText(
            f"This workstation (numbers start with {overview.workstation_prefix})"
            if overview.workstation_prefix else "This workstation")
        ui.lastSignInValue.setText(local_time(overview.previous_sign_in) or "First time here")
