"""The 999 reader, with small acknowledgements written by hand per 005010X231A1 and one written by pyx12."""

from __future__ import annotations

import io

import pytest

from medbill_desktop.edi.ack999 import AckStatus, read_999
from medbill_desktop.edi.x12 import X12SyntaxError

ISA = "ISA*00*          *00*          *ZZ*ACMECH         *ZZ*MAPLE01        *261103*0915*^*00501*000000777*0*P*:~"

ACCEPTED = ISA + """
GS*FA*ACMECH*MAPLE01*20261103*0915*501*X*005010X231A1~
ST*999*0001*005010X231A1~
AK1*HC*17*005010X222A1~
AK2*837*0009*005010X222A1~
IK5*A~
AK9*A*1*1*1~
SE*6*0001~
GE*1*501~
IEA*1*000000777~
"""

REJECTED = ISA + """
GS*FA*ACMECH*MAPLE01*20261103*0915*502*X*005010X231A1~
ST*999*0002*005010X231A1~
AK1*HC*18*005010X222A1~
AK2*837*0010*005010X222A1~
IK3*NM1*22*2010BA*8~
CTX*CLM01:C26000101~
IK4*9*67*7*XX~
IK4*3*1035*1~
IK3*DMG*25*2010BA*3~
IK5*R*5~
AK9*R*1*1*0~
SE*12*0002~
GE*1*502~
IEA*1*000000777~
"""

# two sets, one accepted with errors, one rejected; the group partially accepted. Other separators: | and >
PARTIAL = ("ISA|00|          |00|          |ZZ|ACMECH         |ZZ|MAPLE01        |261103|0915|!|00501|000000778|0|P|>\n"
           "GS|FA|ACMECH|MAPLE01|20261103|0915|503|X|005010X231A1\n"
           "ST|999|0003|005010X231A1\n"
           "AK1|HC|19|005010X222A1\n"
           "AK2|837|0011|005010X222A1\n"
           "IK3|REF|14|2300|I9\n"
           "IK5|E|I5\n"
           "AK2|837|0012|005010X222A1\n"
           "IK3|SV1|31|2400|8\n"
           "IK4|1>2|235|7|ZZ\n"
           "IK5|R|I5\n"
           "AK9|P|2|2|1\n"
           "SE|11|0003\n"
           "GE|1|503\n"
           "IEA|1|000000778\n")

GROUP_REJECTED = ISA + """
GS*FA*ACMECH*MAPLE01*20261103*0915*504*X*005010X231A1~
ST*999*0004*005010X231A1~
AK1*HC*20*005010X222A1~
AK9*R*1*0*0*2~
SE*4*0004~
GE*1*504~
IEA*1*000000777~
"""


def test_accepted_set() -> None:
    (ack,) = read_999(ACCEPTED)
    assert ack.control_number == "0009" and ack.group_control_number == "17" and ack.transaction_set == "837"
    assert ack.status is AckStatus.ACCEPTED and ack.accepted and ack.errors == ()


def test_rejected_set_errors_in_plain_words() -> None:
    (ack,) = read_999(REJECTED)
    assert ack.control_number == "0010" and ack.status is AckStatus.REJECTED and not ack.accepted
    first, second, third = ack.errors
    assert (first.segment_id, first.segment_position, first.loop_id, first.element_position,
            first.element_reference, first.code, first.bad_value) == ("NM1", 22, "2010BA", 9, "67", "7", "XX")
    assert first.message == "NM109 (segment 22 of the set, loop 2010BA): the code is not valid ('XX')"
    assert first.context == "CLM01:C26000101"
    assert second.message == "NM103 (segment 22 of the set, loop 2010BA): a required element is missing"
    assert third.message == "DMG segment (segment 25 of the set, loop 2010BA): a required segment is missing"
    assert "rejected" in ack.summary() and "NM109" in ack.summary()


def test_partially_accepted_group_with_other_separators() -> None:
    first, second = read_999(PARTIAL)
    assert (first.control_number, first.status, first.accepted) == ("0011", AckStatus.ACCEPTED_WITH_ERRORS, True)
    assert first.errors[0].message == ("REF segment (segment 14 of the set, loop 2300): a segment the "
                                       "implementation guide does not use in this situation is present")
    assert (second.control_number, second.status) == ("0012", AckStatus.REJECTED)
    err = second.errors[0]
    assert (err.element_position, err.component_position, err.element_reference) == (1, 2, "235")
    assert err.message.startswith("SV101-2 (segment 31 of the set, loop 2400): the code is not valid")


def test_whole_group_rejected_without_sets() -> None:
    (ack,) = read_999(GROUP_REJECTED)
    assert ack.whole_group and ack.group_control_number == "20" and ack.status is AckStatus.REJECTED
    assert ack.errors[0].message == "the functional group version is not supported"


def test_a_999_written_by_pyx12_for_a_broken_837() -> None:
    pyx12_params = pytest.importorskip("pyx12.params")
    x12n = pytest.importorskip("pyx12.x12n_document")
    from test_edi_837p import CLEARINGHOUSE, CONTROL, NOW, SIMPLE, claim

    from medbill_desktop.edi.claim837 import write_837p
    text = write_837p([claim(SIMPLE)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    broken = text.replace("SV1*HC:82947*18*UN*1", "SV1*HC:82947*18*XX*1")
    fd_999 = io.StringIO()
    assert not x12n.x12n_document(param=pyx12_params.params(), src_file=io.StringIO(broken), fd_997=fd_999,
                                  fd_html=None, fd_xmldoc=None)
    (ack,) = read_999(fd_999.getvalue())
    assert ack.control_number == "0009" and ack.status is AckStatus.REJECTED
    assert any(e.segment_id == "SV1" and e.element_position == 3 and "code is not valid" in e.message
               for e in ack.errors), ack.errors
    fd_ok = io.StringIO()
    assert x12n.x12n_document(param=pyx12_params.params(), src_file=io.StringIO(text), fd_997=fd_ok,
                              fd_html=None, fd_xmldoc=None)
    (ok,) = read_999(fd_ok.getvalue())
    assert ok.control_number == "0009" and ok.status is AckStatus.ACCEPTED


@pytest.mark.parametrize(("text", "message"), [
    ("hello", "Segment 1: The file does not start with an ISA segment"),
    (ISA + "GS*FA*A*B*20261103*0915*1*X*005010X231A1~ST*999*0001~AK1*HC*1~IK4*1*66*7~", "no IEA trailer"),
    (ISA + "GS*FA*A*B*20261103*0915*1*X*005010X231A1~ST*999*0001~AK1*HC*1~IK4*1*66*7~SE*4*0001~GE*1*1~"
     "IEA*1*000000777~", "Segment 5: IK4 comes outside an AK2"),
    (ISA + "GS*FA*A*B*20261103*0915*1*X*005010X231A1~ST*999*0001~AK1*HC*1~AK2*837*0001~IK5*Q~SE*5*0001~GE*1*1~"
     "IEA*1*000000777~", "Segment 6: 'Q' is not an acknowledgement code"),
    (ISA + "GS*FA*A*B*20261103*0915*1*X*005010X231A1~ST*999*0001~AK1*HC*1~AK2*837*0001~AK9*A*1*1*1~SE*5*0001~"
     "GE*1*1~IEA*1*000000777~", "Segment 6: AK9 comes before the IK5"),
    (ISA + "GS*HC*A*B*20261103*0915*1*X*005010X222A1~ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000777~",
     "Segment 3: This is a 837 transaction set, not a 999"),
    (ISA + "GS*FA*A*B~ST*999*0001~a b*1~SE*2*0001~GE*1*1~IEA*1*000000777~", "Segment 4: 'a b' is not a segment"),
])
def test_malformed_files_name_the_segment(text: str, message: str) -> None:
    with pytest.raises(X12SyntaxError, match=message):
        read_999(text)


def test_an_isa_without_a_component_separator_is_a_syntax_error_at_segment_1() -> None:
    import pytest

    from medbill_desktop.edi.x12 import X12SyntaxError, tokenize

    good = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261122*1200*^*00501*000000001*0*T*:~"
    # ISA15 two characters too long: the 106th character is the separator where ISA16 should be
    text = good[:-4] + "TTT*" + ":~GS*X~"
    with pytest.raises(X12SyntaxError, match="no component separator") as raised:
        tokenize(text)
    assert raised.value.segment_number == 1
