"""The digests of the price book files that validated before, in the user's cache folder.

The bundled book is then built at start without validating it again (desktop.model.pricing.trusted). The file
holds digests only, never a book: losing it, or a file that cannot be read, only means validating once more.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.appdata import cache_dir

FILE_NAME = "trusted-price-books.json"
KIND = "computefit-trusted-price-books"
KEPT = 8  # the last few versions of the app (each version's digests differ)
MAX_BYTES = 64 * 1024


class TrustedBooks:
    """A set of digests read from, and added to, one small JSON file."""

    def __init__(self, path: Path):
        self.path = path
        self._digests: list[str] | None = None

    def _read(self) -> list[str]:
        if self._digests is None:
            from desktop.files import ReadError, load_json_file

            try:
                data = load_json_file(self.path, MAX_BYTES, "a cache file")
                digests = data.get("digests") if isinstance(data, dict) and data.get("kind") == KIND else None
                self._digests = [d for d in digests if isinstance(d, str)] if isinstance(digests, list) else []
            except (ReadError, OSError):
                self._digests = []
        return self._digests

    def __contains__(self, digest: object) -> bool:
        return digest in self._read()

    def add(self, digest: str) -> None:
        """Remember `digest` (best effort: a cache folder that cannot be written is no failure)."""
        from desktop.files import write_text_atomically

        kept = [d for d in self._read() if d != digest][-(KEPT - 1):]
        digests = [*kept, digest]
        self._digests = digests
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(self.path, json.dumps({"kind": KIND, "digests": digests}, indent=1) + "\n")
        except OSError:
            pass


def trusted_books() -> TrustedBooks:
    return TrustedBooks(cache_dir() / FILE_NAME)
