"""A CSV parsed on several cores: cut into pieces at line feeds, each piece parsed by its
own pyarrow reader on a worker thread, the batches handed on in file order, and no row
handed on before the cut it follows is proven to be a record boundary.

Why a proof is needed: a quoted field may hold a line break, so a line feed is not always
the end of a record, and which it is depends on every quote before it.

The proof. Each piece is parsed with one extra line after its bytes, the end mark
(END_MARK, one field without quotes, so never a valid row of a file of two columns or
more; the parser calls the invalid-row handler with its text). A piece's parse starts on a
record boundary (piece 0 at the start of the file; the others, see below). At the end of
the piece the parser is either between records or inside a quoted field (a quoted line
break fell on the cut):
* between records, it reads the mark as a line of its own: the last row of the parse,
  refused for its number of fields, with exactly the mark's text;
* inside a quoted field, the mark becomes part of that field, and the last row of the parse
  is a row of the file, which starts before the opening quote: its text holds a quote, the
  mark holds none, so it is not the mark.
Every other refused row stops the parse (a faulty line). So "the last row of the parse is
the mark" (its number is the number of rows read plus one, plus the header line for piece
0) holds exactly when the piece ends on a record boundary, which is then where the next
piece starts. By induction from piece 0, every handed-on row is a row that one stream
reading the whole file gives, each handed on once.

A piece not proven (or whose parse fails) is merged with the next one and parsed again, up
to MAX_MERGED_PIECES; beyond that (a quoted field longer than that, a faulty line, which
fails every merge, or lines without line feeds), the rest of the file, from the last proven
boundary, is read by one stream (csv_stream.one_stream). A faulty line therefore stops
that stream as it would stop a single stream over the file, and compute.py reads the file
again with DuckDB's reader, which names the line.

Memory stays bounded: at most `threads + 1` pieces are being parsed or waiting, plus one
piece read ahead.
"""

import io
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.csv as pacsv

# Measured at 10 M establishments: 16 MiB pieces keep both cores busy with ~200 MB of
# memory; 1 MiB parser blocks inside a piece parse faster than one block per piece.
PIECE_BYTES = 16 << 20
PARSE_BLOCK_BYTES = 1 << 20
MAX_MERGED_PIECES = 4
# A piece without a line feed grows up to this many PIECE_BYTES before the rest of the file
# is left to one stream (a file of lone carriage returns would otherwise be read whole).
MAX_PIECE_GROWTH = 4
END_MARK = b"frenchtech-observatory-end-of-piece"
# Room after a piece's bytes: a line feed if its last line has none, the mark and its own.
_MARK_ROOM = len(END_MARK) + 2


@dataclass
class Piece:
    """Bytes of the file, `data[:length]`, ending on a line feed (or the end of the file),
    with room after them for the end mark. `too_long`: no line feed was found in the
    largest piece allowed; the one-stream fallback then reads from its start."""

    number: int
    data: bytearray
    length: int
    too_long: bool = False

    @property
    def file_bytes(self) -> memoryview:
        return memoryview(self.data)[: self.length]


class PieceReader:
    """Reads a binary stream into pieces of about `piece_bytes`, each cut after its last
    line feed (what follows is carried to the next piece). Buffers handed back by
    `recycle` are used again: a fresh one costs its zero-filling and page faults."""

    def __init__(self, raw, piece_bytes: int = PIECE_BYTES):
        self.raw = raw
        self.piece_bytes = piece_bytes
        self.carried = b""
        self.count = 0
        self.finished = False
        self.free: deque[bytearray] = deque()

    def next_piece(self) -> Piece | None:
        """The next piece, or None at the end of the stream."""
        if self.finished:
            return None
        carried, number = self.carried, self.count
        capacity = max(self.piece_bytes, 2 * len(carried))
        data = self._buffer(capacity)
        data[: len(carried)] = carried
        end = len(carried) + _read_into(self.raw, memoryview(data)[len(carried) : capacity])
        cut = data.rfind(b"\n", 0, end) + 1
        while cut == 0 and end == capacity:
            if capacity >= MAX_PIECE_GROWTH * self.piece_bytes:
                self.carried, self.finished = b"", True
                return Piece(number, data, end, too_long=True)
            grown = bytearray(capacity + self.piece_bytes + _MARK_ROOM)
            grown[:end] = memoryview(data)[:end]
            data, capacity = grown, capacity + self.piece_bytes
            end += _read_into(self.raw, memoryview(data)[end:capacity])
            cut = data.rfind(b"\n", 0, end) + 1
        if end < capacity:  # the end of the stream: this piece takes all that is left
            self.finished, cut = True, end
            if end == 0:
                return None
        self.carried = bytes(data[cut:end])
        self.count += 1
        return Piece(number, data, cut)

    def recycle(self, piece: Piece) -> None:
        """Hand back the buffer of a piece whose rows are parsed and no longer needed."""
        if len(piece.data) == self.piece_bytes + _MARK_ROOM:
            self.free.append(piece.data)

    def _buffer(self, capacity: int) -> bytearray:
        if capacity == self.piece_bytes and self.free:
            return self.free.popleft()
        return bytearray(capacity + _MARK_ROOM)


def _read_into(raw, view: memoryview) -> int:
    """Fill `view` from `raw` (a zip member gives fewer bytes than asked at a time)."""
    filled = 0
    while filled < len(view):
        count = raw.readinto(view[filled:])
        if not count:
            break
        filled += count
    return filled


def _with_mark(data: bytearray, length: int) -> memoryview:
    """`data[:length]` followed by the end mark line, written in the room after it (the
    bytes before `length` are left as they are)."""
    if length and data[length - 1 : length] not in (b"\n", b"\r"):
        data[length : length + 1] = b"\n"  # the file's last line, without its line break
        length += 1
    data[length : length + len(END_MARK) + 1] = END_MARK + b"\n"
    return memoryview(data)[: length + len(END_MARK) + 1]


@dataclass(frozen=True)
class PieceParser:
    """Parses pieces as one stream parses the whole file (the options of csv_stream.py)."""

    column_names: list[str]
    convert_options: pacsv.ConvertOptions

    def parse_piece(self, piece: Piece) -> pa.Table | None:
        """The rows of one piece, or None (see `parse`)."""
        if piece.too_long:
            return None
        return self.parse(_with_mark(piece.data, piece.length), with_header=piece.number == 0)

    def parse_merged(self, pieces: list[Piece]) -> pa.Table | None:
        """The rows of consecutive pieces parsed as one, or None (see `parse`)."""
        length = sum(piece.length for piece in pieces)
        data = bytearray(length + _MARK_ROOM)
        position = 0
        for piece in pieces:
            data[position : position + piece.length] = piece.file_bytes
            position += piece.length
        return self.parse(_with_mark(data, length), with_header=pieces[0].number == 0)

    def parse(self, marked: memoryview, with_header: bool) -> pa.Table | None:
        """The rows of `marked` (whole lines of the file from a record boundary, then the end
        mark line), or None if the parse fails or does not prove that the lines end on a
        record boundary (the module docstring says why it proves it)."""
        marks: list[int | None] = []
        mark_text = END_MARK.decode()

        def on_invalid_row(row) -> str:
            if row.text == mark_text:
                marks.append(row.number)
                return "skip"
            return "error"

        try:
            table = pacsv.read_csv(
                pa.py_buffer(marked),
                read_options=pacsv.ReadOptions(
                    column_names=None if with_header else self.column_names,
                    use_threads=False,
                    block_size=PARSE_BLOCK_BYTES,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=",",
                    quote_char='"',
                    newlines_in_values=True,
                    invalid_row_handler=on_invalid_row,
                ),
                convert_options=self.convert_options,
            )
        except pa.ArrowException:
            return None
        # Rows are numbered from 1, the header line included; blank lines are not rows.
        last_row = table.num_rows + 1 + (1 if with_header else 0)
        return table if marks == [last_row] else None


class ChainedStream(io.RawIOBase):
    """A readable stream of some bytes, then what is left of another stream: the rest of a
    file from a proven record boundary, for the one-stream fallback."""

    def __init__(self, parts: list, raw):
        self.parts = deque(memoryview(part) for part in parts if len(part))
        self.raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # Fills `buffer` whole unless the stream ends: pyarrow takes a short read for the end.
        view, filled = memoryview(buffer).cast("B"), 0
        while self.parts and filled < len(view):
            part = self.parts[0]
            count = min(len(part), len(view) - filled)
            view[filled : filled + count] = part[:count]
            filled += count
            if count == len(part):
                self.parts.popleft()
            else:
                self.parts[0] = part[count:]
        return filled + _read_into(self.raw, view[filled:])


class _ReadAhead:
    """The pieces of a PieceReader, one read ahead on its own thread (inflating a zip
    member costs about as much as parsing it)."""

    def __init__(self, reader: PieceReader, executor: ThreadPoolExecutor):
        self.reader, self.executor = reader, executor
        self.future: Future | None = executor.submit(reader.next_piece)

    def take(self) -> Piece | None:
        if self.future is None:
            return None
        piece = self.future.result()
        self.future = self.executor.submit(self.reader.next_piece) if piece else None
        return piece

    def drain(self) -> list:
        """What was read and not taken, as bytes; nothing reads the stream after this."""
        parts = []
        if self.future is not None:
            piece = self.future.result()
            self.future = None
            if piece is not None:
                parts.append(piece.file_bytes)
        return [*parts, self.reader.carried]


def parallel_batches(
    raw,
    parser: PieceParser,
    threads: int,
    one_stream: Callable[[io.RawIOBase, bool], Iterator[pa.RecordBatch]],
    *,
    piece_bytes: int = PIECE_BYTES,
    report: dict | None = None,
) -> Iterator[pa.RecordBatch]:
    """The record batches of the CSV in `raw` (a binary stream at the start of the file,
    header included), parsed by `threads` worker threads, handed on in file order.

    `one_stream(stream, with_header)` reads the rest of the file as one stream when pieces
    cannot go on (see the module docstring). `report`, if given, receives the number of
    pieces, the merges and the piece the one-stream fallback started from (for tests)."""
    report = report if report is not None else {}
    report.update(pieces=0, merges=0, one_stream_from_piece=None)
    pending: deque[tuple[Piece, Future]] = deque()
    with (
        ThreadPoolExecutor(threads, thread_name_prefix="csv-piece") as workers,
        ThreadPoolExecutor(1, thread_name_prefix="csv-read") as reading,
    ):
        reader = PieceReader(raw, piece_bytes)
        ahead = _ReadAhead(reader, reading)
        try:
            while True:
                while len(pending) <= threads and (piece := ahead.take()) is not None:
                    report["pieces"] += 1
                    pending.append((piece, workers.submit(parser.parse_piece, piece)))
                if not pending:
                    return
                piece, future = pending.popleft()
                merged, table = [piece], future.result()
                while table is None and len(merged) < MAX_MERGED_PIECES:
                    if merged[-1].too_long:
                        break
                    # The next piece's own parse started from an unproven cut: dropped.
                    following = pending.popleft()[0] if pending else ahead.take()
                    if following is None:
                        break
                    merged.append(following)
                    report["merges"] += 1
                    table = parser.parse_merged(merged)
                if table is None:
                    report["one_stream_from_piece"] = merged[0].number
                    rest = [part.file_bytes for part in merged]
                    rest += [waiting.file_bytes for waiting, _ in pending]
                    stream = ChainedStream([*rest, *ahead.drain()], raw)
                    yield from one_stream(stream, merged[0].number == 0)
                    return
                yield from table.to_batches()
                if len(merged) == 1:  # (a merged piece's own parse may still be running)
                    reader.recycle(piece)
        finally:
            for _, future in pending:
                future.cancel()
            if ahead.future is not None:
                ahead.future.cancel()
