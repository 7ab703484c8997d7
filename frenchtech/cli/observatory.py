"""`frenchtech observatory …`: generate a synthetic registry, run the indicators and publish
them, print published indicators."""

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

from frenchtech.cli.errors import CommandError
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.schema import INDICATORS, LEVELS
from frenchtech.settings.directories import observatory_directory

OUTPUT_COLUMNS = (
    "territory_level",
    "territory_code",
    "territory_name",
    "year",
    "indicator",
    "value",
)

# The web application's store by default: the same variables, resolved by the same function.
STORE_HELP = (
    "snapshot store directory (default: FRENCHTECH_OBSERVATORY_DIR, else "
    "FRENCHTECH_VAR_DIR/observatory, as the web application)"
)


def register(subparsers) -> None:
    """Add `observatory` and its sub-commands to the `frenchtech` parser."""
    parser = subparsers.add_parser("observatory", help="indicators of digital ecosystems")
    commands = parser.add_subparsers(dest="observatory_command", required=True)

    generate = commands.add_parser("generate", help="write a synthetic SIRENE registry")
    generate.add_argument("--companies", type=_positive, default=100_000)
    generate.add_argument("--establishments", type=_positive, default=None)
    generate.add_argument("--seed", type=int, default=2013)
    generate.add_argument("--format", choices=("csv", "csv.zip", "parquet"), default="csv")
    generate.add_argument("--malformed", type=_not_negative, default=0, metavar="K")
    generate.add_argument(
        "--partially-diffusible",
        type=_not_negative,
        default=0,
        metavar="K",
        help="companies under partial diffusion, with [ND] in masked fields",
    )
    generate.add_argument("--stock-date", type=_date, default=None)
    generate.add_argument("--territories", type=Path, default=None, help="reference directory")
    generate.add_argument("--out", type=Path, required=True)
    generate.set_defaults(handler=_generate)

    run = commands.add_parser("run", help="compute the indicators and publish a snapshot")
    run.add_argument("files", nargs="+", type=Path, help="input files, in any order")
    run.add_argument("--stock-date", type=_date, default=None)
    run.add_argument("--territories", type=Path, default=None, help="reference directory")
    run.add_argument("--max-rejected", type=_not_negative, default=0, metavar="N")
    run.add_argument("--memory-limit", default="3GB")
    run.add_argument(
        "--threads", type=_positive, default=None, help="threads (default: every core)"
    )
    run.add_argument("--store", type=Path, default=None, help=STORE_HELP)
    run.set_defaults(handler=_run)

    show = commands.add_parser("indicators", help="print indicators of the latest snapshot")
    show.add_argument("--level", choices=LEVELS, required=True)
    show.add_argument("--year", type=int, default=None)
    show.add_argument("--indicator", choices=tuple(INDICATORS), default=None)
    show.add_argument("--territory", default=None, help="a territory code")
    show.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
    show.add_argument("--output", type=Path, default=None)
    show.add_argument("--store", type=Path, default=None, help=STORE_HELP)
    show.set_defaults(handler=_indicators)


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return value


def _not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD") from error


def _generate(args) -> int:
    from frenchtech.observatory.engine.generator import DEFAULT_STOCK_DATE, generate_registry

    try:
        generated = generate_registry(
            args.out,
            companies=args.companies,
            establishments=args.establishments,
            seed=args.seed,
            file_format=args.format,
            malformed=args.malformed,
            partially_diffusible=args.partially_diffusible,
            reference_directory=args.territories,
            stock_date=args.stock_date or DEFAULT_STOCK_DATE,
            progress=True,
        )
    except (InputError, ValueError) as error:
        raise CommandError(str(error)) from error
    for path in generated.paths():
        print(path)
    return 0


def _run(args) -> int:
    from frenchtech.observatory.engine.compute import run_engine
    from frenchtech.observatory.engine.snapshots import SnapshotStore

    store = SnapshotStore(args.store or observatory_directory())
    try:
        result = run_engine(
            args.files,
            reference_directory=args.territories,
            stock_date=args.stock_date,
            max_rejected_rows=args.max_rejected,
            work_directory=store.work_directory(),
            memory_limit=args.memory_limit,
            threads=args.threads,
            progress=True,
        )
    except InputError as error:
        raise CommandError(str(error)) from error
    snapshot = store.publish(result)
    synthetic = " (SYNTHETIC inputs)" if result.synthetic else ""
    print(
        f"published snapshot {snapshot.id}: {result.indicators.num_rows} values, "
        f"stock date {result.stock_date.isoformat()}{synthetic}"
    )
    print(snapshot.path)
    return 0


def _indicators(args) -> int:
    from frenchtech.observatory.engine.snapshots import SnapshotError, SnapshotStore

    store = SnapshotStore(args.store or observatory_directory())
    try:
        if store.latest() is None:
            raise CommandError(
                f"no published snapshot in {store.directory}: run `observatory run` first"
            )
        table = store.read_indicators(
            level=args.level, year=args.year, indicator=args.indicator, territory=args.territory
        ).select(list(OUTPUT_COLUMNS))
    except SnapshotError as error:
        raise CommandError(f"the snapshot store is broken: {error}") from error
    if args.format == "parquet":
        if args.output is None:
            raise CommandError("--format parquet needs --output FILE")
        import pyarrow.parquet as pq

        pq.write_table(table, args.output)
        return 0
    rows = [_typed_row(row) for row in table.to_pylist()]
    handle = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "json":
            json.dump(rows, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        else:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(OUTPUT_COLUMNS)
            for row in rows:
                writer.writerow([_text(row[column], row["indicator"]) for column in OUTPUT_COLUMNS])
    finally:
        if args.output:
            handle.close()
    return 0


def _typed_row(row: dict) -> dict:
    if INDICATORS.get(row["indicator"]) == "count" and row["value"] is not None:
        return {**row, "value": int(row["value"])}
    return row


def _text(value, indicator: str) -> str:
    # Counts print as exact integers; ratios and amounts unrounded (repr of the double).
    if isinstance(value, float):
        if INDICATORS.get(indicator) == "count":
            return str(int(value))
        return repr(value)
    return "" if value is None else str(value)
