"""The official lists of claim adjustment reason codes (CARC) and remittance advice remark codes
(RARC), saved as CSV: code, description, and optionally start and stop dates. A stop date is the
last day the code may be used on a remittance."""

from __future__ import annotations

from pathlib import Path

from medbill_desktop.codesets.files import cell, csv_rows, find_columns, parse_date, read_text
from medbill_desktop.codesets.model import CodeEntry, CodeFileError, CodeSet
from medbill_desktop.codesets.query import CODE_FORMATS, normalize_code

_COLUMNS = {
    "code": ("CODE", "CARC", "RARC", "REASON CODE", "REMARK CODE", "ADJUSTMENT REASON CODE"),
    "description": ("DESCRIPTION", "DESC", "REASON", "REMARK", "TEXT"),
    "?start": ("START", "START DATE", "EFFECTIVE", "EFFECTIVE DATE", "BEGIN DATE"),
    "?stop": ("STOP", "STOP DATE", "END DATE", "DEACTIVATION DATE", "DEACTIVATED", "TERMINATION DATE"),
}
_POSITIONAL = {"code": 0, "description": 1, "start": 2, "stop": 3}


def read_remit_file(path: Path, set_name: CodeSet) -> list[CodeEntry]:
    if set_name not in (CodeSet.CARC, CodeSet.RARC):
        raise ValueError(f"not a remittance code list: {set_name}")
    pattern = CODE_FORMATS[set_name]
    rows = list(csv_rows(read_text(path)))
    if not rows:
        raise CodeFileError(f"{path.name} is empty")
    columns = find_columns(rows[0][1], _COLUMNS)
    if columns is not None:
        rows.pop(0)
    else:
        columns = _POSITIONAL
    entries: list[CodeEntry] = []
    first_seen: dict[str, int] = {}
    for number, cells in rows:
        code = normalize_code(cell(cells, columns["code"]))
        if not pattern.match(code):
            raise CodeFileError(f"{code!r} is not a {set_name.label.lower()} code", number)
        description = cell(cells, columns["description"])
        if not description:
            raise CodeFileError(f"the description of {code} is empty", number)
        if code in first_seen:
            raise CodeFileError(f"{code} appears again (first on line {first_seen[code]})", number)
        first_seen[code] = number
        entries.append(CodeEntry(
            set_name.value, code, description,
            effective_from=parse_date(cell(cells, columns.get("start")), number, "start date"),
            effective_to=parse_date(cell(cells, columns.get("stop")), number, "stop date"),
        ))
    if not entries:
        raise CodeFileError(f"{path.name} holds no codes")
    return entries
