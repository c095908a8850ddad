"""CMS's quarterly HCPCS file: the fixed-width "ANWEB" text file or a CSV saved from its spreadsheet.

Fixed-width record layout (columns counted from 1, as in CMS's record layout):

    1-5     HCPCS code              6-10    sequence number
    11      record id: 3 = a code's first line, 4 = more long description for it,
            7 = a modifier's first line, 8 = more of it
    12-91   long description        92-119  short description
    269-276 date added              277-284 action effective date
    285-292 termination date        293     action code

The file also carries Level I (CPT) rows, which are the AMA's: those are skipped and never stored.
Modifier records are skipped too (the modifiers list is kept separately). A termination date is the
last day the code may be used; terminated codes are kept, so claims for earlier dates still check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from medbill_desktop.codesets.files import cell, csv_rows, find_columns, parse_date, read_text
from medbill_desktop.codesets.model import CodeEntry, CodeFileError, CodeSet
from medbill_desktop.codesets.query import CODE_FORMATS, is_cpt_code

_LEVEL_II = CODE_FORMATS[CodeSet.HCPCS]

_CSV_COLUMNS = {
    "code": ("HCPC", "HCPCS", "HCPCS CODE", "HCPC CODE", "CODE"),
    "?recid": ("RECID", "REC ID", "RECORD ID", "RECORD IDENTIFICATION CODE"),
    "?long": ("LONG DESCRIPTION", "LONG DESC", "LONG_DESCRIPTION", "DESCRIPTION"),
    "?short": ("SHORT DESCRIPTION", "SHORT DESC", "SHORT_DESCRIPTION"),
    "?added": ("ADD DT", "ADD DATE", "ADDED DATE", "CODE ADDED DATE"),
    "?terminated": ("TERM DT", "TERM DATE", "TERMINATION DATE"),
}


@dataclass
class HcpcsFile:
    entries: list[CodeEntry] = field(default_factory=list)
    skipped_level_one: int = 0  # CPT rows in CMS's file
    skipped_modifiers: int = 0

    def terminated_by(self, day: date) -> int:
        return sum(1 for e in self.entries if e.effective_to is not None and e.effective_to < day)


@dataclass
class _Draft:
    code: str
    long: list[str]
    short: str
    added: date | None
    terminated: date | None

    def entry(self) -> CodeEntry:
        long = " ".join(part for part in self.long if part)
        return CodeEntry(CodeSet.HCPCS.value, self.code, long or self.short, effective_from=self.added,
                         effective_to=self.terminated)


def _code(raw: str, line: int) -> str | None:
    """The code to keep, None for a Level I row; an error for anything that is not a code at all."""
    code = raw.strip().upper()
    if _LEVEL_II.match(code):
        return code
    if is_cpt_code(code):
        return None
    raise CodeFileError(f"{code!r} is not a HCPCS code", line)


_FIXED_START = re.compile(r"^[0-9A-Z ]{5}\d{5}[0-9]")  # code, sequence number, record id


def _looks_fixed_width(lines: list[str]) -> bool:
    first = next((ln for ln in lines if ln.strip()), "")
    return bool(_FIXED_START.match(first))


def read_hcpcs_file(path: Path) -> HcpcsFile:
    text = read_text(path)
    lines = text.splitlines()
    result = _read_fixed(lines) if _looks_fixed_width(lines) else _read_csv(text)
    if not result.entries:
        raise CodeFileError(f"{path.name} holds no HCPCS Level II codes")
    return result


def _add(drafts: dict[str, _Draft], order: list[str], draft: _Draft, line: int) -> None:
    if draft.code in drafts:
        raise CodeFileError(f"{draft.code} appears a second time", line)
    drafts[draft.code] = draft
    order.append(draft.code)


def _read_fixed(lines: list[str]) -> HcpcsFile:
    out = HcpcsFile()
    drafts: dict[str, _Draft] = {}
    order: list[str] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line = raw.rstrip("\r\n").ljust(293)
        record = line[10]
        if record in "78":
            out.skipped_modifiers += record == "7"
            continue
        if record not in "34":
            raise CodeFileError(f"record id {record!r} in column 11 is not 3, 4, 7 or 8; "
                                "is this CMS's HCPCS file?", number)
        code = _code(line[0:5], number)
        if code is None:
            out.skipped_level_one += record == "3"
            continue
        long_part = line[11:91].strip()
        if record == "4" and code in drafts:
            drafts[code].long.append(long_part)
            continue
        _add(drafts, order, _Draft(code, [long_part], line[91:119].strip(),
                                   parse_date(line[268:276], number, "date added"),
                                   parse_date(line[284:292], number, "termination date")), number)
    out.entries = [drafts[c].entry() for c in order]
    return out


def _read_csv(text: str) -> HcpcsFile:
    out = HcpcsFile()
    drafts: dict[str, _Draft] = {}
    order: list[str] = []
    columns: dict[str, int] | None = None
    for number, cells in csv_rows(text):
        if columns is None:  # title lines may come before the header row
            found = find_columns(cells, _CSV_COLUMNS)
            if found is not None and ("long" in found or "short" in found):
                columns = found
            elif number >= 10:
                raise CodeFileError("no header row naming the HCPC and description columns "
                                    "(for example HCPC, LONG DESCRIPTION, SHORT DESCRIPTION)", number)
            continue
        record = cell(cells, columns.get("recid"))
        if record[:1] in ("7", "8"):
            out.skipped_modifiers += record[:1] == "7"
            continue
        code = _code(cell(cells, columns["code"]), number)
        if code is None:
            out.skipped_level_one += record[:1] != "4"
            continue
        long_part = cell(cells, columns.get("long"))
        if code in drafts and (record[:1] == "4" or not record):
            drafts[code].long.append(long_part)  # the description goes on over more rows
            continue
        _add(drafts, order, _Draft(code, [long_part], cell(cells, columns.get("short")),
                                   parse_date(cell(cells, columns.get("added")), number, "date added"),
                                   parse_date(cell(cells, columns.get("terminated")), number,
                                              "termination date")), number)
    if columns is None:
        raise CodeFileError("no header row naming the HCPC and description columns")
    out.entries = [drafts[c].entry() for c in order]
    return out
