"""Small records shared by the code sets, the services and whoever shows a code to a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError


class CodeSet(StrEnum):
    ICD10 = "icd10"
    HCPCS = "hcpcs"
    CPT = "cpt"
    POS = "pos"
    MODIFIER = "modifier"
    CARC = "carc"
    RARC = "rarc"
    GROUP = "group"  # claim adjustment group codes (CO, OA, PI, PR)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    CodeSet.ICD10: "ICD-10-CM diagnosis",
    CodeSet.HCPCS: "HCPCS Level II",
    CodeSet.CPT: "CPT",
    CodeSet.POS: "Place of service",
    CodeSet.MODIFIER: "Modifier",
    CodeSet.CARC: "Claim adjustment reason",
    CodeSet.RARC: "Remittance advice remark",
    CodeSet.GROUP: "Claim adjustment group",
}

# The sets a person searches while entering charges.
SEARCHABLE = (CodeSet.ICD10, CodeSet.HCPCS, CodeSet.CPT, CodeSet.POS, CodeSet.MODIFIER)


@dataclass(frozen=True, slots=True)
class CodeHit:
    """One search result. `billable` is False for an ICD-10-CM header (a category or subcategory with
    codes below it) and for a code that is terminated as of today."""

    code: str  # as stored and as it goes on a claim: no dot ("E1165")
    display_code: str  # as people read it ("E11.65")
    description: str
    billable: bool
    set_name: str


@dataclass(frozen=True, slots=True)
class Icd10Code:
    """What the scrubber needs to know about a diagnosis code."""

    code: str  # no dot, upper case
    display_code: str
    description: str
    billable: bool


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """A code of one of the smaller sets (HCPCS, CPT, POS, modifiers, CARC, RARC, group codes)."""

    set_name: str
    code: str
    description: str
    long_description: str = ""
    effective_from: date | None = None
    effective_to: date | None = None  # the last day it may be used; None while current

    def active_on(self, day: date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


@dataclass(frozen=True, slots=True)
class Icd10Group:
    """A chapter ("4") or a block ("E08-E13") of the tabular list: headings, never codes."""

    id: str
    kind: str  # "chapter" | "block"
    description: str
    parent: str  # "" for a chapter


@dataclass(frozen=True, slots=True)
class Icd10Row:
    code: str  # no dot
    display_code: str
    description: str
    billable: bool
    kind: str  # "category" | "subcategory" | "extension" (a code with its 7th character)
    parent: str  # the code above (no dot), or the block for a category
    chapter: str
    block: str
    rank: int  # search order: billable first, shorter codes first, then the tabular order


@dataclass(frozen=True, slots=True)
class ImportCounts:
    set_name: str
    added: int
    updated: int
    removed: int = 0  # codes that were there before and are not in a file that replaces the set
    skipped: int = 0  # rows of the file that are not for this set (e.g. CPT rows in CMS's HCPCS file)
    terminated: int = 0  # rows whose last day of use is before the import day

    @property
    def total(self) -> int:
        return self.added + self.updated


class CodeFileError(DomainError):
    """A code file could not be read; the message names the line. Nothing of the file was imported."""

    def __init__(self, message: str, line: int | None = None) -> None:
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}{message}", field="file")
        self.line = line
