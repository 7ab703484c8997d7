"""The `frenchtech` command line.

Each sub-command lives in its own module of this package and exposes
`register(subparsers)`; this module only wires them together.
"""

import argparse
import sys

from frenchtech.cli.errors import CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frenchtech", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    # Imported here: `frenchtech observatory` must not pay for `evaluate`'s Django set-up.
    from frenchtech.cli import evaluate, observatory, score

    for module in (score, observatory, evaluate):
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except CommandError as error:
        print(f"frenchtech {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
