"""The 999 implementation acknowledgement reader (005010X231A1).

`read_999(text)` gives one `SetAck` per acknowledged transaction set (AK2 ... IK5): the ST02 control
number it answers, accepted / accepted with errors / rejected, and each error in plain words with the
segment id, its position in the set, the loop, the element (IK3/IK4/CTX). When a whole functional group is
rejected without naming its sets (AK9 with no AK2), one SetAck with `whole_group` True stands for every
set of that group (match it by `group_control_number`, the GS06 that was sent).

Separators are taken from the ISA. A file that is not well-formed raises `X12SyntaxError` naming the
segment number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from medbill_desktop.edi.x12 import Segment, Separators, X12SyntaxError, tokenize


class AckStatus(StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_WITH_ERRORS = "accepted with errors"
    PARTIALLY_ACCEPTED = "partially accepted"
    REJECTED = "rejected"

    @property
    def accepted(self) -> bool:
        return self in (AckStatus.ACCEPTED, AckStatus.ACCEPTED_WITH_ERRORS)


# IK5-01 / AK9-01
_STATUS = {"A": AckStatus.ACCEPTED, "E": AckStatus.ACCEPTED_WITH_ERRORS, "P": AckStatus.PARTIALLY_ACCEPTED,
           "R": AckStatus.REJECTED, "M": AckStatus.REJECTED, "W": AckStatus.REJECTED, "X": AckStatus.REJECTED}

SEGMENT_ERRORS = {  # IK304
    "1": "unrecognized segment", "2": "unexpected segment", "3": "a required segment is missing",
    "4": "the loop occurs more times than allowed", "5": "the segment occurs more times than allowed",
    "6": "the segment is not defined in this transaction set", "7": "the segment is out of order",
    "8": "the segment has data element errors",
    "I4": "a segment the implementation guide does not use is present",
    "I6": "a segment the implementation guide requires in this situation is missing",
    "I7": "the loop occurs fewer times than the implementation guide requires",
    "I8": "the segment occurs fewer times than the implementation guide requires",
    "I9": "a segment the implementation guide does not use in this situation is present",
}
ELEMENT_ERRORS = {  # IK403
    "1": "a required element is missing", "2": "a conditionally required element is missing",
    "3": "too many elements", "4": "the value is too short", "5": "the value is too long",
    "6": "the value has an invalid character", "7": "the code is not valid", "8": "the date is not valid",
    "9": "the time is not valid", "10": "an element is present that must not be with another",
    "12": "too many repetitions", "13": "too many components",
    "I6": "the code is not used in this implementation", "I9": "an element required in this situation is missing",
    "I10": "an element the implementation guide does not use is present",
    "I11": "too few repetitions for the implementation guide",
    "I12": "the value does not match the implementation guide's pattern",
    "I13": "an element the implementation guide does not use in this situation is present",
}
SET_ERRORS = {  # IK502-506
    "1": "the transaction set is not supported", "2": "the SE trailer is missing",
    "3": "the control numbers in ST and SE differ", "4": "the segment count in SE is wrong",
    "5": "one or more segments are in error", "6": "the transaction set identifier is missing or invalid",
    "7": "the transaction set control number is missing or invalid",
    "18": "the transaction set is not in a functional group",
    "19": "the implementation convention reference is not valid",
    "23": "the transaction set control number is not unique in the group",
    "I5": "one or more segments are in error (implementation guide)",
    "I6": "the implementation convention is not supported",
}
GROUP_ERRORS = {  # AK905-909
    "1": "the functional group is not supported", "2": "the functional group version is not supported",
    "3": "the GE trailer is missing", "4": "the group control numbers in GS and GE differ",
    "5": "the number of transaction sets in GE is wrong", "6": "the group control number is not valid",
    "17": "there is a problem with the previous functional group", "18": "the security is not supported",
    "19": "the functional group is not in the interchange", "23": "the group control number is not unique",
    "24": "the functional group has no transaction sets",
}


@dataclass(frozen=True, slots=True)
class AckError:
    """One error reported against a segment (and maybe an element) of the acknowledged set."""

    segment_id: str  # IK301, e.g. "NM1"; '' for set-level errors
    segment_position: int | None  # IK302: position in the set, ST = 1
    loop_id: str  # IK303, e.g. "2010BA"
    code: str  # IK304 or IK403 (the element error when there is one) or IK5 code
    message: str  # plain words
    element_position: int | None = None  # IK401-1
    component_position: int | None = None  # IK401-2
    element_reference: str = ""  # IK402: the X12 data element number
    bad_value: str = ""  # IK404
    context: str = ""  # CTX, e.g. "CLM01:C26000101"


@dataclass(frozen=True, slots=True)
class SetAck:
    control_number: str  # AK202: the ST02 that was sent ('' when `whole_group`)
    status: AckStatus
    transaction_set: str = "837"  # AK201
    group_control_number: str = ""  # AK102: the GS06 that was sent
    version: str = ""  # AK203
    errors: tuple[AckError, ...] = ()
    whole_group: bool = False

    @property
    def accepted(self) -> bool:
        return self.status.accepted

    def summary(self) -> str:
        head = f"Transaction set {self.control_number or '(whole group ' + self.group_control_number + ')'}: " \
               f"{self.status.value}"
        return "; ".join([head, *(e.message for e in self.errors)])


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _status(code: str, seg: Segment) -> AckStatus:
    try:
        return _STATUS[code]
    except KeyError:
        raise X12SyntaxError(f"'{code}' is not an acknowledgement code (A, E, P, R, M, W or X) in {seg.id}.",
                             seg.number) from None


@dataclass
class _Open:
    ak2: Segment
    group: str
    errors: list[AckError] = field(default_factory=list)
    segment: Segment | None = None  # the current IK3


def _segment_error(ik3: Segment) -> AckError:
    seg_id, code = ik3.get(1), ik3.get(4)
    position = _int(ik3.get(2))
    where = f"{seg_id} segment" + (f" (segment {position} of the set" if position else "") + \
            (f", loop {ik3.get(3)})" if ik3.get(3) and position else (")" if position else ""))
    what = SEGMENT_ERRORS.get(code, f"error code {code}")
    return AckError(seg_id, position, ik3.get(3), code, f"{where}: {what}")


def _element_error(ik3: Segment | None, ik4: Segment, seps: Separators, ctx: str) -> AckError:
    if ik3 is None:
        raise X12SyntaxError("IK4 comes without the IK3 segment it belongs to.", ik4.number)
    parts = ik4.get(1).split(seps.component)
    element = _int(parts[0]) if parts else None
    component = _int(parts[1]) if len(parts) > 1 else None
    seg_id, position = ik3.get(1), _int(ik3.get(2))
    name = f"{seg_id}{element:02d}" if element is not None else seg_id
    if component is not None:
        name += f"-{component}"
    code, value = ik4.get(3), ik4.get(4)
    what = ELEMENT_ERRORS.get(code, f"error code {code}")
    at = f" (segment {position} of the set" + (f", loop {ik3.get(3)})" if ik3.get(3) else ")") if position else ""
    message = f"{name}{at}: {what}" + (f" ('{value}')" if value else "")
    return AckError(seg_id, position, ik3.get(3), code, message, element, component, ik4.get(2), value, ctx)


def read_999(text: str) -> list[SetAck]:
    """Every transaction set acknowledged in a 999 interchange, in file order."""
    seps, segs = tokenize(text)
    acks: list[SetAck] = []
    group = ""
    in_999 = False
    current: _Open | None = None
    named_in_group = 0
    pending_ctx = ""
    for seg in segs:
        sid = seg.id
        if sid == "ST":
            in_999 = seg.get(1) == "999"
            if not in_999:
                raise X12SyntaxError(f"This is a {seg.get(1) or 'unknown'} transaction set, not a 999 "
                                     "acknowledgement.", seg.number)
            group, named_in_group, current = "", 0, None
        elif not in_999:
            continue
        elif sid == "AK1":
            group = seg.get(2)
        elif sid == "AK2":
            if current is not None:
                raise X12SyntaxError("AK2 starts a new set before the previous one ended with IK5.", seg.number)
            current = _Open(seg, group)
            pending_ctx = ""
        elif sid == "IK3":
            if current is None:
                raise X12SyntaxError("IK3 comes outside an AK2 ... IK5 block.", seg.number)
            current.segment = seg
            current.errors.append(_segment_error(seg))
            pending_ctx = ""
        elif sid == "CTX":
            pending_ctx = seg.get(1)
            if current is not None and current.errors and current.segment is not None:
                last = current.errors[-1]
                current.errors[-1] = AckError(last.segment_id, last.segment_position, last.loop_id, last.code,
                                              last.message + f" [{pending_ctx}]", last.element_position,
                                              last.component_position, last.element_reference, last.bad_value,
                                              pending_ctx)
        elif sid == "IK4":
            if current is None:
                raise X12SyntaxError("IK4 comes outside an AK2 ... IK5 block.", seg.number)
            element_error = _element_error(current.segment, seg, seps, pending_ctx)
            # the element error says more than its IK3 "segment has data element errors": replace that one
            if current.errors and current.errors[-1].element_position is None and \
                    current.errors[-1].code == "8" and current.segment is not None and \
                    current.errors[-1].segment_position == _int(current.segment.get(2)):
                current.errors[-1] = element_error
            else:
                current.errors.append(element_error)
        elif sid == "IK5":
            if current is None:
                raise X12SyntaxError("IK5 comes without the AK2 it closes.", seg.number)
            status = _status(seg.get(1), seg)
            errors = list(current.errors)
            for code in seg.elements[1:6]:
                if code and code != "5" and code != "I5":
                    errors.append(AckError("", None, "", code, SET_ERRORS.get(code, f"set error code {code}")))
            acks.append(SetAck(current.ak2.get(2), status, current.ak2.get(1), current.group, current.ak2.get(3),
                               tuple(errors)))
            named_in_group += 1
            current = None
        elif sid == "AK9":
            if current is not None:
                raise X12SyntaxError("AK9 comes before the IK5 that closes the last AK2.", seg.number)
            status = _status(seg.get(1), seg)
            if named_in_group == 0:
                group_errors = tuple(AckError("", None, "", code, GROUP_ERRORS.get(code, f"group error code {code}"))
                                     for code in seg.elements[4:9] if code)
                acks.append(SetAck("", status, "", group, "", group_errors, whole_group=True))
        elif sid == "SE":
            if current is not None:
                raise X12SyntaxError("The 999 ends (SE) inside an AK2 block without its IK5.", seg.number)
            in_999 = False
    if not any(s.id == "ST" for s in segs):
        raise X12SyntaxError("The interchange holds no transaction set.", len(segs))
    return acks
