"""The one error the engine raises for bad input: it names the file, the line and the column."""

from pathlib import Path


class InputError(Exception):
    """An input file the engine cannot use as it is.

    `file` is the file's name, `line` the 1-based line of a CSV file (the header is line 1)
    or the 1-based row of a Parquet file, `column` the official column name; `line` and
    `column` are None when the problem is the whole file (not a zip, empty, ...).
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ):
        self.file = Path(file).name
        self.line = line
        self.column = column
        self.value = value
        self.reason = message
        super().__init__(self._one_line())

    def _one_line(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        text = f"{', '.join(where)}: {self.reason}"
        if self.value is not None:
            text += f" (value {self.value!r})"
        return text.replace("\n", " ")
