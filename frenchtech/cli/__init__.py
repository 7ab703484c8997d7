"""The `frenchtech` command line.

Each sub-command lives in its own module of this package and exposes
`register(subparsers)`; this module only wires them together.
"""

import argparse
import importlib
import sys

# Sub-command modules, each with `register(subparsers)`. A module missing here is skipped
# silently only while it does not exist yet; an import error inside one is raised.
COMMAND_MODULES = ["score", "observatory", "evaluate", "web"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frenchtech", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"frenchtech.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"frenchtech.cli.{name}":
                continue
            raise
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


class CommandError(Exception):
    """An error the user can fix; printed as one line, without a traceback."""


if __name__ == "__main__":
    sys.exit(main())
