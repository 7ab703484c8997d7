"""How each raw value becomes a typed one, in plain SQL both engines run (staging.py, and
Spark after spark/staging.py's rewrites): the typed expression of a column, the condition
under which its value is malformed, and the masked values of partially diffusible units.

A value is masked when it is exactly MASKED_VALUE (`[ND]`), in a file of the SIRENE kinds
(schema.MASKABLE_KINDS): INSEE writes it in place of the fields of units under partial
diffusion (`statutDiffusion…` = `P`). A masked value is unknown: its typed value is NULL, it
is never malformed, and the staging passes count it by column (`masked`, a bit per column).
Elsewhere (funding rounds, events, programmes) `[ND]` is an ordinary value.
"""

import datetime as dt
import re
from dataclasses import dataclass

from frenchtech.observatory.engine.schema import MASKED_VALUE, READ_COLUMNS

# What a value must look like, per rule; also used to word rejections.
RULE_DESCRIPTIONS = {
    "siren": "malformed SIREN (expected 9 digits)",
    "nic": "malformed NIC (expected 5 digits)",
    "date": "malformed date (expected YYYY-MM-DD, a real day)",
    "required_date": "missing or malformed date (expected YYYY-MM-DD, a real day)",
    "boolean": "malformed boolean (expected true or false)",
    "integer": "malformed integer",
    "decimal": "malformed decimal number",
}

_DATE_SHAPE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


@dataclass(frozen=True)
class TypedColumn:
    """How one input column becomes a typed value: the SQL expression of the typed value,
    and the SQL condition under which the raw value is malformed."""

    typed: str
    malformed: str


def typed_column(name: str, rule: str, physical: str, maskable: bool = False) -> TypedColumn:
    """The typed expression and malformed condition of column `name` under `rule`, given
    the physical family of the column (`text` for CSV; Parquet may carry typed columns).
    With `maskable`, a masked text value is typed NULL and is not malformed."""
    if physical == "text":
        column = _typed_from_text(name, rule)
        return _unless_masked(name, column) if maskable else column
    # Typed Parquet columns (they cannot hold `[ND]`): dates as DATE, booleans as BOOLEAN,
    # counts as integers.
    if rule in ("date", "required_date") and physical == "date":
        missing = f"{name} IS NULL" if rule == "required_date" else "FALSE"
        return TypedColumn(f"CAST({name} AS DATE)", missing)
    if rule == "boolean" and physical == "boolean":
        return TypedColumn(name, "FALSE")
    if rule == "siren" and physical == "integer":
        return TypedColumn(
            f"CAST({name} AS INTEGER)", f"({name} IS NULL OR {name} < 0 OR {name} > 999999999)"
        )
    if rule == "nic" and physical == "integer":
        return TypedColumn(f"CAST({name} AS INTEGER)", f"({name} < 0 OR {name} > 99999)")
    if rule == "integer" and physical == "integer":
        return TypedColumn(f"CAST({name} AS BIGINT)", "FALSE")
    if rule == "decimal" and physical in ("integer", "number"):
        return TypedColumn(f"CAST({name} AS DECIMAL(18,2))", "FALSE")
    # Any other combination: compare as text, with the text rule.
    raw = f"CAST({name} AS VARCHAR)"
    column = _typed_from_text(raw, rule)
    return _unless_masked(raw, column) if maskable else column


def is_masked(raw: str) -> str:
    """SQL: is this raw value the mark of a masked field?"""
    return f"({raw} = '{MASKED_VALUE}')"


def _unless_masked(raw: str, column: TypedColumn) -> TypedColumn:
    # The typed value of the mark is NULL already (TRY_CAST of '[ND]', no boolean spelling);
    # text columns keep the raw value, which the staging SQL tests for the mark itself.
    if column.malformed == "FALSE":
        return column
    # Tested after the rule, so only on malformed-looking values; `raw IS NULL OR` because a
    # NULL would make `raw <> '[ND]'` NULL and hide a missing value.
    not_masked = f"({raw} IS NULL OR {raw} <> '{MASKED_VALUE}')"
    return TypedColumn(column.typed, f"({column.malformed} AND {not_masked})")


def masked_bits(kind: str, column_types: dict[str, str]) -> str:
    """SQL: an integer with bit i set when the i-th read column (schema.READ_COLUMNS order)
    holds a masked value; 0 for a row without any. Only text columns can hold the mark.
    The bits are summed only for rows that hold a mark (a chain of comparisons first):
    measured on 10 M establishments, a third of the cost of summing them for every row."""
    names = [
        (position, name)
        for position, name in enumerate(READ_COLUMNS[kind])
        if column_types.get(name, "text") == "text"
    ]
    if not names:
        return "0"
    any_masked = " OR ".join(is_masked(name) for _, name in names)
    bits = " + ".join(
        f"CASE WHEN {is_masked(name)} THEN {1 << position} ELSE 0 END" for position, name in names
    )
    return f"CASE WHEN {any_masked} THEN {bits} ELSE 0 END"


def masked_columns(kind: str, bits: int) -> list[str]:
    """The read columns whose bit is set in `bits` (see masked_bits)."""
    return [name for position, name in enumerate(READ_COLUMNS[kind]) if bits >> position & 1]


def masked_bit(kind: str, name: str) -> int:
    """The bit of read column `name` in masked_bits."""
    return 1 << list(READ_COLUMNS[kind]).index(name)


def processing_text(name: str | None, physical: str) -> str:
    """SQL: a `dateDernierTraitement…` value as text when it begins with a digit (INSEE
    writes `2024-01-01T03:22:34`), else NULL; NULL when the column is absent.

    Only its latest value matters (it dates the extraction), and ISO dates and times sort as
    text in time order: the staging passes keep the greatest text (MAX, cheap), and
    processing_day tells afterwards whether it is a real day. Testing every value's shape
    and day instead cost a fifth of the establishment pass's SQL (measured on 10 M rows).
    Text beginning otherwise (`[ND]`, letters) sorts above digits: it is left out."""
    if name is None:
        return "CAST(NULL AS VARCHAR)"
    raw = name if physical == "text" else f"CAST({name} AS VARCHAR)"
    return f"CASE WHEN {raw} < ':' THEN {raw} END"


def processing_day(text: str | None):
    """The day of a processing date's text (see processing_text), or None if it has no
    `YYYY-MM-DD` day at its start."""
    if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def shape_match(raw: str, pattern: str) -> str:
    """SQL: does the whole of `raw` have the shape `pattern`, a GLOB pattern made of `[0-9]`
    (one ASCII digit) and `-` only? spark/staging.py rewrites it for Spark (RLIKE)."""
    return f"({raw} GLOB '{pattern}')"


def _typed_from_text(raw: str, rule: str) -> TypedColumn:
    # Digits and dates: the shape by GLOB (a whole-value match of ASCII digits, exact), then,
    # for dates, a real day by the cast. Measured on 10 M rows, this costs a fraction of
    # comparing each value with the canonical text of its cast (formatting every value back
    # to text): DuckDB's casts alone are lenient (signs, spaces, '_', '.', hex, exponents;
    # '2015-2-3', 'epoch', BC dates), so they only give the typed value.
    # CSV empty fields arrive as NULL; Parquet may hold '' instead, hence `present`.
    present = f"({raw} IS NOT NULL AND {raw} <> '')"
    if rule == "text":
        return TypedColumn(raw, "FALSE")
    if rule in ("siren", "nic"):
        width = 9 if rule == "siren" else 5
        typed = f"TRY_CAST({raw} AS INTEGER)"
        broken = f"NOT {shape_match(raw, '[0-9]' * width)}"
        if rule == "siren":
            return TypedColumn(typed, f"(NOT {present} OR {broken})")
        return TypedColumn(typed, f"({present} AND {broken})")
    if rule in ("date", "required_date"):
        typed = f"TRY_CAST({raw} AS DATE)"
        # Year 0000 has the shape and casts (to 1 BC), but is no day of the Gregorian years.
        broken = (
            f"(NOT {shape_match(raw, _DATE_SHAPE)} OR {typed} IS NULL "
            f"OR {typed} < DATE '0001-01-01')"
        )
        if rule == "required_date":
            return TypedColumn(typed, f"(NOT {present} OR {broken})")
        return TypedColumn(typed, f"({present} AND {broken})")
    if rule == "boolean":
        lowered = f"LOWER({raw})"
        return TypedColumn(
            f"CASE WHEN {lowered} = 'true' THEN TRUE WHEN {lowered} = 'false' THEN FALSE END",
            f"({present} AND {lowered} NOT IN ('true', 'false'))",
        )
    if rule == "integer":
        typed = f"TRY_CAST({raw} AS BIGINT)"
        return TypedColumn(typed, f"({present} AND {typed} IS NULL)")
    if rule == "decimal":
        typed = f"TRY_CAST({raw} AS DECIMAL(18,2))"
        return TypedColumn(typed, f"(NOT {present} OR {typed} IS NULL)")
    raise ValueError(f"unknown value rule {rule!r}")
