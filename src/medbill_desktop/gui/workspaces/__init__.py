"""The workspaces of the main window: one page each in the navigator.

A workspace is created the first time it is opened (start-up stays fast), gets `activate()` each time
it is shown (to load fresh data through the op runner), and may offer `save()` for Ctrl+S.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from medbill_desktop.domain.roles import Permission, Role, allows
from medbill_desktop.gui.ops import OpRunner

if TYPE_CHECKING:  # the services load on the database worker at start-up, not here
    from medbill_desktop.services.context import Actor, Workstation


class Workspace(QWidget):
    """The base of every workspace page."""

    status_message = Signal(str)  # a short note for the status bar ("Saved.")
    saves = False  # whether File > Save (Ctrl+S) applies to this workspace

    def __init__(self, runner: OpRunner, ws: Workstation, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ws = ws
        self.actor = actor

    def activate(self) -> None:
        """Shown (again): refresh what is on the page."""

    def can_save(self) -> bool:
        return False

    def save(self) -> None:
        """Ctrl+S."""

    def focus_first(self) -> None:
        self.focusNextChild()


@dataclass(frozen=True)
class WorkspaceSpec:
    key: str
    title: str
    permission: Permission | None
    module: str  # imported when the workspace is first opened
    cls: str
    tip: str = ""

    def allowed(self, role: Role) -> bool:
        return self.permission is None or allows(role, self.permission)


# Later issues add Claims, Payments, Statements and Reports here; the navigator only
# ever lists workspaces that exist and that the signed-in role may use.
WORKSPACES: tuple[WorkspaceSpec, ...] = (
    WorkspaceSpec("home", "Home", None, "medbill_desktop.gui.workspaces.home", "HomeWorkspace",
                  "The practice, who is signed in, and a few figures"),
    WorkspaceSpec("front_desk", "Front desk", Permission.VIEW_ACCOUNTS, "medbill_desktop.gui.workspaces.front_desk",
                  "FrontDeskWorkspace", "Find and register patients, insurance, check-in and copays"),
    WorkspaceSpec("charges", "Charges", Permission.ENTER_CHARGES, "medbill_desktop.gui.workspaces.charges",
                  "ChargesWorkspace", "Enter an encounter's diagnoses and service lines, check and finalize"),
    WorkspaceSpec("claims", "Claims", Permission.MANAGE_CLAIMS, "medbill_desktop.gui.workspaces.claims",
                  "ClaimsWorkspace", "Claim queues: print, export 837P, read 999s, rejections and follow-up"),
    WorkspaceSpec("payments", "Payments", Permission.POST_INSURANCE_PAYMENTS,
                  "medbill_desktop.gui.workspaces.payments", "PaymentsWorkspace",
                  "Post paper EOBs (one check or EFT at a time); posted batches and their reversal"),
    WorkspaceSpec("denials", "Denials", Permission.MANAGE_CLAIMS, "medbill_desktop.gui.workspaces.denials",
                  "DenialsWorkspace", "Denied claims by reason, payer and age: resubmit, appeal, write off"),
    WorkspaceSpec("statements", "Statements", Permission.MANAGE_CLAIMS, "medbill_desktop.gui.workspaces.statements",
                  "StatementsWorkspace", "Patient statements: who gets one, print and mark sent; reprints, payment "
                  "plans, holds and collections"),
    WorkspaceSpec("reports", "Reports", Permission.VIEW_ACCOUNTS, "medbill_desktop.gui.workspaces.reports",
                  "ReportsWorkspace", "The dashboard, A/R aging with the claims behind it, the day sheet, key figures"),
    WorkspaceSpec("reference", "Reference data", Permission.EDIT_REFERENCE_DATA,
                  "medbill_desktop.gui.workspaces.reference_data", "ReferenceDataWorkspace",
                  "Providers, facilities, payers, the fee schedule and allowed amounts"),
    WorkspaceSpec("practice", "Practice settings", Permission.EDIT_PRACTICE,
                  "medbill_desktop.gui.workspaces.practice", "PracticeSettingsWorkspace",
                  "The billing provider and the sign-in rules"),
    WorkspaceSpec("users", "Users", Permission.MANAGE_USERS, "medbill_desktop.gui.workspaces.users",
                  "UsersWorkspace", "Add users, change roles, reset passwords"),
    WorkspaceSpec("audit", "Audit log", Permission.VIEW_AUDIT, "medbill_desktop.gui.workspaces.audit",
                  "AuditLogWorkspace", "Who did what, and the tamper check"),
)


def visible_workspaces(role: Role) -> list[WorkspaceSpec]:
    return [spec for spec in WORKSPACES if spec.allowed(role)]


def find_workspace(name: str) -> WorkspaceSpec | None:
    wanted = name.strip().lower().replace("-", " ").replace("_", " ")
    for spec in WORKSPACES:
        if wanted in (spec.key, spec.title.lower()):
            return spec
    return None
