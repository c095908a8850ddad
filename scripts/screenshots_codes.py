"""The Code sets picture of scripts/screenshots.py (`--only codes`): a new practice whose manager imported last
year's CPT file, then imports this year's through the Code sets tab of Reference data (Qt's file dialog is answered
by the script) and has added a code by hand since.

Writes docs/screenshots/code-sets-replace.png (the question before this year's file replaces the codes held) and
docs/screenshots/code-sets.png. The descriptions are the script's own short wording, not the AMA's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screenshot_window import open_main_window

CPT_2027 = {
    "36415": "Venous blood draw by needle",
    "81002": "Urinalysis by dip stick or tablet, without microscopy, non-automated",
    "87880": "Rapid strep A antigen test",
    "90471": "Vaccine administration, first injection",
    "90686": "Influenza vaccine, quadrivalent, preservative free, intramuscular",
    "93000": "Electrocardiogram, routine, with interpretation and report",
    "94640": "Nebulizer treatment for airway obstruction",
    "96372": "Therapeutic or diagnostic injection, subcutaneous or intramuscular",
    "99202": "New patient office visit, straightforward decision making",
    "99203": "New patient office visit, low complexity decision making",
    "99204": "New patient office visit, moderate complexity decision making",
    "99205": "New patient office visit, high complexity decision making",
    "99211": "Established patient office visit, may not need a physician",
    "99212": "Established patient office visit, straightforward decision making",
    "99213": "Established patient office visit, low complexity decision making",
    "99214": "Established patient office visit, moderate complexity decision making",
    "99215": "Established patient office visit, high complexity decision making",
    "99385": "Preventive visit, new patient, 18 to 39 years",
    "99395": "Preventive visit, established patient, 18 to 39 years",
    "99396": "Preventive visit, established patient, 40 to 64 years",
    "99406": "Tobacco cessation counseling, 3 to 10 minutes",
    "99417": "Prolonged office visit, each additional 15 minutes",
}
REMOVED_SINCE_2026 = {"99201": "New patient office visit, problem focused (deleted)",
                      "99354": "Prolonged service in the office, first hour (deleted)"}


def make_codes_demo(folder: Path) -> Any:  # runs on the database worker
    from medbill_desktop.domain.practice import Address, Practice
    from medbill_desktop.services import codes, setup, users

    practice = Practice(
        name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789", taxonomy="207Q00000X",
        address=Address("1200 Riverside Drive", "Springfield", "IL", "62701", line2="Suite 210"),
        phone="(217) 555-0100")
    ws = setup.create_workstation(folder / "medbill.db", practice, admin_username="admin",
                                  admin_full_name="Ada Admin", admin_password="admin-pass-1")
    users.sign_in(ws, "admin", "admin-pass-1")
    last_year = {**{c: d for c, d in CPT_2027.items() if c not in ("99417", "99406", "94640")},
                 **REMOVED_SINCE_2026}
    codes.import_cpt(ws, write_csv(folder / "cpt2026.csv", last_year))
    write_csv(folder / "cpt2027.csv", CPT_2027)
    return ws


def write_csv(path: Path, rows: dict[str, str]) -> Path:
    path.write_text("code,description\n" + "".join(f'{c},"{d}"\n' for c, d in sorted(rows.items())))
    return path


def shoot_codes(folder: Path, window_tools: Any) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog

    from medbill_desktop import app as desktop
    from medbill_desktop.gui import tasks
    from medbill_desktop.gui.ops import OpRunner
    from medbill_desktop.services import practice_codes

    folder.mkdir(parents=True, exist_ok=True)
    qapp = desktop.make_application()
    qapp.setStyleSheet(desktop.load_style())
    runner = OpRunner()
    settle, call, shoot = window_tools(runner)
    try:
        ws = call(make_codes_demo, folder)
        signed = call(tasks.sign_in, ws, "admin", "admin-pass-1")
        window = open_main_window(runner, ws, signed, "Riverside Family Medicine", (1280, 800))
        settle()
        reference = window.show_workspace("reference", focus=True)
        settle()
        reference.ui.tabs.setCurrentWidget(reference.codes)
        settle()
        tab = reference.codes
        # this year's file, chosen in Qt's file dialog (answered here), imported with the tab's importer
        QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: (str(folder / "cpt2027.csv"), ""))
        tab.import_file()
        settle(300)
        question = tab.question  # it replaces last year's codes: asked first
        shoot(window, "code-sets-replace")
        question.defaultButton().click()
        settle(800)
        notice = tab.notice_label.text()
        call(practice_codes.save_code, ws, "cpt", "99459", "Pelvic examination add-on, chaperone present")
        tab.refresh("99459")
        settle(600)
        tab.table.setFocus()
        shoot(window, "code-sets")
        print(f"  {notice}")
        window.dispose()
        window.hide()
        call(tasks.close_workstation, ws)
    finally:
        runner.shutdown()
        QApplication.processEvents()
