from hypothesis import given
from hypothesis import strategies as st

from frenchtech.observatory.ranking import RankedTerritory, competition_ranks, rank_territories


def test_ties_share_the_best_rank_and_the_next_rank_skips():
    ranks, _ = competition_ranks([10, 30, 30, 5])
    assert ranks == [3, 1, 1, 4]


def test_mean_percentiles_count_ties_as_half():
    _, percentiles = competition_ranks([1, 2, 2, 3])
    assert percentiles == [12.5, 50.0, 50.0, 87.5]


def test_territories_without_a_value_are_listed_last_and_unranked():
    rows = rank_territories(
        [
            RankedTerritory("a", "A", None),
            RankedTerritory("b", "B", 2.0),
            RankedTerritory("c", "C", 5.0),
        ]
    )
    assert [(r.code, r.rank) for r in rows] == [("c", 1), ("b", 2), ("a", None)]


def test_metropoles_are_also_ranked_among_themselves():
    rows = rank_territories(
        [
            RankedTerritory("a", "A", 9.0),
            RankedTerritory("m1", "M1", 5.0, is_metropole=True),
            RankedTerritory("m2", "M2", 7.0, is_metropole=True),
        ]
    )
    by_code = {r.code: r for r in rows}
    assert (by_code["m2"].rank, by_code["m2"].metropole_rank) == (2, 1)
    assert by_code["a"].metropole_rank is None


@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=60))
def test_a_higher_value_never_ranks_worse_and_percentiles_stay_within_0_100(values):
    ranks, percentiles = competition_ranks(values)
    for i, value_i in enumerate(values):
        assert 0 <= percentiles[i] <= 100
        for j, value_j in enumerate(values):
            if value_i > value_j:
                assert ranks[i] < ranks[j]
                assert percentiles[i] > percentiles[j]
            if value_i == value_j:
                assert ranks[i] == ranks[j]
