"""The code lists shipped under resources/codesets/ (descriptions in the project's own words)."""

from __future__ import annotations

import csv
import hashlib
import io
from importlib.resources import files

from medbill_desktop.codesets.model import CodeEntry, CodeSet
from medbill_desktop.codesets.query import CODE_FORMATS, normalize_code

SHIPPED_FILES: dict[CodeSet, str] = {
    CodeSet.HCPCS: "hcpcs_common.csv",
    CodeSet.POS: "pos.csv",
    CodeSet.MODIFIER: "modifiers.csv",
    CodeSet.GROUP: "adjustment_groups.csv",
    CodeSet.CARC: "carc_common.csv",
    CodeSet.RARC: "rarc_common.csv",
}


def _text(name: str) -> str:
    return (files("medbill_desktop.resources") / "codesets" / name).read_text(encoding="utf-8")


def shipped_version(set_name: CodeSet) -> str:
    """Changes whenever the shipped file does, so a new release reloads it."""
    digest = hashlib.sha256(_text(SHIPPED_FILES[set_name]).encode()).hexdigest()[:16]
    return f"shipped {SHIPPED_FILES[set_name]} {digest}"


def read_shipped(set_name: CodeSet) -> list[CodeEntry]:
    name = SHIPPED_FILES[set_name]
    reader = csv.DictReader(io.StringIO(_text(name), newline=""))
    entries = []
    for row in reader:
        code = normalize_code(row["code"])
        if not CODE_FORMATS[set_name].match(code):
            raise ValueError(f"{name} line {reader.line_num}: {code!r} is not a {set_name.label} code")
        entries.append(CodeEntry(set_name.value, code, row["description"].strip()))
    return entries
