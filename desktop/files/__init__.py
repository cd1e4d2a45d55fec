"""Reading and writing files safely, for every file ComputeFit reads or writes (pure Python, no Qt).

- `write_atomically`: whole or not at all, through symlinks, never over what is not a regular file.
- `read_bounded`: regular files only, at most a byte limit counted as read (never a FIFO that hangs).
- `load_json_file` / `loads_strict`: bounded nesting and number sizes, duplicate keys refused.
Failures raise `WriteError` (an OSError) or `ReadError` (a ValueError), each one line for the user.
"""

from desktop.files.bounded_read import ReadError, read_bounded
from desktop.files.safe_write import WriteError, check_target, write_atomically, write_text_atomically
from desktop.files.strict_json import MAX_DEPTH, MAX_NUMBER_CHARS, load_json_file, loads_strict

__all__ = [
    "MAX_DEPTH", "MAX_NUMBER_CHARS", "ReadError", "WriteError", "check_target", "load_json_file", "loads_strict",
    "read_bounded",
    "write_atomically", "write_text_atomically",
]
