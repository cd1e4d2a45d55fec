"""Text for a terminal: what the commands print never carries a file's control characters.

Names, locations and messages come from files others wrote; printed raw, an escape sequence in a workload name
or a Price List location could move the cursor, recolour or retitle the terminal, or hide text. Both streams
show control characters escaped: `one_line` for stderr (line breaks escaped too, and clipped: one bounded line),
`for_terminal` for stdout (line breaks and tabs kept, as the reports lay out their text with them).
"""

from __future__ import annotations

import sys

MAX_LINE_CHARS = 4_000  # one message on stderr
# C0 and C1 controls (0x9B is a one-byte CSI on some terminals), DEL, line and paragraph separators, and the
# bidirectional overrides and isolates that reorder what is shown.
_ESCAPED = {code: f"\\x{code:02x}" for code in (*range(32), *range(0x7F, 0xA0))} | {
    code: f"\\u{code:04x}" for code in (0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))} | {
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPED_KEEPING_LINES = {code: text for code, text in _ESCAPED.items() if code not in (ord("\n"), ord("\t"))}


def one_line(text: str) -> str:
    """`text` with line breaks and control characters escaped, at most MAX_LINE_CHARS: one line on any terminal."""
    escaped = text.translate(_ESCAPED)
    if len(escaped) <= MAX_LINE_CHARS:
        return escaped
    keep = MAX_LINE_CHARS - 5
    return escaped[: keep - keep // 4] + " ... " + escaped[len(escaped) - keep // 4:]


def for_terminal(text: str) -> str:
    """`text` with control characters escaped, its line breaks and tabs kept."""
    return text.translate(_ESCAPED_KEEPING_LINES)


def write_out(text: str) -> None:
    """Write `text` to stdout, control characters escaped (see `for_terminal`)."""
    sys.stdout.write(for_terminal(text))
