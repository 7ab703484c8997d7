"""The one error the evaluation engine raises for input it cannot evaluate.

Each error has a stable `code` and the `details` that make its message precise, so that a
screen can say it in the user's language (the Django side translates by code) while the
engine stays free of Django and says it in English.
"""

# code → English message template (the screens translate these by code).
MESSAGES = {
    "too_few_groups": (
        "at least two groups are needed (labelled EPCI and a comparison group); found {count}"
    ),
    "no_treated_group": "no labelled EPCI in the panel: there is nothing to evaluate",
    "label_outside_panel": (
        "EPCI {unit} was first labelled in {year}, outside the panel's years "
        "{first}–{last} (a label needs at least one year before it in the panel)"
    ),
    "no_variation": "the indicator takes the same value everywhere: there is nothing to compare",
    "missing_year": "the panel has no value for year {year} ({first}–{last} expected)",
    "too_few_years": "the indicator is observed in {count} year(s): a panel needs two or more",
    "negative_values": (
        "the relative scale needs values of zero or more; EPCI {unit} has {value} in {year}"
    ),
    "no_comparison_unit": "no comparison EPCI is left once the labelled ones are set apart",
    "zero_base": (
        "the labelled EPCI's mean is zero in a year the relative scale compares with: "
        "no proportional effect can be estimated"
    ),
}


class EvaluationInputError(ValueError):
    """A panel the engine cannot evaluate; `code` is one of `MESSAGES`."""

    def __init__(self, code: str, **details):
        self.code = code
        self.details = details
        super().__init__(MESSAGES[code].format(**details))
