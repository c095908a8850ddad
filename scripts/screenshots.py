"""Regenerate docs/screenshots/*.png from real windows (X11; under Xvfb when there is no display).

    .venv/bin/python scripts/screenshots.py            # re-runs itself under xvfb-run if $DISPLAY is unset

Makes a throwaway practice database (passphrase-derived key via MEDBILL_DB_PASSPHRASE, so no keyring is
touched) through the services, then photographs:
- the main window workspaces with the program itself: `medbill-desktop --sign-in admin --workspace NAME
  --screenshot FILE` (home, practice-settings, users, audit-log);
- the first-run dialog, the main window's sign-in page and its lock screen in this process, through the same
  GUI classes;
- the front desk, the patient form, the duplicate warning, the coverage dialog, check-in with a copay, the
  account summary, charge entry with its findings and the reference data lists, in this process, on the demo
  practice (`services.demo`) plus one scripted patient; every database call goes through the op runner and
  the forms are filled with simulated key presses.

    .venv/bin/python scripts/screenshots.py --only desk     # just the front-desk and charge-entry pictures
    .venv/bin/python scripts/screenshots.py --only claims   # the claim queues and the printer calibration
    .venv/bin/python scripts/screenshots.py --only payments # paper EOB posting, the posted batches, a claim reversed
    .venv/bin/python scripts/screenshots.py --only statements  # the statement run, a payment plan, a statement
    .venv/bin/python scripts/screenshots.py --only denials  # the denials queue, an appeal and its letter
    .venv/bin/python scripts/screenshots.py --only account  # a patient's account ledger and a payment at the desk
    .venv/bin/python scripts/screenshots.py --only reports  # the dashboard and A/R aging with a claim behind it
    .venv/bin/python scripts/screenshots.py --only sync     # the sync indicator and inbox (a server is started)
    .venv/bin/python scripts/screenshots.py --only codes    # Reference data's Code sets tab after a CPT import
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

from screenshot_window import open_main_window

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
    from medbill_desktop.gui.startup_dialogs import FirstRunDialog

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
        window = MainWindow(runner)  # as the program starts: the window on its sign-in page
        runner.window = window
        window.set_database_status(db)
        window.database_opened(opened.ws, opened.practice_name)
        page = window.show_sign_in("mlopez")
        window.resize(*desktop.WINDOW_SIZE)
        window.show()
        page.errors.show("The user name or password is wrong.", "password")  # as after a typo
        page.ui.passwordEdit.setFocus()
        save(window, "sign-in")

        signed = call(tasks.sign_in, opened.ws, "admin", ADMIN_PASSWORD)
        window.begin_work(opened.ws, signed.actor, signed.settings)
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

    def pause(ms: int) -> None:
        deadline = QEventLoop()
        QTimer.singleShot(ms, deadline.quit)
        deadline.exec()

    def settle(ms: int = 400) -> None:
        pause(ms)
        while runner.is_busy():  # a loop, not recursion: building the demo keeps the worker busy for minutes
            pause(100)

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
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name, DESK_SIZE)
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
    rejected with a reason, denied, with a note and a follow-up; the first ready claim from a car accident, with
    its claim facts (items 10b, 11b, 16, 18, 19 and an attachment); and a printer profile for the red forms."""
    from datetime import timedelta

    from medbill_desktop.domain.claim_form import Attachment, CalibrationProfile, ClaimExtras, DateRange
    from medbill_desktop.domain.claims import Action
    from medbill_desktop.domain.ledger import Party
    from medbill_desktop.services import claims, demo, users

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    primaries = [c for c in claims.list_claims(ws) if c.rank is Party.PRIMARY]  # secondaries wait for the EOB
    newest = sorted(primaries, key=lambda c: (c.date_of_service, c.claim_number), reverse=True)
    numbers = [c.claim_number for c in newest[:24]]
    claims.mark_ready(ws, numbers[:8])
    accident = next(c for c in newest if c.claim_number == numbers[0])
    assert accident.date_of_service is not None
    day = accident.date_of_service
    claims.save_claim_extras(ws, accident.claim_number, ClaimExtras(
        auto_accident=True, auto_accident_state="IL", other_claim_id="SF-2026-00417",
        unable_to_work=DateRange(day - timedelta(days=2), day + timedelta(days=12)),
        hospitalization=DateRange(day - timedelta(days=2), day - timedelta(days=1)),
        additional_info="Passenger, rear-end collision",
        attachments=(Attachment("09", "FX", "ACN77120"),)))
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
    return ws, sent[3], accident.claim_number


def shoot_claims(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.claim_dialogs import ClaimExtrasDialog
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()

    settle, call, shoot = _window_tools(runner)

    try:
        print("making the demo practice with claims (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_claims_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws, rejected, accident = made[0]  # type: ignore[misc]
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        page = window.show_workspace("claims", focus=True)
        settle()
        page.queue_list.setCurrentRow(5)  # all claims: the states side by side
        settle()
        page.queue_list.setCurrentRow(0)
        settle()
        page.table.selectRow(page.model.index_of(lambda r: r.claim.claim_number == accident))  # its claim facts
        page.table.setFocus()
        settle(600)
        shoot(window, "claims")
        page.edit_extras()
        settle(700)
        facts = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ClaimExtrasDialog) and w.isVisible())
        facts.move(window.frameGeometry().x() + 300, window.frameGeometry().y() + 90)
        facts.control.setFocus()
        settle(300)
        shoot(window, "claim-facts")
        facts.reject()
        settle(200)
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


# --- denials ---------------------------------------------------------------------------------------------------
DENIAL_ARGUMENT = (
    "The visit on the date of service treated a hypertensive urgency: blood pressure was 188/118 at check-in and "
    "182/114 on recheck, with a new headache. The enclosed office notes document the history, the examination and "
    "the medication change made that day.\n\n"
    "The local coverage determination lists I16.0 (hypertensive urgency) as a covering diagnosis for this level of "
    "visit. We ask you to reprocess the claim and pay it as billed.")


def make_denials_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice with a dozen older claims sent and denied by their payers on paper EOBs posted through
    services.posting: several reasons (CARC) with remark codes, payers and ages, one line-level denial on a
    partly paid claim, and one already corrected and resubmitted."""
    from datetime import timedelta

    from medbill_desktop.domain.adjudication import (
        DENIED,
        BatchKind,
        CasAdjustment,
        ClaimAdjudication,
        LineAdjudication,
        NextStep,
        PaymentMethod,
        RemittanceBatch,
        propose_adjustments,
    )
    from medbill_desktop.domain.claims import ClaimStatus
    from medbill_desktop.domain.ledger import Party
    from medbill_desktop.services import claims, demo, denials, posting, users

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    today = ws.today()
    # (CARC, remarks, days since the denial, only this line denied)
    plan = [(("CO", "16"), ("N290", "MA130"), 6, None), (("OA", "18"), ("N522",), 12, None),
            (("CO", "197"), ("M62",), 19, None), (("CO", "50"), ("N115",), 27, None),
            (("CO", "16"), ("N286",), 34, None), (("CO", "29"), (), 41, None), (("CO", "97"), ("M15",), 52, 2),
            (("CO", "204"), ("N130",), 66, None), (("CO", "50"), ("N386",), 83, None),
            (("CO", "16"), ("M76",), 97, None), (("CO", "167"), (), 118, None), (("CO", "31"), (), 9, None)]
    drafts = sorted((c for c in claims.list_claims(ws) if c.status in (ClaimStatus.DRAFT, ClaimStatus.READY)
                     and c.rank is Party.PRIMARY and c.date_of_service is not None and len(c.lines) >= 2),
                    key=lambda c: c.date_of_service)  # oldest first: the oldest denials need the oldest visits
    chosen = [(carc, remarks, age, line, claim)
              for (carc, remarks, age, line), claim in zip(sorted(plan, key=lambda p: -p[2]), drafts, strict=False)]
    claims.render_claims_pdf(ws, [c.claim_number for *_rest, c in chosen], "red")
    resubmitted = ""
    for n, (carc, remarks, age, only, claim) in enumerate(chosen, start=1):
        postable = posting.postable_claim(ws, claim.claim_number)
        lines = []
        for i, x in enumerate(postable.lines, start=1):
            if only is None or i == only:
                lines.append(LineAdjudication(x.service_line_id, x.charge_cents, 0,
                                              adjustments=(CasAdjustment(*carc, x.charge_cents),),
                                              remarks=remarks if only else ()))
            else:
                allowed = x.charge_cents * 7 // 10
                paid = allowed * 8 // 10
                lines.append(LineAdjudication(x.service_line_id, x.charge_cents, paid, allowed, propose_adjustments(
                    x.charge_cents, allowed, paid, coinsurance=allowed - paid)))
        paid = sum(x.paid for x in lines)
        check_date = max(today - timedelta(days=age), claim.date_of_service + timedelta(days=1))
        posting.post_batch(ws, RemittanceBatch(
            BatchKind.PAPER, claim.payer_id, PaymentMethod.CHECK if paid else PaymentMethod.NONE,
            f"{'CHK' if paid else 'EOB'}{70410 + n * 37}", check_date, paid, claims=(ClaimAdjudication(
                claim.id, claim.claim_number, tuple(lines),
                status_code="1" if only else DENIED, payer_claim_reference=f"{claim.payer_name[:3].upper()}"
                f"{26031400 + n * 7919}", remarks=() if only else remarks,
                next_step=NextStep.PATIENT if only else NextStep.DENIALS),)))
        if carc == ("CO", "16") and "N286" in remarks:
            resubmitted = claim.claim_number
    if resubmitted:
        row = next(r for r in denials.list_denials(ws).rows if r.claim_number == resubmitted)
        denials.resubmit(ws, row.id, "Added the referring provider's NPI (item 17b)")
    focus = next(r for r in denials.list_denials(ws).rows if r.carc == "CO-50")
    return ws, focus.claim_number, focus.id


def shoot_denials(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.denial_dialogs import AppealDialog
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo, denials

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = _window_tools(runner)
    try:
        print("making the demo practice with denials (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_denials_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws, number, denial_id = made[0]  # type: ignore[misc]
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        page = window.show_workspace("denials", focus=True)
        settle()
        at = page.model.index_of(lambda r: r.claim_number == number)
        page.table.selectRow(max(at, 0))
        page.table.setFocus()
        settle(700)
        shoot(window, "denials")
        page.appeal()
        settle(500)
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AppealDialog) and w.isVisible())
        dialog.argument.setFocus()
        for n, paragraph in enumerate(DENIAL_ARGUMENT.split("\n\n")):
            if n:
                QTest.keyClick(dialog.argument, Qt.Key.Key_Return)
                QTest.keyClick(dialog.argument, Qt.Key.Key_Return)
            QTest.keyClicks(dialog.argument, paragraph)
        dialog.move(window.frameGeometry().x() + 300, window.frameGeometry().y() + 110)
        settle(300)
        shoot(window, "denials-appeal")
        dialog.reject()
        settle(200)
        pdf = call(denials.appeal_letter, ws, denial_id, DENIAL_ARGUMENT)
        with tempfile.TemporaryDirectory(prefix="medbill-letter-") as tmp:
            letter = Path(tmp) / "appeal.pdf"
            letter.write_bytes(pdf)
            os.chmod(letter, 0o600)
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1", str(letter),
                            str(OUT / "appeal-letter")], check=True)
            print(f"saved {OUT / 'appeal-letter'}.png")
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


# --- payments: paper EOB posting and the posted batches ------------------------------------------------------
def make_payments_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice with some claims of its busiest commercial payer that it has not answered yet (sent, or
    printed here), three of that payer's checks posted (one reversed as keyed against the wrong check), and two
    claims left for the EOB on screen: one whose visit has a secondary payer, one the payer denies."""
    from collections import Counter
    from datetime import timedelta

    from medbill_desktop.domain.adjudication import (
        BatchKind,
        CasAdjustment,
        ClaimAdjudication,
        LineAdjudication,
        NextStep,
        PaymentMethod,
        RemittanceBatch,
        propose_adjustments,
    )
    from medbill_desktop.domain.claims import ClaimStatus
    from medbill_desktop.domain.ledger import Party
    from medbill_desktop.services import claims, demo, posting, users
    from medbill_desktop.services.errors import USER_FACING

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    today = ws.today()
    every = claims.list_claims(ws)
    ranks: dict[str, set[Party]] = {}
    for c in every:
        ranks.setdefault(c.encounter_id, set()).add(c.rank)
    # the payer's claims not answered yet: sent and waiting for the check (the demo posts the older ones), or still
    # drafts (printed here)
    waiting = (ClaimStatus.SUBMITTED, ClaimStatus.ACCEPTED, ClaimStatus.DRAFT, ClaimStatus.READY)
    open_claims = [c for c in every if c.rank is Party.PRIMARY and c.status in waiting
                   and c.payer_name not in ("Medicare Part B", "Illinois Medicaid") and c.date_of_service
                   and (today - c.date_of_service).days > 12]
    payer_id = Counter(c.payer_id for c in open_claims
                       if Party.SECONDARY in ranks[c.encounter_id]).most_common(1)[0][0]
    mine = sorted((c for c in open_claims if c.payer_id == payer_id), key=lambda c: c.date_of_service or today)
    with_secondary = [c for c in mine if Party.SECONDARY in ranks[c.encounter_id]]
    alone = [c for c in mine if Party.SECONDARY not in ranks[c.encounter_id]]
    last = [with_secondary[-1], alone[-1]]  # for the EOB on screen
    chosen = [*[c for c in mine if c not in last][:5], *last]
    sent = []
    for c in chosen:
        if c.status not in (ClaimStatus.DRAFT, ClaimStatus.READY):
            sent.append(c.claim_number)
            continue
        try:
            claims.render_claims_pdf(ws, [c.claim_number], "red")
            sent.append(c.claim_number)
        except USER_FACING:  # a demo claim the scrubber refuses stays a draft
            continue

    def paid_lines(number: str, deductible: int = 0) -> tuple[LineAdjudication, ...]:
        out = []
        for i, x in enumerate(posting.postable_claim(ws, number).lines):
            allowed = x.charge_cents * 7 // 10
            ded = min(deductible, allowed) if i == 0 else 0
            paid = (allowed - ded) * 8 // 10
            out.append(LineAdjudication(x.service_line_id, x.charge_cents, paid, allowed, propose_adjustments(
                x.charge_cents, allowed, paid, deductible=ded, coinsurance=allowed - ded - paid)))
        return tuple(out)

    def decided(number: str, lines: tuple[LineAdjudication, ...], n: int) -> ClaimAdjudication:
        claim = posting.postable_claim(ws, number)
        step = NextStep.NEXT_PAYER if claim.has_next_claim else NextStep.PATIENT
        if all(line.denied for line in lines):
            step = NextStep.DENIALS
        return ClaimAdjudication(claim.claim_id, number, lines, "4" if step is NextStep.DENIALS else "1",
                                 f"26{31400 + n * 7919}", next_step=step)

    def denied_lines(number: str) -> tuple[LineAdjudication, ...]:
        return tuple(LineAdjudication(x.service_line_id, x.charge_cents, 0, adjustments=(
            CasAdjustment("CO", "97", x.charge_cents),), remarks=("M15",))
                     for x in posting.postable_claim(ws, number).lines)

    early, late = sent[:-2], sent[-2:]
    checks = [("40112", early[0:2], 21, PaymentMethod.CHECK), ("1TR88431", early[2:4], 14, PaymentMethod.EFT),
              ("40377", early[4:5], 9, PaymentMethod.CHECK)]
    posted = []
    for n, (reference, numbers, days_ago, method) in enumerate(checks):
        if not numbers:
            continue
        adjudications = tuple(decided(number, denied_lines(number) if i == 1 and n == 1 else paid_lines(
            number, 2000 if i == 0 else 0), n * 3 + i) for i, number in enumerate(numbers))
        posted.append(posting.post_batch(ws, RemittanceBatch(
            BatchKind.PAPER, payer_id, method, reference, today - timedelta(days=days_ago),
            sum(a.paid for a in adjudications), adjudications, deposit_date=today - timedelta(days=days_ago - 2))))
    if len(posted) == 3:
        posting.reverse_batch(ws, posted[2].batch_id, "Keyed against the wrong check; posted again under 40378")
    return ws, late


def shoot_payments(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo, posting

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = _window_tools(runner)

    def keys(widget: QWidget, text: str, then: Qt.Key | None = None) -> None:
        widget.setFocus()
        QTest.keyClicks(widget, text)
        if then is not None:
            QTest.keyClick(widget, then)

    def dollars(cents: int) -> str:
        return f"{cents // 100}.{cents % 100:02d}"

    try:
        print("making the demo practice with posted payments (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_payments_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws, (first, second) = made[0]  # type: ignore[misc]
        paid_claim = call(posting.postable_claim, ws, first)
        denied_claim = call(posting.postable_claim, ws, second)
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        page = window.show_workspace("payments", focus=True)
        settle()
        entry = page.entry

        # the check, then claim 1 (its visit has a secondary payer): allowed 70%, $20.00 deductible on line 1
        lines = []
        for i, x in enumerate(paid_claim.lines):
            allowed = x.charge_cents * 7 // 10
            ded = min(2000, allowed) if i == 0 else 0
            paid = (allowed - ded) * 8 // 10
            lines.append((allowed, paid, ded, allowed - ded - paid))
        total = sum(p for _a, p, _d, _c in lines)
        keys(entry.payer, paid_claim.payer_name[:6])
        settle(300)  # as a person types: the list of names shows, then Tab takes the payer
        QTest.keyClick(entry.payer, Qt.Key.Key_Tab)
        keys(entry.reference, "40519")
        keys(entry.check_date, (ws.today()).strftime("%m/%d/%Y"))
        keys(entry.deposit_date, (ws.today()).strftime("%m/%d/%Y"))
        keys(entry.amount, dollars(total), Qt.Key.Key_Return)
        keys(entry.search, first, Qt.Key.Key_Return)
        settle(600)
        for row, (allowed, paid, ded, coins) in zip(entry.panels[0].rows, lines, strict=True):
            for name, cents in (("allowed", allowed), ("paid", paid), ("deductible", ded), ("coinsurance", coins)):
                if cents:
                    keys(row.edits[name], dollars(cents))
        # claim 2: denied, every line CO-97 with remark M15 (typed on the first line only so far); the check
        # amount mistyped: the balance in red, Post refused; "M1" typed in the remark: the list of remark codes
        keys(entry.search, second, Qt.Key.Key_Return)
        settle(600)
        panel = entry.panels[1]
        keys(panel.rows[0].edits["other"], f"CO-97 {dollars(denied_claim.lines[0].charge_cents)}")
        entry.amount.setFocus()
        entry.amount.selectAll()
        QTest.keyClicks(entry.amount, dollars(total + 1000))
        remarks = panel.rows[0].cells["remarks"]
        window.activateWindow()  # the payer's list of names took the keyboard (Xvfb has no window manager)
        settle(200)
        keys(remarks.edit, "M1")
        settle(700)
        shoot(window, "eob-posting")
        codes = [s.code for s in remarks.completer.suggestions]
        for _ in range(codes.index("M15") + 1 if "M15" in codes else 0):  # Down to M15, Enter takes it
            QTest.keyClick(remarks.completer.popup, Qt.Key.Key_Down)
        QTest.keyClick(remarks.completer.popup, Qt.Key.Key_Return)
        settle(200)

        # every line accounted for; claim 1's sequestration at claim level (CO-253, 2% of what its lines pay), and
        # the payer's interest on it as a provider-level adjustment (L6): the check is the claims' payments less
        # the sequestration plus the interest
        for row, x in zip(panel.rows[1:], denied_claim.lines[1:], strict=True):
            keys(row.edits["other"], f"CO-97 {dollars(x.charge_cents)}")
            keys(row.edits["remarks"], "M15")
        sequestration, interest = (total * 2 + 50) // 100, 317
        first_panel = entry.panels[0]
        keys(first_panel.reference, "2631457702")
        keys(first_panel.claim_adjustments, "CO-253 ")
        keys(first_panel.claim_adjustments, dollars(sequestration))
        plb = entry.plb.rows[0]
        keys(plb.reason, "L6")
        keys(plb.reference, "ICN 2631457702")
        keys(plb.amount, dollars(interest))
        entry.amount.setFocus()
        entry.amount.selectAll()
        QTest.keyClicks(entry.amount, dollars(total - sequestration + interest))
        plb.amount.setFocus()
        settle(600)
        shoot(window, "eob-claim-adjustments")

        # posted
        entry.post()
        settle(600)
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        box.move(window.frameGeometry().x() + 380, window.frameGeometry().y() + 250)
        settle(200)
        shoot(window, "eob-post-confirm")
        QTest.keyClick(box, Qt.Key.Key_Return)
        settle(800)
        shoot(window, "eob-posted")

        # the posted batches: the one just posted, and a reversed one
        page.show_tab(1)
        settle(800)
        shoot(window, "payment-batches")

        # one claim's payment reversed alone (Tab to the batch's claims, Alt+C): what it undoes, a reason typed
        batches = page.batches
        batches.claims_table.setFocus()
        batches.claims_table.selectRow(0)
        settle(200)
        batches.reverse_claim_selected()
        settle(800)
        reverse = batches.dialog
        reverse.move(window.frameGeometry().x() + 300, window.frameGeometry().y() + 200)
        QTest.keyClicks(reverse.reason_edit, "Keyed against the wrong claim")
        settle(300)
        shoot(window, "claim-payment-reversal")
        reverse.reject()
        settle(200)
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


# --- a patient's account: the ledger and a payment at the front desk -------------------------------------------
def make_account_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice plus Robert Thompson's account: three visits with Aetna (two paid on paper EOBs with
    a deductible and coinsurance, one still with Aetna), a check he paid last month, and a card prepayment."""
    from datetime import date, timedelta

    from medbill_desktop.domain.adjudication import (
        BatchKind,
        ClaimAdjudication,
        LineAdjudication,
        NextStep,
        PaymentMethod,
        RemittanceBatch,
        propose_adjustments,
    )
    from medbill_desktop.domain.coverage import Coverage
    from medbill_desktop.domain.encounters import Encounter, ServiceLine
    from medbill_desktop.domain.ledger import Party
    from medbill_desktop.domain.patients import Patient, Sex
    from medbill_desktop.domain.practice import Address
    from medbill_desktop.services import (
        claims,
        coverage,
        demo,
        encounters,
        patient_payments,
        patients,
        posting,
        reference_data,
        users,
    )

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    today = ws.today()
    aetna = next(p for p in reference_data.list_payers(ws) if p.name == "Aetna")
    robert = patients.register_patient(ws, Patient(
        "Thompson", "Robert", date(1958, 2, 3), Sex.MALE, middle_name="Allen",
        address=Address("702 Judson Ave", "Evanston", "IL", "60202"), home_phone="(847) 555-0114",
        release_signed_on=today - timedelta(days=400)))
    coverage.set_coverages(ws, robert.id, [Coverage(
        robert.id, aetna.id, Party.PRIMARY, "W550912784", group_number="G30117",
        effective_from=today - timedelta(days=365), copay_cents=0, plan_name="Open Access")])
    rendering = reference_data.list_providers(ws, renders=True)[0].id
    billing = reference_data.list_providers(ws, bills=True)[0].id

    def seen(days_ago: int, lines: tuple[tuple[str, int], ...]) -> str:
        visit = encounters.save_encounter(ws, Encounter(
            robert.id, today - timedelta(days=days_ago), rendering_provider_id=rendering,
            billing_provider_id=billing, place_of_service="11", diagnoses=("I10", "E785"),
            lines=tuple(ServiceLine(code, cents, pointers=(1, 2)) for code, cents in lines)))
        number = encounters.finalize_encounter(ws, visit.id).claims[0].claim_number
        claims.render_claims_pdf(ws, [number], "red")  # printed: submitted
        return number

    def eob(number: str, check: str, days_ago: int, deductible: int) -> None:
        claim = posting.postable_claim(ws, number)
        lines = []
        for i, x in enumerate(claim.lines):
            allowed = x.charge_cents * 64 // 100
            ded = min(deductible, allowed) if i == 0 else 0
            paid = (allowed - ded) * 8 // 10
            lines.append(LineAdjudication(x.service_line_id, x.charge_cents, paid, allowed, propose_adjustments(
                x.charge_cents, allowed, paid, deductible=ded, coinsurance=allowed - ded - paid)))
        adjudication = ClaimAdjudication(claim.claim_id, number, tuple(lines), payer_claim_reference=f"E{check}",
                                         next_step=NextStep.PATIENT)
        posting.post_batch(ws, RemittanceBatch(BatchKind.PAPER, aetna.id, PaymentMethod.CHECK, check,
                                               today - timedelta(days=days_ago), adjudication.paid, (adjudication,)))

    first = seen(128, (("99214", 19500), ("36415", 1800)))
    second = seen(47, (("99213", 13500), ("93000", 6500)))
    eob(first, "731904", 101, 5000)
    eob(second, "748812", 19, 0)
    seen(9, (("99213", 13500),))
    paid = patient_payments.take_payment(ws, robert.id, 5000, "check", "1187")
    patient_payments.take_payment(ws, robert.id, 4000, "card", "4417", apply=patient_payments.ApplyTo.CREDIT)
    return ws, robert, paid


def shoot_account(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo
    from medbill_desktop.services.patient_payments import ApplyTo

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = _window_tools(runner)

    try:
        print("making the demo practice with a patient account (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_account_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws, robert, _paid = made[0]  # type: ignore[misc]
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        desk = window.show_workspace("front_desk", focus=True)
        desk.ui.searchEdit.setFocus()
        QTest.keyClicks(desk.ui.searchEdit, robert.account_number)
        QTest.keyClick(desk.ui.searchEdit, Qt.Key.Key_Return)
        settle(800)

        # the account ledger (Ctrl+Shift+L), an insurance payment chosen: its words under the table
        desk.account_ledger()
        settle(800)
        ledger = desk.dialog
        ledger.move(window.frameGeometry().x() + 40, window.frameGeometry().y() + 40)
        rows = ledger.model.rows
        chosen = next(i for i, e in enumerate(rows) if "allowed" in e.words and "deductible" in e.words)
        ledger.table.selectRow(chosen)
        ledger.table.setFocus()
        settle(300)
        shoot(window, "account-ledger")

        # Reverse… (Alt+R) on that insurance payment: the claim's payment in its batch, reversed with a reason
        ledger.reverse()
        settle(800)
        reverse = ledger.child
        reverse.move(window.frameGeometry().x() + 330, window.frameGeometry().y() + 230)
        QTest.keyClicks(reverse.reason_edit, "Posted to the wrong visit")
        settle(300)
        shoot(window, "account-ledger-reversal")
        reverse.reject()
        settle(300)
        ledger.reject()
        settle(300)

        # a payment at the desk (Ctrl+P): $50.00 by check, applied to the two visits he owes on, the rest credit
        desk.take_payment()
        settle(800)
        pay = desk.dialog
        pay.move(window.frameGeometry().x() + 240, window.frameGeometry().y() + 90)
        QTest.keyClicks(pay.amount_edit, "50")
        pay.method_combo.setFocus()
        QTest.keyClicks(pay.method_combo, "Ch")
        QTest.keyClicks(pay.reference_edit, "1203")
        pay.mode_buttons[ApplyTo.VISITS].click()
        settle(200)
        grid = pay.grid
        for row in range(grid.rowCount()):
            grid.item(row, 5).setText("")
        owing = [r for r, v in enumerate(grid.visits) if v.patient_cents > 0]
        for row in owing:
            cents = grid.visits[row].patient_cents
            grid.item(row, 5).setText(f"{cents // 100}.{cents % 100:02d}")
        grid.setFocus()
        grid.setCurrentCell(owing[-1] if owing else 0, 5)
        settle(400)
        shoot(window, "patient-payment")
        pay.reject()
        settle(200)
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


# --- reports: the dashboard and A/R aging ------------------------------------------------------------------------
def make_reports_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice (500 visits over 120 days, its claims sent week by week and most of the payers' checks
    posted, with denials; services.demo), and today about half the patients who owe their share pay it at the
    front desk."""
    import random

    from sqlalchemy import select

    from medbill_desktop.services import demo, patient_payments, reports, users
    from medbill_desktop.storage.tables import patients

    rng = random.Random(61)
    ws = demo.create_demo(path)
    with ws.read() as conn:
        ids = dict(conn.execute(select(patients.c.account_number, patients.c.id)).all())
    users.sign_in(ws, "frontdesk", demo.DEMO_PASSWORD)
    for item in reports.aging_claims(ws, "patient", "provider", None):
        if rng.random() < 0.5:
            method = rng.choice(("cash", "card", "check"))
            patient_payments.take_payment(ws, ids[item.account_number], item.cents, method,
                                          "" if method == "cash" else f"{rng.randint(1000, 9999)}")
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    return ws


def shoot_reports(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import demo

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = _window_tools(runner)
    try:
        print("making the demo practice with payments and denials (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_reports_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws = made[0]
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        page = window.show_workspace("reports", focus=True)
        settle(1200)
        shoot(window, "dashboard")

        # A/R aging by payer; Enter on the largest payer lists its claims, Enter on the oldest shows its detail
        page.tabs.setCurrentWidget(page.aging)
        settle(800)
        page.aging.table.selectRow(0)
        page.aging.table.setFocus()
        page.load_items()
        settle(800)
        page.aging.items_table.selectRow(0)
        page.load_claim()
        settle(800)
        page.aging.items_table.setFocus()
        shoot(window, "aging-report")
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()


# --- statements: the statement run, a payment plan, a statement page -----------------------------------------------
def make_statements_demo(path: Path):  # type: ignore[no-untyped-def]  # runs on the database worker
    """The demo practice (its payers' checks leave patient shares) with a statement run sent five weeks ago, a
    payment plan for a family, statements held for one guarantor and another in collections. Returns the
    workstation, the account whose plan the screenshot sets up, and the account whose statement is pictured."""
    from datetime import timedelta

    from medbill_desktop.services import collections, demo, payment_plans, statements, users

    ws = demo.create_demo(path)
    users.sign_in(ws, "manager", demo.DEMO_PASSWORD)
    today = ws.today()
    with tempfile.TemporaryDirectory(prefix="medbill-run-") as tmp:
        earlier = Path(tmp) / "earlier.pdf"
        statements.run_statements(ws, today - timedelta(days=35), earlier)
    preview = statements.preview_run(ws)
    chosen = preview.selected
    by_due = sorted(chosen, key=lambda c: -c.amount_due_cents)

    def telling(key: str) -> tuple[int, ...]:  # a statement that shows the most: insurance, pending, a family
        d = preview.statements[preview.chosen.index(key)]
        words = " ".join(a.description for a in d.activity)
        return (int("insurance" in words and "you" in words) + int(d.pending_insurance_cents > 0)
                + int(len(d.patients) > 1) + int(3 <= len(d.activity) <= 9) + int(len(d.visits) <= 4),
                d.amount_due_cents)

    family = max(chosen, key=lambda c: telling(c.key))
    payment_plans.create_plan(ws, family.guarantor.account_number, family.amount_due_cents,
                              max(2000, -(-family.amount_due_cents // 3 // 100) * 100), 15,
                              note="Agreed at the front desk")
    others = [c for c in by_due if c.key != family.key]
    statements.hold_statements(ws, others[-1].guarantor.account_number, "Disputing the charge with her insurer",
                               today + timedelta(days=21))
    oldest = max(others[1:-1], key=lambda c: (c.due_aging.buckets[4], c.due_aging.buckets[3]))
    collections.flag_for_collections(ws, oldest.guarantor.account_number, "No payment after three statements",
                                     "Prairie State Recovery")
    plan_for = next(c for c in others[1:] if c.key != oldest.key and c.amount_due_cents >= 10000)
    return ws, plan_for.guarantor.account_number, family.guarantor.account_number


def shoot_statements(db: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.gui.payment_plan_dialog import PaymentPlanDialog
    from medbill_desktop.services import demo, statements

    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = _window_tools(runner)
    try:
        print("making the demo practice with statements (this takes a while)…", flush=True)
        made: list[object] = []
        runner.run(make_statements_demo, db, success=made.append, failure=made.append)
        while not made:  # minutes: wait without piling up nested event loops
            pause = QEventLoop()
            QTimer.singleShot(250, pause.quit)
            pause.exec()
        if isinstance(made[0], Exception):
            raise made[0]
        ws, plan_account, pictured = made[0]  # type: ignore[misc]
        signed = call(tasks.sign_in, ws, "manager", demo.DEMO_PASSWORD)
        window = open_main_window(runner, ws, signed, demo.DEMO_PRACTICE.name)
        settle()
        page = window.show_workspace("statements", focus=True)
        settle(800)
        run = page.run_page
        run.show_combo.setCurrentIndex(2)  # everyone who owes: the reasons show
        settle(300)
        held = run.model.index_of(lambda c: c.hold is not None)  # its reason in full under the list
        run.table.selectRow(max(held, 0))
        run.table.setFocus()
        settle(500)
        shoot(window, "statement-run")
        at = run.model.index_of(lambda c: any(p.account_number == plan_account for p in c.guarantor.patients))
        run.table.selectRow(max(at, 0))
        settle(200)

        run.plan()  # Ctrl+N: the payment plan of the chosen guarantor
        settle(800)
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PaymentPlanDialog) and w.isVisible())
        due = dialog.context.amount_due_cents if dialog.context else 0
        installment = max(2500, -(-due // 4 // 100) * 100)  # four installments in whole dollars
        dialog.installment_edit.setFocus()
        QTest.keyClicks(dialog.installment_edit, f"{installment // 100}.{installment % 100:02d}")
        dialog.day_spin.setFocus()
        dialog.day_spin.selectAll()
        QTest.keyClicks(dialog.day_spin, "10")
        dialog.note_edit.setFocus()
        QTest.keyClicks(dialog.note_edit, "Agreed on the phone: pays by card on the 10th")
        dialog.move(window.frameGeometry().x() + 320, window.frameGeometry().y() + 120)
        settle(400)
        shoot(window, "payment-plan")
        dialog.reject()
        settle(200)

        preview = call(statements.preview_run, ws)
        key = next(c.key for c in preview.selected if any(p.account_number == pictured for p in c.guarantor.patients))
        pdf = call(statements.statement_pdf, ws, preview, key)
        with tempfile.TemporaryDirectory(prefix="medbill-statement-") as tmp:
            one = Path(tmp) / "statement.pdf"
            one.write_bytes(pdf)
            os.chmod(one, 0o600)
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1", str(one),
                            str(OUT / "statement-page")], check=True)
            print(f"saved {OUT / 'statement-page'}.png")
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
        if only in ("", "denials"):
            shoot_denials(Path(tmp) / "denials" / "medbill.db")
        if only in ("", "payments"):
            shoot_payments(Path(tmp) / "payments" / "medbill.db")
        if only in ("", "statements"):
            shoot_statements(Path(tmp) / "statements" / "medbill.db")
        if only in ("", "account"):
            shoot_account(Path(tmp) / "account" / "medbill.db")
        if only in ("", "reports"):
            shoot_reports(Path(tmp) / "reports" / "medbill.db")
        if only in ("", "sync"):  # scripts/screenshots_sync.py: the sync indicator and the sync inbox
            from screenshots_sync import shoot_sync

            shoot_sync(Path(tmp) / "sync", OUT, _window_tools)
        if only in ("", "codes"):  # scripts/screenshots_codes.py: the Code sets tab after a CPT import
            from screenshots_codes import shoot_codes

            shoot_codes(Path(tmp) / "codes", _window_tools)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
