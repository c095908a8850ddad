"""The practice's licensed CPT file (the AMA's descriptors are never shipped with the program).

A CSV (comma, tab, pipe or semicolon) with the code first and the description second, with or
without a header row. With a header, the columns are found by name (code / CPT and description) and
other columns are ignored; without one, everything after the code is the description. The whole file
is checked before anything is stored: the first bad line stops the import and is named.
"""

from __future__ import annotations

import re
from pathlib import Path

from medbill_desktop.codesets.files import cell, csv_rows, find_columns, read_text
from medbill_desktop.codesets.model import CodeEntry, CodeFileError, CodeSet
from medbill_desktop.codesets.query import is_cpt_code

_COLUMNS = {
    "code": ("CODE", "CPT", "CPT CODE", "CPT_CODE", "HCPCS", "PROCEDURE CODE", "PROC CODE"),
    "description": ("DESCRIPTION", "DESC", "DESCRIPTOR", "LONG DESCRIPTION", "SHORT DESCRIPTION",
                    "CONSUMER DESCRIPTOR", "CLINICIAN DESCRIPTOR", "MEDIUM DESCRIPTION"),
}


def _looks_like_header(cells: list[str]) -> bool:
    return bool(cells) and not is_cpt_code(cells[0]) and not re.search(r"\d", cells[0])


def read_cpt_file(path: Path) -> list[CodeEntry]:
    rows = list(csv_rows(read_text(path)))
    if not rows:
        raise CodeFileError(f"{path.name} is empty")
    columns: dict[str, int] | None = None
    if _looks_like_header(rows[0][1]):
        number, cells = rows.pop(0)
        columns = find_columns(cells, _COLUMNS)
        if columns is None:
            raise CodeFileError("the header row needs a code column and a description column", number)
    entries: list[CodeEntry] = []
    first_seen: dict[str, int] = {}
    for number, cells in rows:
        if len(cells) < 2:
            raise CodeFileError("expected a code and its description separated by a comma", number)
        code = (cell(cells, columns["code"]) if columns else cells[0]).upper()
        if not is_cpt_code(code):
            raise CodeFileError(f"{code!r} is not a CPT code (five digits, or four digits and F, T or U)",
                                number)
        description = cell(cells, columns["description"]) if columns else ", ".join(cells[1:]).strip(" ,")
        if not description:
            raise CodeFileError(f"the description of {code} is empty", number)
        if code in first_seen:
            raise CodeFileError(f"{code} appears again (first on line {first_seen[code]})", number)
        first_seen[code] = number
        entries.append(CodeEntry(CodeSet.CPT.value, code, description))
    if not entries:
        raise CodeFileError(f"{path.name} holds no codes")
    return entries
