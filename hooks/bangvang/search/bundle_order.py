"""Same data, same bytes: Pagefind writes filter values (and the list of filters) in hash-map
order, which changes from run to run. Re-sort them and rename the files after their content.

The files are gzip'd "pagefind_dcd" + CBOR; only arrays, text and whole numbers occur in them, so
a small codec for those suffices (and refuses anything else rather than guess).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

_SIGNATURE = b"pagefind_dcd"


def settle_filters(out: Path) -> None:
    metas = list(out.glob("pagefind.*.pf_meta"))
    entry_path = out / "pagefind-entry.json"
    if len(metas) != 1 or not entry_path.exists():
        raise ValueError("expected one language")
    meta = _read_cbor(metas[0])
    filters = meta[3] if len(meta) > 3 and isinstance(meta[3], list) else None
    if not filters or not all(isinstance(f, list) and len(f) == 2 for f in filters):
        raise ValueError("no filter list in the metadata")
    lang = metas[0].name.split(".")[1].split("_")[0]
    settled = []
    for name, stem in filters:
        path = out / "filter" / f"{stem}.pf_filter"
        key, values = _read_cbor(path)
        values = sorted([value, sorted(pages)] for value, pages in values)
        new_stem = f"{lang}_{_digest([key, values])[:7]}"
        path.unlink()
        _write_cbor(out / "filter" / f"{new_stem}.pf_filter", [key, values])
        settled.append([name, new_stem])
    meta[3] = sorted(settled)
    new_hash = f"{lang}_{_digest(meta)[:10]}"
    metas[0].unlink()
    _write_cbor(out / f"pagefind.{new_hash}.pf_meta", meta)
    old_hash = metas[0].name.split(".")[1]
    entry = entry_path.read_text(encoding="utf-8")
    entry_path.write_text(entry.replace(f'"{old_hash}"', f'"{new_hash}"'), encoding="utf-8")


def _read_cbor(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: unknown format")
    value, end = _cbor_decode(raw, len(_SIGNATURE))
    if end != len(raw) or _cbor_encode(value) != raw[len(_SIGNATURE) :]:
        raise ValueError(f"{path.name}: unexpected encoding")
    return value


def _write_cbor(path: Path, value) -> None:
    path.write_bytes(gzip.compress(_SIGNATURE + _cbor_encode(value), mtime=0))


def _digest(value) -> str:
    return hashlib.sha256(_cbor_encode(value)).hexdigest()


def _cbor_decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise ValueError("indefinite length")
    if major == 0:
        return arg, pos
    if major == 3:
        return data[pos : pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _cbor_decode(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"CBOR major type {major}")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("number too large")


def _cbor_encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError("unexpected CBOR value")
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise ValueError("unexpected CBOR value")
