"""The whole ICD-10-CM tabular list, read from the `simple-icd-10-cm` package into plain rows.

The package keeps chapters ("4"), blocks ("E08-E13") and codes in one preorder list. Thirty-nine
names are both a block and the single category inside it (e.g. "B99"): the block comes first in
that list and the category second, and the package answers for the category unless asked to
prefer blocks. A code is billable when nothing sits below it in the tabular list (a leaf).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from medbill_desktop.codesets.model import Icd10Group, Icd10Row

PACKAGE = "simple-icd-10-cm"


@dataclass(frozen=True, slots=True)
class Icd10Data:
    version: str
    groups: tuple[Icd10Group, ...]
    rows: tuple[Icd10Row, ...]

    @property
    def billable_count(self) -> int:
        return sum(1 for r in self.rows if r.billable)

    @property
    def entry_count(self) -> int:
        """Entries as the package counts them: chapters, blocks and codes."""
        return len(self.groups) + len(self.rows)


def source_version() -> str:
    """Which package release and which CDC release of the tabular list it carries, without loading it."""
    # Found on disk rather than through importlib.resources: importing the package parses all its data.
    spec = find_spec("simple_icd_10_cm")
    folders = list(spec.submodule_search_locations or []) if spec else []
    data_files = sorted(p.name for folder in folders for p in (Path(folder) / "data").glob("*.xml"))
    release = data_files[-1].removesuffix(".xml") if data_files else "unknown data"
    return f"{PACKAGE} {metadata.version(PACKAGE)} ({release})"


def no_dot(code: str) -> str:
    return code.replace(".", "").strip().upper()


def with_dot(code: str) -> str:
    """ICD-10-CM's display form: a dot after the third character when there are more than three."""
    bare = no_dot(code)
    return f"{bare[:3]}.{bare[3:]}" if len(bare) > 3 else bare


def read_icd10() -> Icd10Data:
    """Every chapter, block and code of the installed release (about 98,500 entries; takes seconds)."""
    with warnings.catch_warnings():  # it reads its data with importlib.resources' deprecated calls
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm  # parses a 10 MB XML file on import

    groups: list[Icd10Group] = []
    pending: list[tuple[int, str, str, str, bool, str, str, str, str]] = []
    block_of: dict[str, str] = {}
    chapter_of: dict[str, str] = {}
    seen: set[str] = set()
    for order, name in enumerate(cm.get_all_codes(True)):
        first_time = name not in seen
        seen.add(name)
        if cm.is_chapter(name):
            groups.append(Icd10Group(name, "chapter", cm.get_description(name), ""))
            chapter_of[name] = name
            continue
        is_code = cm.is_category_or_subcategory(name)
        if cm.is_block(name) and (first_time or not is_code):
            if is_code:
                # a block holding one category of the same name: ask for the block's own data
                parent = cm.get_parent(name, prioritize_blocks=True)
                description = cm.get_description(name, prioritize_blocks=True)
            else:
                parent = cm.get_parent(name)
                description = cm.get_description(name)
            groups.append(Icd10Group(name, "block", description, parent))
            chapter_of[name] = chapter_of[parent]
            block_of[name] = name
            continue
        parent = cm.get_parent(name)
        code = no_dot(name)
        if cm.is_category(name):
            kind = "category"
            parent_key = parent
        else:
            kind = "extension" if cm.is_extended_subcategory(name) else "subcategory"
            parent_key = no_dot(parent)
        block_of[code] = block_of[parent_key]
        chapter_of[code] = chapter_of[parent_key]
        pending.append((order, code, with_dot(code), cm.get_description(name), cm.is_leaf(name), kind,
                        parent_key, chapter_of[code], block_of[code]))

    # Search order: billable codes first, then shorter (broader) codes, then the tabular order.
    ranked = sorted(pending, key=lambda p: (not p[4], len(p[1]), p[0]))
    rank_of = {p[1]: i for i, p in enumerate(ranked)}
    rows = tuple(
        Icd10Row(code=code, display_code=display, description=desc, billable=billable, kind=kind,
                 parent=parent, chapter=chapter, block=block, rank=rank_of[code])
        for _order, code, display, desc, billable, kind, parent, chapter, block in pending
    )
    return Icd10Data(version=source_version(), groups=tuple(groups), rows=rows)
