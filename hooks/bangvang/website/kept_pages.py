"""The preview's rendered pages, kept from one rebuild to the next (`mkdocs serve` without --dirty).

MkDocs 1.6 empties the preview's folder and renders every page through the theme at each save:
at a decade of records (2,700 pages) that alone took 10-20 s. A page whose every input is what it
was at the last rebuild (its body, title, address, edit link, the navigation, the settings, the
theme's templates, the day in the footer) renders to the same text, so the preview writes the text
it kept instead of rendering it again. The caller names the inputs (`key`); this module only keeps
texts under their keys, compressed (a preview holds every page of the site).
"""

from __future__ import annotations

import hashlib
import zlib


def inputs_key(*parts: object) -> str:
    """One key for everything a page is made of: changing any part changes the key."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))  # (parts never run into each other)
        digest.update(data)
    return digest.hexdigest()


class KeptPages:
    """Rendered pages by the key of their inputs. A rebuild reads what the last one kept, keeps
    what it renders, and at its end forgets every page it neither read nor rendered (pages gone,
    or whose inputs changed), so memory follows the site, not the number of saves."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}
        self._used: set[str] = set()

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: str) -> bool:
        return key in self._kept

    def get(self, key: str) -> str | None:
        packed = self._kept.get(key)
        if packed is None:
            return None
        self._used.add(key)
        return zlib.decompress(packed).decode("utf-8", "surrogatepass")

    def put(self, key: str, output: str) -> None:
        self._kept[key] = zlib.compress(output.encode("utf-8", "surrogatepass"), 1)
        self._used.add(key)

    def rebuild_done(self) -> None:
        """The rebuild finished: keep only the pages it served."""
        self._kept = {key: packed for key, packed in self._kept.items() if key in self._used}
        self._used = set()

    def rebuild_failed(self) -> None:
        """The rebuild stopped half way: keep everything for the next one."""
        self._used = set()
