"""The one parser for numbers typed by the outside world."""

import pytest

from core.parsing import ascii_int


@pytest.mark.parametrize("value", ["²", "²⁰²¹", "①①①①", "٣", "١٢", "12a", "-1", " 1", "", None, "1" * 19])
def test_it_refuses_anything_but_ascii_digits(value):
    assert ascii_int(value) is None


def test_it_reads_ascii_digits():
    assert ascii_int("2021") == 2021
    assert ascii_int("007") == 7
    assert ascii_int("123456", max_digits=5) is None
