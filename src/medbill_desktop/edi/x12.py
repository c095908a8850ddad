"""X12 basics: separators, a segment writer with the ISA/GS/ST envelope and its counts, control numbers,
and a tokenizer that reads the separators from the ISA.

Writing: `SegmentWriter` collects segments as strings; elements are text or tuples (composites, joined by
the component separator); trailing empty elements are dropped, and any separator character inside a value
is replaced by a space, so a name can never break the file. `envelope` wraps transaction sets in ISA/GS
and ST/SE with SE01 (segments from ST to SE), GE01 (sets) and IEA01 (groups) counted.

Reading: `tokenize` finds the element separator at ISA position 4, the repetition separator in ISA11
(version 00501 on), the component separator in ISA16 and the segment terminator right after it; white
space and line breaks between segments are ignored. A malformed file raises `X12SyntaxError` naming the
segment number (1-based, counted from the ISA).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from medbill_desktop.domain.errors import DomainError

ISA_LENGTH = 106  # the ISA segment, terminator included, is fixed width
MAX_CONTROL_NUMBER = 999_999_999

Element = str | tuple[str, ...]


class X12SyntaxError(DomainError):
    """A file that is not well-formed X12; `segment_number` is 1-based from the ISA (0: before any segment)."""

    def __init__(self, message: str, segment_number: int = 0) -> None:
        where = f"Segment {segment_number}: " if segment_number else ""
        super().__init__(f"{where}{message}", "file")
        self.segment_number = segment_number


@dataclass(frozen=True, slots=True)
class Separators:
    element: str = "*"
    component: str = ":"
    repetition: str = "^"
    segment: str = "~"

    def __post_init__(self) -> None:
        chars = (self.element, self.component, self.repetition, self.segment)
        if any(len(c) != 1 or c.isalnum() or c == " " for c in chars):
            raise DomainError("Each X12 separator is one character that is neither a letter, a digit nor a space.",
                              "separators")
        if len(set(chars)) != 4:
            raise DomainError("The element, component, repetition and segment separators must differ.",
                              "separators")


@dataclass(frozen=True, slots=True)
class ControlNumbers:
    """The next ISA13 / GS06 / ST02 to use. The caller stores `next()` after a file is written."""

    interchange: int = 1
    group: int = 1
    transaction: int = 1

    def __post_init__(self) -> None:
        for name in ("interchange", "group", "transaction"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONTROL_NUMBER:
                raise DomainError(f"The {name} control number is a whole number from 1 to {MAX_CONTROL_NUMBER}.",
                                  name)

    def next(self) -> ControlNumbers:
        """The numbers after these; each wraps from 999999999 back to 1."""
        def bump(n: int) -> int:
            return 1 if n >= MAX_CONTROL_NUMBER else n + 1
        return ControlNumbers(bump(self.interchange), bump(self.group), bump(self.transaction))

    @property
    def isa13(self) -> str:
        return f"{self.interchange:09d}"

    @property
    def gs06(self) -> str:
        return str(self.group)

    @property
    def st02(self) -> str:
        return f"{self.transaction:04d}"


@dataclass(frozen=True, slots=True)
class InterchangeParties:
    """ISA05-08 and GS02-03. Qualifiers: ZZ mutually defined, 01 DUNS, 30 federal tax id ..."""

    sender_id: str
    receiver_id: str
    sender_qualifier: str = "ZZ"
    receiver_qualifier: str = "ZZ"
    gs_sender: str = ""  # GS02; defaults to the ISA sender id
    gs_receiver: str = ""  # GS03; defaults to the ISA receiver id

    def __post_init__(self) -> None:
        for name, value, size in (("sender_id", self.sender_id, 15), ("receiver_id", self.receiver_id, 15),
                                  ("sender_qualifier", self.sender_qualifier, 2),
                                  ("receiver_qualifier", self.receiver_qualifier, 2),
                                  ("gs_sender", self.gs_sender, 15), ("gs_receiver", self.gs_receiver, 15)):
            if len(value.strip()) > size or (not value.strip() and name in ("sender_id", "receiver_id",
                                                                            "sender_qualifier",
                                                                            "receiver_qualifier")):
                raise DomainError(f"The clearinghouse setting {name} is 1 to {size} characters.", name)


class SegmentWriter:
    """Builds segments. `count` is the number of segments written so far (for SE01)."""

    __slots__ = ("_parts", "_sep", "_table", "_component", "_terminator")

    def __init__(self, separators: Separators = Separators()) -> None:
        self._sep = separators.element
        self._component = separators.component
        self._terminator = separators.segment
        self._table = str.maketrans({c: " " for c in (separators.element, separators.component,
                                                      separators.repetition, separators.segment, "\r", "\n")})
        self._parts: list[str] = []

    def clean(self, value: str) -> str:
        return value.translate(self._table)

    def seg(self, seg_id: str, *elements: Element) -> None:
        values = [seg_id]
        for element in elements:
            if isinstance(element, tuple):
                comps = [c.translate(self._table) for c in element]
                while comps and not comps[-1]:
                    comps.pop()
                values.append(self._component.join(comps))
            else:
                values.append(element.translate(self._table))
        while len(values) > 1 and not values[-1]:
            values.pop()
        self._parts.append(self._sep.join(values))

    @property
    def count(self) -> int:
        return len(self._parts)

    @property
    def segments(self) -> list[str]:
        return self._parts

    def text(self) -> str:
        t = self._terminator
        return t.join(self._parts) + t


def _fixed(value: str, width: int) -> str:
    return value[:width].ljust(width)


def isa_segment(parties: InterchangeParties, control: ControlNumbers, now: datetime, usage: str,
                separators: Separators, ack_requested: bool = False) -> str:
    """The fixed-width ISA (without its terminator)."""
    if usage not in ("T", "P"):
        raise DomainError("The usage indicator is T (test) or P (production).", "usage")
    e = separators.element
    fields = ["ISA", "00", " " * 10, "00", " " * 10,
              _fixed(parties.sender_qualifier, 2), _fixed(parties.sender_id, 15),
              _fixed(parties.receiver_qualifier, 2), _fixed(parties.receiver_id, 15),
              now.strftime("%y%m%d"), now.strftime("%H%M"), separators.repetition, "00501", control.isa13,
              "1" if ack_requested else "0", usage, separators.component]
    return e.join(fields)


def envelope(sets: Sequence[tuple[str, list[str]]], *, parties: InterchangeParties, control: ControlNumbers,
             functional_id: str, version: str, now: datetime, usage: str,
             separators: Separators = Separators()) -> str:
    """One interchange holding one functional group of transaction sets. `sets`: (ST01, body segments
    between ST and SE, as written by a SegmentWriter with the same separators); ST02 numbers run from
    `control.transaction`."""
    e, t = separators.element, separators.segment
    out = [isa_segment(parties, control, now, usage, separators)]
    out.append(e.join(("GS", functional_id, parties.gs_sender or parties.sender_id,
                       parties.gs_receiver or parties.receiver_id, now.strftime("%Y%m%d"), now.strftime("%H%M"),
                       control.gs06, "X", version)))
    for i, (set_id, body) in enumerate(sets):
        number = f"{(control.transaction - 1 + i) % MAX_CONTROL_NUMBER + 1:04d}"
        out.append(e.join(("ST", set_id, number, version)))
        out.extend(body)
        out.append(e.join(("SE", str(len(body) + 2), number)))
    out.append(e.join(("GE", str(len(sets)), control.gs06)))
    out.append(e.join(("IEA", "1", control.isa13)))
    return t.join(out) + t


# --- reading ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Segment:
    number: int  # 1-based from the ISA
    id: str
    elements: tuple[str, ...]  # elements[0] is the first element after the id (XX01)

    def get(self, position: int) -> str:
        """XXnn, 1-based; '' when absent."""
        return self.elements[position - 1] if 0 < position <= len(self.elements) else ""


def tokenize(text: str) -> tuple[Separators, list[Segment]]:
    """Split an interchange into segments, separators read from its ISA."""
    data = text.lstrip("\ufeff \t\r\n")
    if not data.startswith("ISA"):
        raise X12SyntaxError("The file does not start with an ISA segment; it is not an X12 interchange.", 1)
    if len(data) < ISA_LENGTH:
        raise X12SyntaxError("The ISA segment is cut short (it is 106 characters long).", 1)
    element = data[3]
    isa_fields = data[:ISA_LENGTH].split(element)
    if len(isa_fields) != 17:
        raise X12SyntaxError(f"The ISA segment has {len(isa_fields) - 1} elements instead of 16; the element "
                             f"separator '{element}' does not split it right.", 1)
    if not isa_fields[16]:
        raise X12SyntaxError("The ISA segment has no component separator (ISA16).", 1)
    component = isa_fields[16][0]
    terminator = isa_fields[16][1] if len(isa_fields[16]) > 1 else ""
    if not terminator or terminator.isalnum():
        raise X12SyntaxError("The ISA segment is not followed by a segment terminator.", 1)
    repetition = isa_fields[11]
    if isa_fields[12] < "00501" or len(repetition) != 1 or repetition.isalnum() \
            or repetition in (element, component, terminator, " "):
        repetition = "\x1f"  # no repetition separator (version 4010 puts U there): one that never occurs
    try:
        seps = Separators(element, component, repetition, terminator)
    except DomainError as exc:
        raise X12SyntaxError(str(exc), 1) from None
    segments: list[Segment] = []
    known_ids: set[str] = set()  # the identifiers already found well-formed (a file uses a few dozen)
    for raw in data.split(terminator):
        raw = raw.strip("\r\n\t ")
        if not raw:
            continue
        number = len(segments) + 1
        parts = raw.split(element)
        seg_id = parts[0]
        if seg_id not in known_ids:
            if not _is_segment_id(seg_id):
                raise X12SyntaxError(f"'{seg_id[:10]}' is not a segment identifier (2 or 3 letters and digits).",
                                     number)
            known_ids.add(seg_id)
        segments.append(Segment(number, seg_id, tuple(parts[1:])))
    if segments[-1].id != "IEA":
        raise X12SyntaxError("The interchange has no IEA trailer; the file may be cut short.", len(segments))
    return seps, segments


def _is_segment_id(text: str) -> bool:
    return 2 <= len(text) <= 3 and text.isalnum() and text[0].isalpha() and text == text.upper()


def components(value: str, separators: Separators) -> list[str]:
    return value.split(separators.component)


def join_lines(segments: Iterable[str], separators: Separators = Separators()) -> str:
    t = separators.segment
    return t.join(segments) + t
