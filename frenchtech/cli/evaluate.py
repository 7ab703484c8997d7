"""`frenchtech evaluate`: the programme evaluation of one indicator, as JSON or CSV.

Reads the latest published snapshot and the labels from the platform's database (the same
as the web pages and the API: DJANGO_SETTINGS_MODULE, DATABASE_URL,
FRENCHTECH_OBSERVATORY_DIR). Bad input is one line on stderr and exit status 2.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from frenchtech.cli.errors import CommandError
from frenchtech.observatory.engine.schema import INDICATORS


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="evaluate the label on an indicator (staggered DiD, synthetic control)"
    )
    parser.add_argument("--indicator", choices=tuple(INDICATORS), required=True)
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--pool", choices=("comparable", "all"), default="comparable")
    parser.add_argument("--draws", type=_draws, default=999, help="bootstrap draws (999)")
    parser.add_argument("--language", choices=("fr", "en"), default="fr", help="of messages")
    parser.add_argument("--output", type=Path, default=None, help="file (default: stdout)")
    parser.set_defaults(handler=_evaluate)


def _draws(text: str) -> int:
    value = int(text)
    if not 99 <= value <= 99_999:
        raise argparse.ArgumentTypeError("must be between 99 and 99999")
    return value


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frenchtech.settings.dev")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise CommandError(f"configuration error: {error}") from error


def _evaluate(args) -> int:
    _setup_django()
    from django.db.utils import DatabaseError
    from django.utils import translation

    from frenchtech.evaluation import exports
    from frenchtech.evaluation.results import evaluation_for

    with translation.override(args.language):
        try:
            outcome = evaluation_for(args.indicator, args.pool, draws=args.draws)
        except DatabaseError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise CommandError(f"database error: {first} (run `make demo` or migrate)") from error
        if outcome.error_code:
            raise CommandError(outcome.error)
        text = (
            json.dumps(exports.document(outcome), ensure_ascii=False, indent=1, allow_nan=False)
            + "\n"
            if args.format == "json"
            else exports.csv_text(outcome)
        )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
