"""The descriptive difference-in-differences table."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frenchtech.labels.effect import compare

KINDS = {"A": "metropole", "B": "metropole", "C": "metropole", "D": "communaute_urbaine"}


def test_difference_in_differences_by_kind_and_grant_year():
    rows = [
        ("A", 2014, 10.0), ("A", 2015, 20.0), ("A", 2016, 30.0),
        ("B", 2014, 5.0), ("B", 2015, 6.0), ("B", 2016, 7.0),
        ("C", 2014, 7.0), ("C", 2015, 8.0), ("C", 2016, None),
        ("D", 2014, 1.0), ("D", 2015, 1.0),
        ("Z", 2014, 999.0),  # a communauté de communes: not compared
    ]  # fmt: skip
    [row] = compare(rows, KINDS, {"A": 2015})
    assert (row.kind, row.grant_year, row.labelled_count, row.comparison_count) == (
        "metropole", 2015, 1, 2,
    )  # fmt: skip
    assert (row.labelled_before, row.labelled_after) == (10.0, 25.0)
    assert (row.comparison_before, row.comparison_after) == (6.0, 7.0)
    assert row.difference_in_differences == pytest.approx(15.0 - 1.0)


def test_no_year_after_the_grant_gives_no_difference():
    [row] = compare([("A", 2014, 1.0), ("B", 2014, 2.0)], KINDS, {"A": 2020})
    assert row.labelled_after is None
    assert row.difference_in_differences is None


def test_no_label_no_row():
    assert compare([("A", 2014, 1.0)], KINDS, {}) == []


@given(st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(2010, 2020), st.floats(0, 1e4))))
def test_adding_a_constant_to_every_value_leaves_the_difference_unchanged(rows):
    shifted = [(code, year, value + 100.0) for code, year, value in rows]
    for a, b in zip(
        compare(rows, KINDS, {"A": 2015}), compare(shifted, KINDS, {"A": 2015}), strict=True
    ):
        if a.difference_in_differences is None:
            assert b.difference_in_differences is None
        else:
            assert b.difference_in_differences == pytest.approx(
                a.difference_in_differences, abs=1e-6
            )
