"""The prefixes the practice server gives workstations: readable, in order, all different, never three letters
(the length of the random prefix a workstation numbers with before it is enrolled)."""

from __future__ import annotations

import pytest

from medbill_desktop.domain.ids import (
    assigned_workstation_prefix,
    check_workstation_prefix,
    human_number,
    random_workstation_prefix,
)


def test_the_first_prefixes_are_two_letters_in_order_then_four() -> None:
    assert [assigned_workstation_prefix(n) for n in (1, 2, 24, 25, 576, 577, 578)] == \
        ["AA", "AB", "AZ", "BA", "ZZ", "AAAA", "AAAB"]
    assert human_number(assigned_workstation_prefix(2), 42) == "AB000042"


def test_every_prefix_is_valid_different_and_never_one_a_workstation_makes_at_random() -> None:
    made = [assigned_workstation_prefix(n) for n in range(1, 5001)]
    assert len(set(made)) == len(made)
    for p in made:
        assert check_workstation_prefix(p) == p and len(p) in (2, 4) and p.isalpha()
        assert "I" not in p and "O" not in p
    assert all(len(random_workstation_prefix()) == 3 for _ in range(50))


def test_there_is_no_prefix_zero_and_an_end() -> None:
    with pytest.raises(ValueError):
        assigned_workstation_prefix(0)
    assert assigned_workstation_prefix(576 + 24**4) == "ZZZZ"
    with pytest.raises(ValueError, match="all"):
        assigned_workstation_prefix(576 + 24**4 + 1)
