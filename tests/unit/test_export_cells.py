"""CSV cells that a spreadsheet would run as formulas are kept as text; numbers stay numbers."""

import pytest

from medbill_desktop.domain.exports import safe_cell


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1-555-0100", "'+1-555-0100"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-cmd", "'-cmd"),
    ("-12.34", "-12.34"),
    ("120.00", "120.00"),
    ("O'Brien, Mary", "O'Brien, Mary"),
    (None, ""),
    (42, "42"),
])
def test_safe_cell(value: object, cell: str) -> None:
    assert safe_cell(value) == cell
