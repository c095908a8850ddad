"""Identity: UUIDv7 keys that sort in creation order, human numbers that cannot collide."""

from __future__ import annotations

import time
import uuid

import pytest

from medbill_desktop.domain.ids import (
    check_workstation_prefix,
    human_number,
    new_id,
    random_workstation_prefix,
    uuid7,
)


def test_uuid7_sets_the_version_and_variant_bits() -> None:
    before = time.time_ns() // 1_000_000
    u = uuid7()
    after = time.time_ns() // 1_000_000
    assert u.version == 7
    assert u.variant == uuid.RFC_4122
    assert before <= u.int >> 80 <= after + 1  # the first 48 bits are the Unix time in ms


def test_ten_thousand_ids_are_strictly_increasing_as_numbers_and_as_text() -> None:
    ids = [uuid7() for _ in range(10_000)]
    assert all(a.int < b.int for a, b in zip(ids, ids[1:], strict=False))
    texts = [str(u) for u in ids]
    assert texts == sorted(texts) and len(set(texts)) == len(texts)


def test_new_id_is_uuid_text() -> None:
    text = new_id()
    assert len(text) == 36 and uuid.UUID(text).version == 7


@pytest.mark.parametrize(("prefix", "sequence", "width", "number"), [
    ("KQD", 42, 6, "KQD000042"),
    ("AB", 1, 6, "AB000001"),
    ("W7X2", 1234567, 6, "W7X21234567"),
    ("KQD", 7, 3, "KQD007"),
])
def test_human_number(prefix: str, sequence: int, width: int, number: str) -> None:
    assert human_number(prefix, sequence, width) == number


@pytest.mark.parametrize("prefix", ["kqd", "1AB", "A", "ABCDE", "A-B", ""])
def test_bad_prefixes_are_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix"):
        check_workstation_prefix(prefix)
    with pytest.raises(ValueError):
        human_number(prefix, 1)


def test_sequence_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        human_number("KQD", 0)


def test_random_prefixes_avoid_letters_that_read_as_digits() -> None:
    prefixes = {random_workstation_prefix() for _ in range(500)}
    assert len(prefixes) > 400  # 13,824 choices: a few repeats at most
    for p in prefixes:
        assert check_workstation_prefix(p) == p and len(p) == 3
        assert "I" not in p and "O" not in p
