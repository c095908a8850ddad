"""The practice fields shared by the first-run dialog and the Practice settings workspace.

Both .ui forms name their line edits the same way (nameEdit, npiEdit, ...), so one helper reads and fills
them and maps the domain's field names (DomainError.field) onto them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from medbill_desktop.domain.practice import Address, Practice, format_phone
from medbill_desktop.gui.fields import digits_only, uppercase_letters

# DomainError.field -> the line edit's object name in the .ui forms
FIELD_EDITS = {
    "name": "nameEdit",
    "npi": "npiEdit",
    "tax_id": "taxIdEdit",
    "taxonomy": "taxonomyEdit",
    "address.line1": "line1Edit",
    "address.line2": "line2Edit",
    "address.city": "cityEdit",
    "address.state": "stateEdit",
    "address.zip": "zipEdit",
    "phone": "phoneEdit",
}


def practice_edits(ui: Any) -> dict[str, QLineEdit]:
    return {field: getattr(ui, name) for field, name in FIELD_EDITS.items()}


def prepare_practice_edits(ui: Any) -> None:
    digits_only(ui.npiEdit)
    digits_only(ui.taxIdEdit, "-")
    digits_only(ui.zipEdit, "-")
    digits_only(ui.phoneEdit, "()-. +")
    uppercase_letters(ui.stateEdit)
    ui.taxonomyEdit.textEdited.connect(
        lambda text: ui.taxonomyEdit.setText(text.upper()) if text != text.upper() else None)


def read_practice(ui: Any) -> Practice:
    return Practice(
        name=ui.nameEdit.text(),
        npi=ui.npiEdit.text(),
        tax_id=ui.taxIdEdit.text(),
        taxonomy=ui.taxonomyEdit.text(),
        address=Address(
            line1=ui.line1Edit.text(), line2=ui.line2Edit.text(), city=ui.cityEdit.text(),
            state=ui.stateEdit.text(), zip_code=ui.zipEdit.text(),
        ),
        phone=ui.phoneEdit.text(),
    )


def format_tax_id(value: str) -> str:
    return f"{value[:2]}-{value[2:]}" if len(value) == 9 and value.isdigit() else value


def format_zip(value: str) -> str:
    return f"{value[:5]}-{value[5:]}" if len(value) == 9 and value.isdigit() else value


def fill_practice(ui: Any, practice: Practice) -> None:
    ui.nameEdit.setText(practice.name)
    ui.npiEdit.setText(practice.npi)
    ui.taxIdEdit.setText(format_tax_id(practice.tax_id))
    ui.taxonomyEdit.setText(practice.taxonomy)
    ui.line1Edit.setText(practice.address.line1)
    ui.line2Edit.setText(practice.address.line2)
    ui.cityEdit.setText(practice.address.city)
    ui.stateEdit.setText(practice.address.state)
    ui.zipEdit.setText(format_zip(practice.address.zip_code))
    ui.phoneEdit.setText(format_phone(practice.phone))


def describe_practice(practice: Practice) -> str:
    a = practice.address
    street = ", ".join(part for part in (a.line1, a.line2) if part)
    return (f"NPI {practice.npi}  ·  Tax ID {format_tax_id(practice.tax_id)}  ·  Taxonomy {practice.taxonomy}\n"
            f"{street}, {a.city}, {a.state} {format_zip(a.zip_code)}  ·  {format_phone(practice.phone)}")
