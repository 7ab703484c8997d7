"""`frenchtech score`: run an evaluation model on a performance table (CSV)."""

import argparse
import csv
import io
import json
import sys

from frenchtech.cli.errors import CommandError
from frenchtech.scoring.errors import ScoringError
from frenchtech.scoring.evaluate import evaluate
from frenchtech.scoring.model import load_model
from frenchtech.scoring.presets import load_preset, preset_names
from frenchtech.scoring.table import read_performance_csv


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score, rank or sort alternatives with a model (weighted sum, TOPSIS, "
        "ELECTRE TRI-B, SMAA-2, SMAA-TRI)",
        description=__doc__.splitlines()[0],
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", metavar="MODEL.json", help="evaluation model (JSON)")
    source.add_argument(
        "--preset", metavar="NAME", help=f"shipped model, one of: {', '.join(preset_names())}"
    )
    parser.add_argument(
        "--performance",
        metavar="TABLE.csv",
        required=True,
        help="CSV: a first column 'alternative', then one column per criterion id",
    )
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Everything is computed and rendered before anything is written: an error leaves stdout
    # empty rather than half a document.
    try:
        model = load_preset(args.preset) if args.preset else load_model(args.model)
        table = read_performance_csv(args.performance, model.required_columns())
        evaluation = evaluate(model, table)
        output = render(evaluation, args.format)
    except ScoringError as error:
        raise CommandError(str(error)) from error
    sys.stdout.write(output)
    return 0


def render(evaluation, output_format: str) -> str:
    """The evaluation as JSON (the full document) or CSV (one row per alternative)."""
    if output_format == "json":
        return (
            json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        )
    header, rows = evaluation.rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
