"""The Code sets tab of Reference data, by keyboard: a CPT file imported through the file dialog (Qt's own dialog is
answered by the test), search as you type, a code added and reworded by hand with the service's refusals shown at
their field, a bad file named by its line with nothing changed, ICD-10-CM search only, and a biller's buttons at
rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import message_boxes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from test_gui_front_desk_support import Clinic, focused, make_clinic, press, tab, type_text, wait, wait_focus

from medbill_desktop.domain.roles import Role
from medbill_desktop.gui.code_dialog import CodeDialog
from medbill_desktop.gui.code_sets_tab import NO_PERMISSION, CodeSetsTab
from medbill_desktop.services import codes
from medbill_desktop.services.context import Actor, Workstation

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier

CPT_2027 = """code,description
99213,Office or other outpatient visit for an established patient (low)
99214,Office or other outpatient visit for an established patient (moderate)
99215,Office or other outpatient visit for an established patient (high)
36415,Collection of venous blood by venipuncture
"""


@pytest.fixture
def clinic(workstation: Workstation) -> Clinic:
    return make_clinic(workstation)


def cpt_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def answer_file_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Qt's file dialog answers with `path`; returns the titles it was asked with."""
    asked: list[str] = []

    def pick(_parent: object, title: str, *_args: object) -> tuple[str, str]:
        asked.append(title)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    return asked


def codes_tab(qtbot, make_window, ws):  # type: ignore[no-untyped-def]
    """The Reference data page with its Code sets tab chosen by its mnemonic (Alt+C): the search has the focus."""
    window = make_window(ws, "reference")
    page = window.current_workspace()
    wait(qtbot, lambda: page.data is not None)
    window.activateWindow()
    wait(qtbot, lambda: QApplication.activeWindow() is window)
    page.focus_first()
    wait_focus(qtbot, page.providers.table)
    press(qtbot, Qt.Key.Key_C, ALT)
    tab_ = page.codes
    wait_focus(qtbot, tab_.search_edit)
    wait(qtbot, lambda: tab_.listing is not None)
    return page, tab_


def shown_codes(tab_: CodeSetsTab) -> list[str]:
    return [r.code for r in tab_.model.rows]


def cell(tab_: CodeSetsTab, row: int, column: int) -> str:
    return str(tab_.model.data(tab_.model.index(row, column)))


def open_code_dialog(qtbot) -> CodeDialog:  # type: ignore[no-untyped-def]
    found: list[CodeDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, CodeDialog) and w.isVisible()]
        return bool(found)

    wait(qtbot, shown)
    return found[0]


def cpt_count(ws: Workstation) -> int:
    return codes.list_codes(ws, "cpt").total


def test_a_cpt_file_imported_through_the_dialog_is_listed_with_its_file_and_searched(
        qtbot, clinic, make_window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _page, tab_ = codes_tab(qtbot, make_window, clinic.ws)
    assert tab_.info.kind.value == "cpt" and shown_codes(tab_) == [] and tab_.count_label.text() == "0 codes"
    path = cpt_file(tmp_path, "cpt2027.csv", CPT_2027)
    asked = answer_file_dialog(monkeypatch, path)
    press(qtbot, Qt.Key.Key_I, CTRL)
    wait(qtbot, lambda: tab_.notice_label.text() == "CPT from cpt2027.csv: 4 added, 0 updated.")
    assert asked == ["Import the CPT file"]
    wait(qtbot, lambda: len(tab_.model.rows) == 4)
    assert shown_codes(tab_) == ["36415", "99213", "99214", "99215"]
    assert tab_.count_label.text() == "4 codes"
    assert [cell(tab_, 1, c) for c in range(3)] == [
        "99213", "Office or other outpatient visit for an established patient (low)", "cpt2027.csv"]
    assert "The last file imported was cpt2027.csv." in tab_.info_label.text()

    # search as you type: words, then a code's start
    press(qtbot, Qt.Key.Key_F, CTRL)
    wait_focus(qtbot, tab_.search_edit)
    type_text(qtbot, "outpat moder")
    wait(qtbot, lambda: shown_codes(tab_) == ["99214"])
    assert tab_.count_label.text() == "1 found"
    press(qtbot, Qt.Key.Key_F, CTRL)  # selects what was typed: the next search replaces it
    type_text(qtbot, "9921")
    wait(qtbot, lambda: shown_codes(tab_) == ["99213", "99214", "99215"])
    press(qtbot, Qt.Key.Key_Down)  # into the list
    assert focused() is tab_.table and tab_.selected().code == "99213"


def test_a_code_added_and_reworded_by_keyboard_shows_the_refusals_at_their_field(
        qtbot, clinic, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = clinic.ws
    codes.import_cpt(ws, cpt_file(tmp_path, "cpt2027.csv", CPT_2027))
    _page, tab_ = codes_tab(qtbot, make_window, ws)
    wait(qtbot, lambda: len(tab_.model.rows) == 4)

    press(qtbot, Qt.Key.Key_N, CTRL)
    form = open_code_dialog(qtbot)
    wait_focus(qtbot, form.code_edit)
    type_text(qtbot, "9945")
    tab(qtbot)
    type_text(qtbot, "Pelvic examination add-on, chaperone present")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.error_label.isVisible())
    assert form.error_label.text() == "'9945' is not a CPT code."
    assert focused() is form.code_edit and form.code_edit.property("invalid") is True
    assert cpt_count(ws) == 4
    type_text(qtbot, "99459")  # the code is selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    wait(qtbot, lambda: tab_.selected() is not None and tab_.selected().code == "99459")
    assert tab_.notice_label.text() == "CPT 99459 added: Pelvic examination add-on, chaperone present"
    assert cell(tab_, tab_.model.index_of(lambda r: r.code == "99459"), 2) == "practice"
    assert cell(tab_, tab_.model.index_of(lambda r: r.code == "99213"), 2) == "cpt2027.csv"
    assert cpt_count(ws) == 5
    wait_focus(qtbot, tab_.table)

    # Enter on the row edits it: a last day before the first is refused at the last day
    press(qtbot, Qt.Key.Key_Return)
    form = open_code_dialog(qtbot)
    wait_focus(qtbot, form.description_edit)
    assert form.code_edit.isReadOnly() and form.code_edit.text() == "99459"
    type_text(qtbot, "Pelvic exam add-on (chaperone present)")
    tab(qtbot)
    type_text(qtbot, "01/01/2027")
    tab(qtbot)
    type_text(qtbot, "12/31/2026")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: form.error_label.isVisible())
    assert form.error_label.text() == ("Code 99459: its last day of use (2026-12-31) is before its first "
                                       "(2027-01-01).")
    assert focused() is form.to_edit and form.to_edit.property("invalid") is True
    type_text(qtbot, "12/31/2027")
    press(qtbot, Qt.Key.Key_Return)
    wait(qtbot, lambda: not form.isVisible())
    wait(qtbot, lambda: tab_.notice_label.text() == "CPT 99459 saved: Pelvic exam add-on (chaperone present)")
    entry = codes.lookup(ws, "cpt", "99459")
    assert entry is not None and (entry.description, str(entry.effective_from), str(entry.effective_to)) == (
        "Pelvic exam add-on (chaperone present)", "2027-01-01", "2027-12-31")
    row = tab_.model.index_of(lambda r: r.code == "99459")
    wait(qtbot, lambda: cell(tab_, row, 4) == "12/31/2027")
    assert cell(tab_, row, 3) == "01/01/2027"


def test_a_bad_file_names_its_line_and_changes_nothing(qtbot, clinic, make_window, monkeypatch,
                                                       tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = clinic.ws
    codes.import_cpt(ws, cpt_file(tmp_path, "cpt2027.csv", CPT_2027))
    _page, tab_ = codes_tab(qtbot, make_window, ws)
    wait(qtbot, lambda: tab_.count_label.text() == "4 codes")
    bad = cpt_file(tmp_path, "cpt2028.csv", "99213,Office visit low\n99214,Office visit moderate\n992X5,Typo\n")
    answer_file_dialog(monkeypatch, bad)

    def ask_to_replace():  # type: ignore[no-untyped-def]
        """Ctrl+I: the file replaces the codes held, so the tab asks first."""
        press(qtbot, Qt.Key.Key_I, CTRL)
        wait(qtbot, lambda: [b.objectName() for b in message_boxes()] == ["confirmBox"])
        [question] = message_boxes()
        assert question.text() == "Replace the 4 CPT codes held now with those of cpt2028.csv?"
        assert "Codes added by hand are replaced too." in question.informativeText()
        wait(qtbot, lambda: QApplication.focusWidget() is not None
             and question.isAncestorOf(QApplication.focusWidget()))
        return question

    question = ask_to_replace()
    press(qtbot, Qt.Key.Key_Escape)  # keeps the codes: nothing is imported
    wait(qtbot, lambda: not question.isVisible())
    wait(qtbot, lambda: QApplication.focusWidget() is not None and tab_.isAncestorOf(QApplication.focusWidget()))
    assert not tab_.runner.is_busy() and tab_.notice_label.text() != "Importing cpt2028.csv…"
    ask_to_replace()
    press(qtbot, Qt.Key.Key_Return)
    expected = ("cpt2028.csv line 3: '992X5' is not a CPT code (five digits, or four digits and F, T or U). "
                "Nothing was imported.")
    wait(qtbot, lambda: [b.text() for b in message_boxes()] == [expected])
    assert message_boxes()[0].windowTitle() == "Not imported"
    assert tab_.notice_label.text() == expected and tab_.notice_label.property("role") == "error"
    assert cpt_count(ws) == 4
    assert [e.description for e in (codes.lookup(ws, "cpt", "99213"),) if e] == [
        "Office or other outpatient visit for an established patient (low)"]
    message_boxes()[0].done(0)
    tab_.refresh()
    wait(qtbot, lambda: not tab_.runner.is_busy())
    assert tab_.count_label.text() == "4 codes" and tab_.listing is not None and tab_.listing.version == "cpt2027.csv"


def test_icd10_is_searched_not_edited(qtbot, clinic, make_window) -> None:  # type: ignore[no-untyped-def]
    _page, tab_ = codes_tab(qtbot, make_window, clinic.ws)
    tab_.set_combo.setFocus()
    type_text(qtbot, "IC")  # the chooser by its first letters
    wait(qtbot, lambda: tab_.info.kind.value == "icd10" and tab_.listing is not None)
    assert not any(b.isVisible() for b in (tab_.add_button, tab_.edit_button, tab_.import_button))
    assert tab_.count_label.text().endswith("codes: type to search")
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "E11.65")
    wait(qtbot, lambda: shown_codes(tab_)[:1] == ["E1165"])
    assert cell(tab_, 0, 0) == "E11.65"
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert tab_.notice_label.text() == "ICD-10-CM comes from the installed release; it is searched here, not edited."
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, CodeDialog) and w.isVisible()]


def test_a_biller_sees_the_code_sets_with_the_buttons_at_rest(qtbot, clinic, runner) -> None:  # type: ignore[no-untyped-def]
    betty = Actor("u-betty", "betty", "Betty Biller", Role.BILLER)
    tab_ = CodeSetsTab(runner, clinic.ws, betty)
    qtbot.addWidget(tab_)
    tab_.show()
    tab_.refresh()
    wait(qtbot, lambda: tab_.listing is not None)
    assert tab_.listing is not None and tab_.listing.set_name == "cpt" and tab_.count_label.text() == "0 codes"
    tab_.choose_set("pos")
    wait(qtbot, lambda: tab_.listing is not None and tab_.listing.set_name == "pos" and tab_.model.rows)
    assert "11" in shown_codes(tab_)
    assert cell(tab_, shown_codes(tab_).index("11"), 2) == "shipped with MedBill"
    for button in (tab_.add_button, tab_.edit_button, tab_.import_button):
        assert button.isVisible() and not button.isEnabled() and button.toolTip() == NO_PERMISSION
    tab_.add()
    assert tab_.notice_label.text() == f"{NO_PERMISSION} (adding a code)"
