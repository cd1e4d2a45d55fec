"""A checked layer in front of a streaming JSON parser: the bytes a parser sees are bounded first.

ijson's C backend (yajl2_c) crashes the interpreter on an integer of more than 4,300 digits and its memory grows
with the square of the nesting depth; any parser holds a whole string, and ijson's `kvitems` builds each item it
yields in memory. `GuardedStream` wraps a binary file and checks every chunk *before* handing it on, so the parser
never receives bytes past the first one that breaks a limit:
- nesting deeper than `depth` objects and arrays;
- a number with a run of more than `digits` digits (no valid JSON number of more than 3 x `digits` + 4 characters
  passes, and no integer near the 4,300 digits that crash the C backend);
- a string (key or value) longer than `string_bytes` bytes as written in the file;
- a value nested `item_depth` deep (a product or a SKU's terms in an AWS offer file, what `kvitems` builds)
  spanning more than `item_bytes` bytes.
A refusal is `JsonLimitError`: one line with the line number and byte offset where the problem starts.

The scan is vectorised with numpy (about 2 ms per MB): it finds quotes and brackets, tracks which are inside
strings (escaped quotes handled, also across chunk boundaries) and the depth, and looks for long digit runs.
It does not validate JSON: the parser does that, and stops at the first invalid byte, which is never after a byte
the scan passed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

QUOTE, BACKSLASH, NEWLINE = 0x22, 0x5C, 0x0A
OPEN = (0x5B, 0x7B)  # [ {
CLOSE = (0x5D, 0x7D)  # ] }


@dataclass(frozen=True)
class JsonLimits:
    depth: int = 64
    digits: int = 100
    string_bytes: int = 64 * 1024
    item_bytes: int = 1024 * 1024
    item_depth: int = 3  # {"products": {"SKU": {...}}}: a product is the value at depth 3
    # top-level keys whose items are deeper: {"terms": {"OnDemand": {"SKU": {...}}}} has them at depth 4
    deeper_items: tuple[tuple[str, int], ...] = ()
    containers: int | None = None  # objects and arrays in all (None: no limit)


class JsonLimitError(ValueError):
    """Bytes over a limit: str() is one line, "line L (byte B): problem"."""

    def __init__(self, line: int, offset: int, problem: str):
        self.line = line
        self.offset = offset
        self.problem = problem
        super().__init__(f"line {line:,} (byte {offset:,}): {problem}")


class GuardedStream(io.RawIOBase):
    """A readable binary stream over `raw` that raises JsonLimitError before handing on bytes over a limit.

    `start` is the file offset of `raw`'s position, for messages; `prefix` is handed on (and checked) before
    `raw`'s bytes (to resume a document mid-file: b'{"":0' before `, "terms": ...}`). With `stop_after` (a
    top-level key), the stream ends just after that key's object or array closes: a parser then reports the
    document incomplete, after yielding everything inside it. `on_bytes(n)` is called with the size of each
    chunk of `raw` that passed (progress, cancel).
    """

    def __init__(self, raw: BinaryIO, limits: JsonLimits | None = None, *, start: int = 0, prefix: bytes = b"",
                 stop_after: str | None = None, on_bytes: Callable[[int], None] | None = None):
        super().__init__()
        self._raw = raw
        self.scan = JsonScan(limits or JsonLimits(), start - len(prefix))
        self._prefix = prefix
        self._stop_after = None if stop_after is None else stop_after.encode()
        self._on_bytes = on_bytes
        self.stopped = False  # the stream ended after `stop_after`'s value, before the end of the file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.stopped:
            return 0
        view = memoryview(buffer)
        given = min(len(self._prefix), len(view))
        view[:given] = self._prefix[:given]
        self._prefix = self._prefix[given:]
        count = given + int(self._raw.readinto(view[given:]) or 0)  # type: ignore[attr-defined]
        if not count:
            return 0
        chunk_start = self.scan.offset
        self.scan.feed(bytes(view[:count]))
        if self._on_bytes is not None and count > given:
            self._on_bytes(count - given)
        end = self.scan.closed_at.get(self._stop_after or b"\0")
        if end is not None:
            self.stopped = True
            return end - chunk_start
        return count


class JsonScan:
    """The scan's state between chunks: offsets are in the file, lines counted from 1.

    Per chunk, the cheap path (a few numpy passes and one `bytes.translate`, about 2 ms per MB) keeps only the
    quotes and brackets, in order, to follow strings and depth; strings and digit runs are checked through masks
    searched as bytes. Positions are computed (the slower path) only where something looks wrong or a top-level
    value opens. An item's size is followed chunk by chunk: the whole chunks it covers are counted, and it is
    refused once they reach `item_bytes`, before the parser gets the last of them. With chunks of `item_bytes`
    (the Price List reader reads 1 MB at a time), an item of less than `item_bytes` always passes, one that covers
    a whole chunk is refused, and a parser receives at most two chunks of any item.
    """

    def __init__(self, limits: JsonLimits, start: int = 0):
        self.limits = limits
        self.offset = start  # file offset of the next chunk's first byte
        self.lines = 0  # newlines before the next chunk
        self.depth = 0
        self.in_string = False
        self.string_start = 0  # offset of the open string's quote
        self.digits = 0  # digits at the end of the last chunk, outside a string
        self.escaped = False  # the last chunk ended inside a string on an unpaired backslash
        self.containers = 0  # objects and arrays opened so far
        self.level = limits.item_depth  # the depth of the items in the current top-level value
        self.item_open = False
        self.item_bytes = 0  # bytes of the open item known so far (those in the chunks after its start)
        self.tail = b""  # the last bytes of the last chunk (the key before a bracket at a chunk's start)
        self.section = b""  # the key of the top-level object or array the scan is in
        self.opened_at: dict[bytes, int] = {}  # top-level key -> offset of its object or array's first byte
        self.closed_at: dict[bytes, int] = {}  # top-level key -> offset just after its object or array
        self._deeper = {key.encode(): depth for key, depth in limits.deeper_items}
        self._digit_run = b"\x01" * (limits.digits + 1)
        self._bools = self._digit_bools = np.empty(0, np.bool_)
        self._bytes = np.empty(0, np.uint8)

    def feed(self, data: bytes) -> None:
        """Check the next chunk (raises JsonLimitError), then move the state past it."""
        if self.escaped or b"\\" in data:
            data = self._neutralise_escapes(data)
        arr = np.frombuffer(data, np.uint8)
        if len(self._bools) < len(arr):  # buffers reused from chunk to chunk: no page faults per chunk
            self._bools = np.empty(len(arr), np.bool_)
            self._digit_bools = np.empty(len(arr), np.bool_)
            self._bytes = np.empty(len(arr), np.uint8)
        is_quote = np.equal(arr, QUOTE, out=self._bools[: len(arr)])
        in_string = self.in_string
        self._strings(arr, is_quote)
        self._numbers(arr, is_quote, in_string)
        self._structure(arr, data, in_string)
        self.tail = data[-KEY_CONTEXT:]
        self.offset += len(data)
        self.lines += int(np.count_nonzero(np.equal(arr, NEWLINE, out=is_quote)))

    def _neutralise_escapes(self, data: bytes) -> bytes:
        r"""The chunk with every escaped backslash and quote replaced by "_" (same length): `\\` pairs first."""
        if self.escaped and data:
            data = b"_" + data[1:]
        data = data.replace(b"\\\\", b"__").replace(b'\\"', b"__")
        self.escaped = data.endswith(b"\\")
        return data

    def _line(self, arr: npt.NDArray[np.uint8], index: int) -> int:
        return self.lines + int(np.count_nonzero(arr[:index] == NEWLINE)) + 1

    def _fail(self, arr: npt.NDArray[np.uint8], index: int, problem: str) -> JsonLimitError:
        return JsonLimitError(self._line(arr, index), self.offset + index, problem)

    # strings

    def _strings(self, arr: npt.NDArray[np.uint8], is_quote: npt.NDArray[np.bool_]) -> None:
        limit = self.limits.string_bytes
        first, last = _first(is_quote), _last(is_quote)
        if self.in_string and self.offset + (len(arr) if first < 0 else first) - self.string_start - 1 > limit:
            raise self._string_error(arr, self.string_start)
        if first >= 0 and _has_block(is_quote[first:last], min(limit // 2, GAP_BLOCK), value=False):
            self._string_spans(arr, np.flatnonzero(is_quote))  # a long stretch without quotes: look closer
        if (int(np.count_nonzero(is_quote)) + self.in_string) & 1:
            if last >= 0:
                self.string_start = self.offset + last
            self.in_string = True
            if self.offset + len(arr) - self.string_start - 1 > limit:
                raise self._string_error(arr, self.string_start)
        else:
            self.in_string = False

    def _string_spans(self, arr: npt.NDArray[np.uint8], quotes: npt.NDArray[np.intp]) -> None:
        """Strings closed in this chunk, by their quotes' positions (the slow path)."""
        starts = quotes[1::2] if self.in_string else quotes[0::2]
        ends = quotes[2::2] if self.in_string else quotes[1::2]
        over = np.flatnonzero(ends - starts[: len(ends)] - 1 > self.limits.string_bytes)
        if len(over):
            raise self._string_error(arr, self.offset + int(starts[over[0]]))

    def _string_error(self, arr: npt.NDArray[np.uint8], start: int) -> JsonLimitError:
        # a string begun in an earlier chunk is on this chunk's first line: JSON strings hold no line break
        line = self._line(arr, start - self.offset) if start >= self.offset else self.lines + 1
        return JsonLimitError(line, start, f"a string longer than {self.limits.string_bytes // 1024:,} KB "
                                           "(keys and values of a Price List are at most a few hundred bytes)")

    # numbers

    def _numbers(self, arr: npt.NDArray[np.uint8], is_quote: npt.NDArray[np.bool_], in_string: bool) -> None:
        """Runs of more than `digits` digits outside strings (a run may continue from the last chunk)."""
        shifted = np.subtract(arr, 0x30, out=self._bytes[: len(arr)])  # uint8: bytes below "0" wrap round
        digits = np.less(shifted, 10, out=self._digit_bools[: len(arr)])
        if self.digits:
            lead = _first(digits[: self.limits.digits + 1], value=False)
            if self.digits + (min(len(arr), self.limits.digits + 1) if lead < 0 else lead) > self.limits.digits:
                raise self._fail(arr, 0, self._digits_problem())
        if _has_block(digits, self.limits.digits // 2):  # a run of digits worth a closer look
            self._digit_runs(arr, digits.tobytes(), is_quote, in_string)
        if self.in_string:
            self.digits = 0
        else:
            other = _last(digits, value=False)
            self.digits = self.digits + len(arr) if other < 0 else len(arr) - 1 - other

    def _digit_runs(self, arr: npt.NDArray[np.uint8], runs: bytes, is_quote: npt.NDArray[np.bool_],
                    in_string: bool) -> None:
        """The slow path: each run of more than `digits` digits must be inside a string."""
        needle = b"\x01" * (self.limits.digits + 1)
        position = runs.find(needle)
        while position >= 0:
            if not (int(np.count_nonzero(is_quote[:position])) + in_string) & 1:
                raise self._fail(arr, position, self._digits_problem())
            run_end = runs.find(b"\x00", position)
            if run_end < 0:
                break
            position = runs.find(needle, run_end)

    def _digits_problem(self) -> str:
        return f"a number of more than {self.limits.digits} digits"

    # depth and items

    def _structure(self, arr: npt.NDArray[np.uint8], data: bytes, in_string: bool) -> None:
        """Depth and items, from the chunk's quotes and brackets alone (in order)."""
        marks = np.frombuffer(data.translate(None, _NOT_STRUCTURE), np.uint8)
        quote = marks == QUOTE
        outside = ~quote & (((np.cumsum(quote) + in_string) & 1) == 0)
        kinds = marks[outside]
        last_event = 0  # +1: an item opened last, -1: one closed last, 0: neither in this chunk
        if len(kinds):
            steps = np.where((kinds | 0x20) == OPEN[1], 1, -1)
            depths = self.depth + np.cumsum(steps)
            if int(depths.max()) > self.limits.depth:
                where = self._bracket_positions(arr, in_string)[int(np.argmax(depths > self.limits.depth))]
                raise self._fail(arr, int(where), f"nested more than {self.limits.depth} levels deep")
            self._count_containers(arr, in_string, steps)
            last_event = self._sections(arr, data, in_string, steps, depths)
            self.depth = int(depths[-1])
        if last_event:
            self.item_open, self.item_bytes = last_event > 0, 0
        elif self.item_open:
            self.item_bytes += len(arr)
        if self.item_open and self.item_bytes >= self.limits.item_bytes:
            raise JsonLimitError(self._line(arr, len(arr)), self.offset + len(arr),
                                 f"one entry (a value nested {self.level} deep, such as a product) is larger than "
                                 f"{self.limits.item_bytes // 1024:,} KB")

    def _count_containers(self, arr: npt.NDArray[np.uint8], in_string: bool, steps: npt.NDArray[np.int_]) -> None:
        limit = self.limits.containers
        if limit is None:
            return
        opens = np.flatnonzero(steps == 1)
        if self.containers + len(opens) > limit:
            where = self._bracket_positions(arr, in_string)[int(opens[limit - self.containers])]
            raise self._fail(arr, int(where), f"more than {limit:,} objects and arrays")
        self.containers += len(opens)

    def _bracket_positions(self, arr: npt.NDArray[np.uint8], in_string: bool) -> npt.NDArray[np.intp]:
        """The positions of the chunk's brackets outside strings (the slow path: rare)."""
        folded = arr | 0x20
        special = np.flatnonzero((arr == QUOTE) | (folded == OPEN[1]) | (folded == CLOSE[1]))
        quote = arr[special] == QUOTE
        positions: npt.NDArray[np.intp] = special[~quote & (((np.cumsum(quote) + in_string) & 1) == 0)]
        return positions

    def _sections(self, arr: npt.NDArray[np.uint8], data: bytes, in_string: bool, steps: npt.NDArray[np.int_],
                  depths: npt.NDArray[np.int_]) -> int:
        """Items in each part of the chunk between where top-level values open or close; the last item event."""
        cuts = np.flatnonzero(((steps == 1) & (depths == 2)) | ((steps == -1) & (depths == 1))).tolist()
        positions = self._bracket_positions(arr, in_string) if cuts else None
        last_event = begin = 0
        for cut in [*cuts, len(steps)]:
            if cut > begin:
                last_event = self._item_event(steps[begin:cut], depths[begin:cut]) or last_event
            if cut == len(steps):
                break
            self._section_cut(data, int(positions[cut]) if positions is not None else 0, bool(steps[cut] == 1))
            last_event = -1 if last_event else 0
            begin = cut
        return last_event

    def _item_event(self, steps: npt.NDArray[np.int_], depths: npt.NDArray[np.int_]) -> int:
        """+1 if the last item event in these brackets opens an item, -1 if it closes one, 0 if none."""
        events = np.flatnonzero(((steps == 1) & (depths == self.level)) |
                                ((steps == -1) & (depths == self.level - 1)))
        return 0 if not len(events) else int(steps[events[-1]])

    def _section_cut(self, data: bytes, position: int, opens: bool) -> None:
        """A top-level value opens (its key names the section: items may be deeper there) or closes."""
        self.item_open = False
        if opens:
            self.section = self._key_before(data, position)
            self.level = self._deeper.get(self.section, self.limits.item_depth)
            self.opened_at.setdefault(self.section, self.offset + position)
        else:
            self.closed_at.setdefault(self.section, self.offset + position + 1)
            self.section, self.level = b"", self.limits.item_depth

    def _key_before(self, data: bytes, position: int) -> bytes:
        """The key written just before `position` ("key": [), or b"" when it is not within KEY_CONTEXT bytes."""
        before = data[position - KEY_CONTEXT:position] if position >= KEY_CONTEXT else self.tail + data[:position]
        before = before.rstrip(b" \t\r\n").removesuffix(b":").rstrip(b" \t\r\n")
        if not before.endswith(b'"'):
            return b""
        start = before.rfind(b'"', 0, len(before) - 1)
        return b"" if start < 0 else before[start + 1:-1]


KEY_CONTEXT = 300
GAP_BLOCK = 4096


def _first(mask: npt.NDArray[np.bool_], value: bool = True) -> int:
    """The index of the first item equal to `value`, or -1."""
    if not len(mask):
        return -1
    index = int(np.argmax(mask) if value else np.argmin(mask))
    return index if mask[index] == value else -1


def _last(mask: npt.NDArray[np.bool_], value: bool = True) -> int:
    """The index of the last item equal to `value`, or -1."""
    index = _first(mask[::-1], value)
    return -1 if index < 0 else len(mask) - 1 - index


def _has_block(mask: npt.NDArray[np.bool_], size: int, value: bool = True) -> bool:
    """Whether an aligned block of `size` items all equal `value` (any run of 2 x `size` or more holds one)."""
    usable = len(mask) - len(mask) % size
    if usable <= 0:
        return False
    blocks = mask[:usable].reshape(-1, size)
    return bool(blocks.all(axis=1).any()) if value else not bool(blocks.any(axis=1).all())
_NOT_STRUCTURE = bytes(code for code in range(256) if code not in (QUOTE, *OPEN, *CLOSE))
