"""A safe file name made from a name the user (or a file from someone else) gave a workload or workshop.

What a save dialog starts from must never point anywhere but the folder it opens in: letters and digits of any
script, '.', '_' and '-' only (so no path separators, no control or format characters, none of the characters
Windows refuses), no '..', no name Windows reserves for devices (CON, NUL, COM1...), no leading dot (a hidden
file) nor trailing dot, at most MAX_STEM_CHARS characters.
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM_CHARS = 80
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$", re.IGNORECASE)


def safe_file_stem(name: str, fallback: str = "workload") -> str:
    """`name` as a file name stem (without suffix) that stays in the folder it is saved in."""
    kept = "".join(c if c in "._-" or unicodedata.category(c)[0] in "LN" else "-" for c in name)
    text = re.sub(r"\.{2,}", ".", kept)
    text = re.sub(r"-{2,}", "-", text).strip("._-")[:MAX_STEM_CHARS].strip("._-")
    if not text or _RESERVED.match(text):
        return fallback if not text else f"{fallback}-{text}"
    return text
