"""Activity codes the generator draws from, with weights.

Not the full NAF rév. 2 (732 sub-classes): the 25 digital sub-classes of the definitions and
about sixty of the most common others, weighted roughly as in the SIRENE stock (sole
traders in retail, construction, consulting and personal services dominate). The digital
share of companies is set apart (DIGITAL_SHARE). Companies whose current period began
before 2008 may still carry a code of an older nomenclature, as in the real stock.
"""

import numpy as np

DIGITAL_SHARE = 0.04

# Digital sub-classes (as defined) and relative weights: software and IT services lead.
DIGITAL_CODES = {
    "62.01Z": 30, "62.02A": 18, "62.09Z": 10, "63.12Z": 8, "62.03Z": 2, "62.02B": 2,
    "58.29C": 5, "58.29A": 1, "58.29B": 1, "58.21Z": 1, "63.11Z": 5, "95.11Z": 3,
    "95.12Z": 2, "46.51Z": 3, "46.52Z": 2, "61.10Z": 1, "61.20Z": 1, "61.30Z": 0.3,
    "61.90Z": 2, "26.11Z": 0.5, "26.12Z": 0.5, "26.20Z": 0.7, "26.30Z": 0.5,
    "26.40Z": 0.3, "26.80Z": 0.2,
}  # fmt: skip

OTHER_CODES = {
    "68.20A": 40, "68.20B": 60, "70.22Z": 45, "47.11B": 8, "47.91B": 18, "56.10A": 22,
    "56.10C": 14, "56.30Z": 12, "43.21A": 12, "43.22A": 10, "43.22B": 8, "43.31Z": 9,
    "43.32A": 10, "43.34Z": 12, "43.39Z": 12, "43.99C": 10, "41.20A": 8, "45.20A": 8,
    "49.32Z": 14, "49.41A": 7, "53.20Z": 9, "55.10Z": 5, "55.20Z": 6, "64.20Z": 30,
    "66.19B": 3, "69.10Z": 6, "69.20Z": 6, "71.11Z": 8, "71.12B": 10, "73.11Z": 6,
    "74.10Z": 10, "74.20Z": 6, "74.90B": 10, "77.11A": 2, "81.21Z": 9, "81.30Z": 8,
    "82.99Z": 9, "85.59A": 10, "85.59B": 12, "85.51Z": 5, "86.21Z": 9, "86.90D": 5,
    "86.90E": 8, "86.23Z": 3, "88.10B": 3, "90.01Z": 12, "90.03A": 6, "93.12Z": 3,
    "93.13Z": 3, "94.99Z": 45, "96.02A": 12, "96.02B": 10, "96.09Z": 12, "01.11Z": 8,
    "01.21Z": 6, "01.41Z": 4, "10.71C": 3, "47.73Z": 3, "47.71Z": 7, "47.81Z": 5,
    "47.89Z": 5, "46.90Z": 6, "46.19B": 5, "84.11Z": 4, "32.12Z": 2, "25.62B": 2,
}  # fmt: skip

# Codes of the nomenclatures before NAF rév. 2, for companies closed before 2008.
NAF_REV1_CODES = ("72.2Z", "74.1G", "70.2A", "52.4Z", "45.2B", "55.3A", "93.0D", "74.8K")
NAF1993_CODES = ("72.2Z", "74.1G", "70.2A", "52.4Z", "45.2B", "55.3A")
NAP_CODES = ("7701", "6511", "3320", "5511", "7011")


# One vocabulary of codes, drawn by index (fast at 44 M rows): NAF rév. 2 (digital first),
# then the older nomenclatures' codes.
REVISION_2_CODES = (*DIGITAL_CODES, *OTHER_CODES)
CODE_VOCABULARY = (*REVISION_2_CODES, *NAF_REV1_CODES, *NAF1993_CODES, *NAP_CODES)
UNDOTTED_VOCABULARY = tuple(code.replace(".", "") for code in CODE_VOCABULARY)
NOMENCLATURE_VOCABULARY = ("NAFRev2", "NAFRev1", "NAF1993", "NAP")
_DIGITAL_COUNT = len(DIGITAL_CODES)
_REV1_START = len(REVISION_2_CODES)
_NAF1993_START = _REV1_START + len(NAF_REV1_CODES)
_NAP_START = _NAF1993_START + len(NAF1993_CODES)


def is_digital_index(indices: np.ndarray) -> np.ndarray:
    """Whether vocabulary indices are digital NAF rév. 2 codes."""
    return indices < _DIGITAL_COUNT


def draw_activity_indices(
    rng: np.random.Generator, count: int, digital_share: float = DIGITAL_SHARE
) -> np.ndarray:
    """`count` indices of NAF rév. 2 codes in CODE_VOCABULARY, a `digital_share` digital."""
    digital = _weights(DIGITAL_CODES) * digital_share
    other = _weights(OTHER_CODES) * (1 - digital_share)
    weights = np.concatenate([digital, other])
    return _draw_indices(rng, weights, count)


def older_nomenclature(
    rng: np.random.Generator, period_start_years: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(nomenclature index, code index) for rows whose period began before 2008: NAFRev1
    mostly, NAF1993 before 2003, NAP before 1993."""
    count = len(period_start_years)
    nomenclature = np.full(count, 1, dtype=np.int8)
    codes = _REV1_START + rng.integers(0, len(NAF_REV1_CODES), count)
    before_2003 = (period_start_years < 2003) & (rng.random(count) < 0.4)
    nomenclature[before_2003] = 2
    codes[before_2003] = _NAF1993_START + rng.integers(0, len(NAF1993_CODES), before_2003.sum())
    before_1993 = (period_start_years < 1993) & (rng.random(count) < 0.5)
    nomenclature[before_1993] = 3
    codes[before_1993] = _NAP_START + rng.integers(0, len(NAP_CODES), before_1993.sum())
    return nomenclature, codes


def _weights(weighted: dict[str, float]) -> np.ndarray:
    weights = np.array(list(weighted.values()), dtype=float)
    return weights / weights.sum()


def _draw_indices(rng: np.random.Generator, weights: np.ndarray, count: int) -> np.ndarray:
    cumulative = np.cumsum(weights / weights.sum())
    return np.searchsorted(cumulative, rng.random(count), side="right").clip(0, len(weights) - 1)
