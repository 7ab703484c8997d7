"""The command line's one error: something the user can fix, printed as one line."""


class CommandError(Exception):
    """An error the user can fix; printed as one line, without a traceback."""
