"""Regenerate docs/screenshots/*.png from real windows (X11; under Xvfb when there is no display).

    .venv/bin/python scripts/screenshots.py            # re-runs itself under xvfb-run if $DISPLAY is unset

Makes a throwaway practice database (passphrase-derived key via MEDBILL_DB_PASSPHRASE, so no keyring is
touched) through the services, then photographs:
- the main window workspaces with the program itself: `medbill-desktop --sign-in admin --workspace NAME
  --screenshot FILE` (home, practice-settings, users, audit-log);
- the first-run dialog, the sign-in dialog and the lock screen in this process, through the same GUI classes;
- the front desk, the patient form, the duplicate warning, the coverage dialog, check-in with a copay, the
  account summary, charge entry with its findings and the reference data lists, in this process, on the demo
  practice (`services.demo`) plus one scripted patient; every database call goes through the op runner and
  the forms are filled with simulated key presses.

    .venv/bin/python scripts/screenshots.py --only desk     # just the front-desk and charge-entry pictures
    .venv/bin/python scripts/screenshots.py --only claims   # the claim queues and the printer calibration
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "screenshots only 1"
ADMIN_PASSWORD = "admin-pass-1"
WORKSPACE_SHOTS = {"home": "home", "practice": "practice-settings", "users": "users", "audit": "audit-log"}


def ensure_display() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("MEDBILL_SCREENSHOTS_UNDER_XVFB"):
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("No display and no xvfb-run: apt-get install -y xvfb xauth")
    env = dict(os.environ, MEDBILL_SCREENSHOTS_UNDER_XVFB="1")
    code = subprocess.call([xvfb, "-a", "-s", "-screen 0 1366x850x24", sys.executable, *sys.argv], env=env)
    sys.exit(code)


def make_demo(path: Path) -> None:
    from medbill_desktop.domain.practice import Address, Practice
    from medbill_desktop.domain.roles import Role
    from medbill_desktop.services import settings, setup, users
    from medbill_desktop.services.errors import SignInError

    practice = Practice(
        name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789", taxonomy="207Q00000X",
        address=Address("1200 Riverside Drive", "Springfield", "IL", "62701", line2="Suite 210"),
        phone="(217) 555-0100",
    )
    ws = setup.create_workstation(path, practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password=ADMIN_PASSWORD)
    try:
        users.sign_in(ws, "admin", ADMIN_PASSWORD)
        users.add_user(ws, "mlopez", "Maria Lopez", Role.FRONT_DESK, "front-desk-1")
        users.add_user(ws, "jchen", "James Chen", Role.BILLER, "biller-pass-1")
        users.add_user(ws, "tkaur", "Tara Kaur", Role.FRONT_DESK, "front-desk-2")
        users.set_active(ws, "tkaur", False)
        settings.save_settings(ws, replace(settings.get_settings(ws), idle_lock_minutes=5))
        for _ in range(2):  # refused sign-ins are what the audit log should show
            with contextlib.suppress(SignInError):
                users.sign_in(ws, "mlopez", "not-her-password")
        users.sign_in(ws, "mlopez", "front-desk-1")
        users.lock(ws, "idle")
        users.unlock(ws, "front-desk-1")
        users.sign_out(ws)
        users.sign_in(ws, "admin", ADMIN_PASSWORD)
    finally:
        ws.close()


def shoot_workspaces(db: Path) -> None:
    env = dict(os.environ, MEDBILL_DB_PASSPHRASE=PASSPHRASE, MEDBILL_PASSWORD=ADMIN_PASSWORD)
    env.pop("QT_QPA_PLATFORM", None)
    for workspace, name in WORKSPACE_SHOTS.items():
        target = OUT / f"{name}.png"
        subprocess.run([sys.executable, "-m", "medbill_desktop.app", "--db", str(db), "--sign-in", "admin",
                        "--workspace", workspace, "--screenshot", str(target)], env=env, check=True)


def shoot_in_process(db: Path, fresh: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.gui.startup_dialogs import FirstRunDialog, SignInDialog

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()

    def settle(ms: int = 400) -> None:
        deadline = QEventLoop()
        QTimer.singleShot(ms, deadline.quit)
        deadline.exec()
        while runner.is_busy():
            settle(100)

    def save(widget: QWidget, name: str) -> None:
        settle()
        assert widget.grab().save(str(OUT / f"{name}.png"), "PNG"), name
        print(f"saved {OUT / name}.png")

    def call(fn, *args):  # type: ignore[no-untyped-def]
        box: list[object] = []
        runner.run(fn, *args, success=box.append)
        while not box:
            settle(50)
        return box[0]

    try:
        # First run: no database yet, no secure keyring here, so the passphrase is asked for too.
        os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
        first = FirstRunDialog(runner, fresh, needs_passphrase=True)
        ui = first.ui
        for edit, text in [(ui.nameEdit, "Riverside Family Medicine"), (ui.npiEdit, "1234567893"),
                           (ui.taxIdEdit, "12-3456789"), (ui.taxonomyEdit, "207Q00000X"),
                           (ui.line1Edit, "1200 Riverside Drive"), (ui.line2Edit, "Suite 210"),
                           (ui.cityEdit, "Springfield"), (ui.stateEdit, "IL"), (ui.zipEdit, "62701"),
                           (ui.phoneEdit, "(217) 555-0100"), (ui.usernameEdit, "admin"),
                           (ui.fullNameEdit, "Ada Admin")]:
            edit.setText(text)
        first.show()
        ui.nameEdit.deselect()
        ui.passwordEdit.setFocus()
        save(first, "first-run")
        first.hide()

        os.environ["MEDBILL_DB_PASSPHRASE"] = PASSPHRASE
        opened = call(tasks.open_workstation, db)
        sign_in = SignInDialog(runner, opened.ws, opened.practice_name, username="mlopez")
        sign_in.show()
        sign_in.errors.show("The user name or password is wrong.", "password")  # as after a typo
        sign_in.ui.passwordEdit.setFocus()
        save(sign_in, "sign-in")
        sign_in.hide()

        signed = call(tasks.sign_in, opened.ws, "admin", ADMIN_PASSWORD)
        window = MainWindow(runner, opened.ws, signed.actor, signed.settings, opened.practice_name)
        runner.window = window
        window.resize(*desktop.WINDOW_SIZE)
        window.show()
        settle()
        window.lock("manual")
        save(window, "lock-screen")
        window.dispose()
        window.hide()
        call(tasks.close_workstation, opened.ws)
    finally:
        runner.shutdown()

# --- the front desk, charge entry and reference data ---------------------------------------------------------
DESK_SIZE = (1280, 800)


def make_desk_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice (200 patients, 500 visits) plus Maria Garcia, whose insurance shows what the front
    desk must notice: a secondary through her husband, and an eligibility check 45 days old."""
    from datetime import date, timedelta

    from medbill_desktop.domain.coverage import Coverage, EligibilityCheck, EligibilityMethod, Relationship, Subscriber
    from medbill_desktop.domain.encounters import Encounter, ServiceLine
    from medbill_desktop.domain.ledger import Party
    from medbill_desktop.domain.patients import Patient, Sex
    from medbill_desktop.domain.practice import Address
    from medbill_desktop.services import checkin, coverage, demo, encounters, patients, reference_data, users

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    today = ws.today()
    payers = {p.name: p for p in reference_data.list_payers(ws)}
    maria = patients.register_patient(ws, Patient(
        "Garcia", "Maria", date(1984, 5, 12), Sex.FEMALE, middle_name="Luisa",
        address=Address("1418 Hinman Ave", "Evanston", "IL", "60201", "Apt 3"), cell_phone="(847) 555-0163",
        email="maria.garcia@example.com", release_signed_on=today - timedelta(days=400)))
    stored = coverage.set_coverages(ws, maria.id, [
        Coverage(maria.id, payers["Aetna"].id, Party.PRIMARY, "W284617390", group_number="G48213",
                 effective_from=date(today.year - 2, 1, 1), copay_cents=3000, plan_name="Open Access"),
        Coverage(maria.id, payers["Blue Cross Blue Shield of Illinois"].id, Party.SECONDARY, "XOF901442817",
                 group_number="077120", relationship=Relationship.SPOUSE,
                 subscriber=Subscriber("Garcia", "José", date(1981, 9, 30), Sex.MALE),
                 effective_from=date(today.year - 1, 1, 1), plan_name="PPO"),
    ])
    coverage.record_eligibility_check(ws, EligibilityCheck(
        stored[0].id, today - timedelta(days=45), "", EligibilityMethod.PHONE, True, copay_cents=3000,
        deductible_remaining_cents=42000, out_of_pocket_remaining_cents=180000, reference_number="AET-5531902",
        note="Spoke with Dana: PCP visits $30 copay, no referral needed."))
    # Robert Thompson owes both ways: a visit before his insurance began, one after, and a card prepayment
    robert = patients.register_patient(ws, Patient(
        "Thompson", "Robert", date(1958, 2, 3), Sex.MALE, middle_name="Allen",
        address=Address("702 Judson Ave", "Evanston", "IL", "60202"), home_phone="(847) 555-0114",
        release_signed_on=today - timedelta(days=130)))
    coverage.set_coverages(ws, robert.id, [Coverage(
        robert.id, payers["UnitedHealthcare"].id, Party.PRIMARY, "W550912784", group_number="G30117",
        effective_from=today - timedelta(days=90), copay_cents=4000, plan_name="Choice Plus")])
    rendering = reference_data.list_providers(ws, renders=True)[0].id
    billing = reference_data.list_providers(ws, bills=True)[0].id
    for days_ago, lines in ((120, (("99214", 19500), ("36415", 1800))), (20, (("99213", 13500), ("93000", 6500)))):
        visit = encounters.save_encounter(ws, Encounter(
            robert.id, today - timedelta(days=days_ago), rendering_provider_id=rendering,
            billing_provider_id=billing, place_of_service="11", diagnoses=("I10", "E785"),
            lines=tuple(ServiceLine(code, cents, pointers=(1, 2)) for code, cents in lines)))
        encounters.finalize_encounter(ws, visit.id)
    checkin.take_patient_payment(ws, robert.id, 4000, "card", "4417")
    checkin.check_in(ws, robert.id)
    return ws, maria, robert



def _window_tools(runner):  # type: ignore[no-untyped-def]
    """settle (let queued ops finish), call (run one op and wait for its result) and shoot (save the screen
    where a window is, so dialogs appear over it as the user sees them) for one op runner."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QWidget

    def settle(ms: int = 400) -> None:
        deadline = QEventLoop()
        QTimer.singleShot(ms, deadline.quit)
        deadline.exec()
        while runner.is_busy():
            settle(100)

    def call(fn, *args):  # type: ignore[no-untyped-def]
        box: list[object] = []
        runner.run(fn, *args, success=box.append)
        while not box:
            settle(100)
        return box[0]

    def shoot(window: QWidget, name: str) -> None:
        settle()
        window.statusBar().clearMessage()  # type: ignore[attr-defined]
        settle(100)
        geo = window.frameGeometry()
        picture = window.screen().grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
        assert picture.save(str(OUT / f"{name}.png"), "PNG"), name
        print(f"saved {OUT / name}.png")

    return settle, call, shoot

def shoot_desk(db: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()

    settle, call, shoot = _window_tools(runner)

    def keys(widget: QWidget, text: str) -> None:
        widget.setFocus()
        QTest.keyClicks(widget, text)

    def key(widget: QWidget, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(widget, k, modifier)

    def close(dialog: QDialog | None) -> None:
        if dialog is not None:
            dialog.reject()
        settle(200)

    try:
        print("making the demo practice (this takes a while)…", flush=True)
        ws, maria, owing = call(make_desk_demo, db)
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = MainWindow(runner, ws, signed.actor, signed.settings, demo.DEMO_PRACTICE.name)
        runner.window = window
        window.resize(*DESK_SIZE)
        window.move(0, 0)
        window.show()
        settle()

        # the front desk: search as you type, the chosen patient with her insurance and checks
        desk = window.show_workspace("front_desk", focus=True)
        keys(desk.ui.searchEdit, "garcia")
        settle()
        row = desk.results.index_of(lambda h: h.id == maria.id)
        desk.ui.resultsTable.selectRow(row)
        desk.open_selected(focus=True)
        settle()
        desk.ui.coveragesTable.selectRow(0)
        shoot(window, "front-desk")

        # registering a child whose mother pays the bills
        desk.new_patient()
        settle(200)
        form = desk.dialog
        ui = form.ui
        for edit, text in ((ui.lastNameEdit, "Okafor"), (ui.firstNameEdit, "Chidera"), (ui.dobEdit, "08/21/2017"),
                           (ui.line1Edit, "2207 Ridge Ave"), (ui.cityEdit, "Evanston"), (ui.stateEdit, "IL"),
                           (ui.zipEdit, "60201"), (ui.homePhoneEdit, "(847) 555-0129"),
                           (ui.releaseEdit, date_today_text())):
            keys(edit, text)
        keys(ui.sexCombo, "F")
        ui.otherRadio.setFocus()
        key(ui.otherRadio, Qt.Key.Key_Space)
        for edit, text in ((ui.gLastEdit, "Okafor"), (ui.gFirstEdit, "Ngozi"), (ui.gDobEdit, "02/14/1986"),
                           (ui.gPhoneEdit, "(847) 555-0187")):
            keys(edit, text)
        ui.gPhoneEdit.setFocus()
        shoot(window, "patient-form")
        close(form)

        # the duplicate warning: Maria Garcia registered again
        desk.new_patient()
        settle(200)
        form = desk.dialog
        for edit, text in ((form.ui.lastNameEdit, "Garcia"), (form.ui.firstNameEdit, "Maria"),
                           (form.ui.dobEdit, "05/12/1984")):
            keys(edit, text)
        key(form.ui.dobEdit, Qt.Key.Key_Return)
        settle()
        shoot(window, "duplicate-warning")
        close(form.duplicates)
        close(form)

        # the secondary coverage, through the husband's plan
        desk.ui.coveragesTable.selectRow(1)
        desk.edit_coverage()
        settle(200)
        dialog = desk.dialog
        dialog.ui.memberIdEdit.setFocus()
        shoot(window, "coverage-dialog")
        close(dialog)

        # check-in: the warnings, and the $30 copay paid by check
        desk.check_in()
        settle()
        dialog = desk.dialog
        keys(dialog.ui.methodCombo, "Ch")
        keys(dialog.ui.referenceEdit, "2291")
        dialog.ui.takePaymentButton.click()
        settle()
        shoot(window, "check-in")
        dialog.accept()
        settle()

        # the account summary of a patient who owes insurance and patient balances
        desk.ui.searchEdit.clear()
        keys(desk.ui.searchEdit, owing.account_number)
        settle()
        desk.ui.resultsTable.selectRow(0)
        desk.open_selected()
        settle()
        desk.account_summary()
        settle()
        shoot(window, "account-summary")
        close(desk.dialog)

        # charge entry: Maria's visit of today, 3 lines, then Check (F7)
        charges = window.show_workspace("charges", focus=True)
        settle()
        draft = charges.drafts.index_of(lambda e: e.patient_id == maria.id)
        charges.ui.draftsTable.selectRow(draft)
        charges.open_selected_draft()
        settle()
        entry = charges.form
        for n, code in enumerate(("J06.9", "I10", "Z23")):
            keys(entry.dx[n].edit, code)
            key(entry.dx[n].edit, Qt.Key.Key_Return)
            settle(250)
        for n, (code, mods, pointers) in enumerate((("99214", "25", "AB"), ("87880", "", "A"), ("90686", "", "C"))):
            row = entry.lines[n]
            keys(row.code, code)
            key(row.code, Qt.Key.Key_Tab)
            keys(row.modifiers, mods)
            keys(row.pointers, pointers)
            settle(300)
            key(row.pointers, Qt.Key.Key_Return)
        settle()
        key(entry.lines[-1].code, Qt.Key.Key_F7)
        settle()
        shoot(window, "charge-entry")

        # diagnosis search as you type: words, not codes
        keys(entry.dx[3].edit, "diabetes type 2 kidn")
        settle(600)
        shoot(window, "diagnosis-search")
        entry.dx[3].completer.stop()
        entry.dx[3].edit.clear()

        # the biller's list: drafts waiting for charges, and a patient's encounters
        entry.dirty = False
        charges.show_list()
        settle()
        keys(charges.ui.searchEdit, owing.account_number)
        key(charges.ui.searchEdit, Qt.Key.Key_Return)
        settle()
        charges._patient_chosen()
        settle()
        shoot(window, "charges-list")

        # reference data: providers, payers, the fee schedule
        reference = window.show_workspace("reference", focus=True)
        settle()
        shoot(window, "reference-data")
        reference.ui.tabs.setCurrentIndex(3)
        settle()
        shoot(window, "reference-payers")
        reference.ui.tabs.setCurrentIndex(4)
        settle()
        shoot(window, "reference-fees")

        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


# --- claims ----------------------------------------------------------------------------------------------------
def make_claims_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice with its newest claims moved along: some ready, some printed (submitted), accepted,
    rejected with a reason, denied, with a note and a follow-up; and a printer profile for the red forms."""
    from datetime import timedelta

    from medbill_desktop.domain.claim_form import CalibrationProfile
    from medbill_desktop.domain.claims import Action
    from medbill_desktop.services import claims, demo, users

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    newest = sorted(claims.list_claims(ws), key=lambda c: (c.date_of_service, c.claim_number), reverse=True)
    numbers = [c.claim_number for c in newest[:24]]
    claims.mark_ready(ws, numbers[:8])
    sent = numbers[8:20]
    claims.render_claims_pdf(ws, sent, "red")
    for n in sent[:3]:
        claims.transition(ws, n, Action.ACCEPT)
    claims.transition(ws, sent[3], Action.REJECT, reason="Subscriber ID not found (payer 999: NM1*IL)")
    claims.transition(ws, sent[4], Action.REJECT, reason="Invalid diagnosis pointer on line 2")
    claims.transition(ws, sent[5], Action.DENY, reason="CO-197: precertification absent")
    claims.add_note(ws, sent[3], "Called the payer: member ID on the card is W284617391, not ...390. Fixing.")
    claims.set_follow_up(ws, sent[5], ws.today() + timedelta(days=7))
    claims.save_calibration_profile(ws, CalibrationProfile(
        "Front office HP LaserJet, tray 2", 6, -4, 1.0, {"24.charges": (3, 0), "33.name": (0, 2)}))
    return ws, sent[3]


def shoot_claims(db: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.main_window import MainWindow
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()

    settle, call, shoot = _window_tools(runner)

    try:
        print("making the demo practice with claims (this takes a while)…", flush=True)
        ws, rejected = call(make_claims_demo, db)
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = MainWindow(runner, ws, signed.actor, signed.settings, demo.DEMO_PRACTICE.name)
        runner.window = window
        window.resize(1366, 820)
        window.move(0, 0)
        window.show()
        settle()
        page = window.show_workspace("claims", focus=True)
        settle()
        page.queue_list.setCurrentRow(5)  # all claims: the states side by side
        settle()
        page.queue_list.setCurrentRow(0)
        settle()
        shoot(window, "claims")
        page.queue_list.setCurrentRow(2)  # rejected: the detail with the reason and the note
        settle()
        at = page.model.index_of(lambda r: r.claim.claim_number == rejected)
        page.table.selectRow(max(at, 0))
        page.table.setFocus()
        settle(600)
        shoot(window, "claims-rejected")
        dialog = page.open_calibration()
        settle(600)
        dialog.move(window.frameGeometry().x() + 190, window.frameGeometry().y() + 120)
        settle(300)
        shoot(window, "calibration")
        dialog.reject()
        settle(200)
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


def date_today_text() -> str:
    from datetime import date

    return date.today().strftime("%m/%d/%Y")



def main() -> int:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv[:-1] else ""
    os.environ.pop("QT_QPA_PLATFORM", None)  # real X11 windows, not the offscreen plugin
    ensure_display()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="medbill-shots-") as tmp:
        os.environ["MEDBILL_DB_PASSPHRASE"] = PASSPHRASE
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")  # keep these runs out of the real log
        if only in ("", "shell"):
            db = Path(tmp) / "medbill.db"
            make_demo(db)
            shoot_workspaces(db)
            shoot_in_process(db, Path(tmp) / "new" / "medbill.db")
        if only in ("", "desk"):
            shoot_desk(Path(tmp) / "desk" / "medbill.db")
        if only in ("", "claims"):
            shoot_claims(Path(tmp) / "claims" / "medbill.db")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
