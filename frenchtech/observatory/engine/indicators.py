"""The indicator queries: one portable SELECT per file of `sql/`, each defining the relation
named after its file, run in this order over the staged relations.

Portability rules (so the same text runs on DuckDB and Spark SQL ≥ 3.4):
* one SELECT per file, no DDL: the runner names the result (DuckDB: CREATE TEMP TABLE;
  Spark: createOrReplaceTempView);
* identifiers unquoted (official names are plain ASCII), string literals in single quotes;
* only functions both engines have natively: COUNT, SUM, MIN, MAX, COALESCE, NULLIF, CASE,
  CAST, EXTRACT(YEAR FROM ...), POWER, UPPER, LOWER, REPLACE, LPAD, TRY_CAST; plus
  `add_months`, native to Spark and given to DuckDB by the shim below;
* no DuckDB-only syntax (`::`, GROUP BY ALL, QUALIFY, EXCLUDE, list or struct functions),
  no generate_series/explode: a `calendar_years` relation is supplied instead;
* run parameters (stock date) come from the one-row relation `run_parameters`, never from
  string templating.
"""

from importlib import resources

QUERY_ORDER = (
    "commune_resolution",
    "communes",
    "territories",
    "company_ceasing_dates",
    "digital_companies",
    "digital_establishments",
    "located_funding_rounds",
    "located_events",
    "located_programmes",
    "commune_facts",
    "territory_counts",
    "indicator_values",
    "published_indicators",
)

# DuckDB lacks Spark's add_months; the macro keeps Spark's end-of-month clamping
# (2012-02-29 + 36 months = 2015-02-28).
DUCKDB_DIALECT_SHIM = (
    "CREATE OR REPLACE TEMP MACRO add_months(d, n) AS CAST(d + to_months(n) AS DATE)",
)

# Constructs the portability rules forbid in the indicator queries (checked by the tests).
NON_PORTABLE_CONSTRUCTS = (
    "::",
    "GROUP BY ALL",
    "QUALIFY",
    "EXCLUDE",
    "generate_series",
    "strptime",
    "regexp_",
    "list_",
    "struct_",
    '"',
)


def query_text(name: str) -> str:
    """The SQL text of relation `name`."""
    return resources.files(__package__).joinpath("sql", f"{name}.sql").read_text("utf-8")


def queries() -> list[tuple[str, str]]:
    """(relation name, SQL text) in the order they run."""
    return [(name, query_text(name)) for name in QUERY_ORDER]
