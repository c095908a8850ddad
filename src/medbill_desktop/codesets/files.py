"""Reading the files people bring: text in whatever encoding a spreadsheet wrote, CSV with or without
a header row, dates in the few ways official lists write them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from medbill_desktop.codesets.model import CodeFileError

_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%Y/%m/%d")


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodeFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def parse_date(value: str, line: int, what: str) -> date | None:
    value = value.strip()
    if not value or set(value) <= {"0"}:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CodeFileError(f"the {what} {value!r} is not a date (use YYYYMMDD, YYYY-MM-DD or MM/DD/YYYY)", line)


def header_key(name: str) -> str:
    """"Long Description" -> "LONGDESCRIPTION"."""
    return re.sub(r"[^0-9A-Z]", "", name.upper())


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each non-blank row; the delimiter is a comma, tab, pipe or semicolon,
    whichever the first lines use."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t|;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, [cell.strip() for cell in cells]
    except csv.Error as exc:
        raise CodeFileError(f"not a readable CSV line ({exc})", reader.line_num) from None


def find_columns(cells: Sequence[str], wanted: dict[str, Iterable[str]]) -> dict[str, int] | None:
    """If `cells` is a header row naming every required column, the index of each known column.
    `wanted` maps our name to the header spellings accepted (compared by header_key); names starting
    with "?" are optional."""
    keys = [header_key(c) for c in cells]
    found: dict[str, int] = {}
    for name, spellings in wanted.items():
        accepted = {header_key(s) for s in spellings}
        index = next((i for i, k in enumerate(keys) if k in accepted), None)
        if index is not None:
            found[name.lstrip("?")] = index
        elif not name.startswith("?"):
            return None
    return found


def cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()
