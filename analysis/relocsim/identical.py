"""Are two outputs the same? Bit for bit, apart from what records when, where
and how they were made.

HDF5 files (runs, sweep archives, calibrations): every dataset compared as
bytes (dtype and shape included), every attribute compared, the set of
objects compared; the attributes in ``MADE`` are not compared. PDF: bytes,
after blanking the creation and modification dates. PNG: every chunk but
``tIME`` and text chunks that hold a date. Anything else: bytes.

``rewrite`` maps text of the second file before comparing: a rerun in
another folder records its own absolute paths, and ``{new: old}`` puts the
first file's paths back (replacing the longest first). The comparison of
tests/pylib/relocsim_testing.py is this one.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np

# When, how and by which command a run was made: they differ between two runs
# of the same model by design.
RUN_ATTRIBUTES = frozenset({"start_time", "end_time", "threads", "command_line", "history"})
# A sweep archive also says on which host it was made (shards may run on
# several, and the merged archive must still equal the whole one).
ARCHIVE_PROVENANCE = RUN_ATTRIBUTES | {"host"}
# A rerun on another machine: the host, and a calibration's wall time too.
MADE = ARCHIVE_PROVENANCE | {"wall_seconds"}
HDF5_SUFFIXES = (".h5", ".hdf5", ".nc")


def _rewriter(rewrite: dict[str, str] | None):
    if not rewrite:
        return lambda value: value
    pairs = sorted(rewrite.items(), key=lambda kv: -len(kv[0]))

    def text(value: str) -> str:
        for new, old in pairs:
            value = value.replace(new, old)
        return value

    def apply(value):
        if isinstance(value, bytes):
            return text(value.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        if isinstance(value, str):
            return text(value)
        if isinstance(value, np.ndarray) and value.dtype.kind in "OSU":
            return np.array([apply(v) for v in value.ravel()], dtype=object).reshape(value.shape)
        return value

    return apply


def _same(x, y) -> bool:
    if isinstance(x, np.ndarray) and x.dtype.kind in "fiub":
        return (isinstance(y, np.ndarray) and x.shape == y.shape and x.dtype == y.dtype
                and x.tobytes() == y.tobytes())
    if isinstance(x, np.ndarray) and x.dtype.kind == "V":  # compound
        return isinstance(y, np.ndarray) and x.dtype == y.dtype and x.tobytes() == y.tobytes()
    return np.array_equal(np.asarray(x, dtype=object), np.asarray(y, dtype=object))


def _attr_differences(where, x, y, skip, fix) -> list[str]:
    ax = {k: v for k, v in x.attrs.items() if k not in skip and not k.startswith("_")}
    ay = {k: fix(v) for k, v in y.attrs.items() if k not in skip and not k.startswith("_")}
    return [f"{where}@{key}" for key in sorted(set(ax) | set(ay))
            if key not in ax or key not in ay or not _same(np.asarray(ax[key]), np.asarray(ay[key]))]


def h5_differences(path_a, path_b, ignore=(), rewrite: dict[str, str] | None = None) -> list[str]:
    """Sorted names of the datasets (compared bit for bit, dtype included)
    and attributes (``name@key``, ``/@key`` for the file's) that differ
    between two relocsim output files, and ``objects: [...]`` when they hold
    different objects; empty when identical. Attributes in RUN_ATTRIBUTES or
    ``ignore`` are not compared."""
    import h5py

    skip = RUN_ATTRIBUTES | set(ignore) | {"DIMENSION_LIST", "REFERENCE_LIST"}
    fix = _rewriter(rewrite)
    out = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        names_a, names_b = [], []
        a.visit(names_a.append)
        b.visit(names_b.append)
        if sorted(names_a) != sorted(names_b):
            out.append(f"objects: {sorted(set(names_a) ^ set(names_b))}")
        for name in names_a:
            if name not in b:
                continue
            x, y = a[name], b[name]
            if isinstance(x, h5py.Dataset) != isinstance(y, h5py.Dataset):
                out.append(name)
                continue
            if isinstance(x, h5py.Dataset) and not _same(x[()], fix(y[()])):
                out.append(name)
            out += _attr_differences(name, x, y, skip, fix)
        out += _attr_differences("/", a, b, skip, fix)
    return sorted(out)


_PDF_DATES = re.compile(rb"/(CreationDate|ModDate)\s*\(([^)]*)\)")


def _pdf_without_dates(data: bytes) -> bytes:
    return _PDF_DATES.sub(lambda m: b"/" + m.group(1) + b" (" + b"x" * len(m.group(2)) + b")", data)


_DATED_TEXT = (b"Creation Time", b"date:create", b"date:modify", b"date:timestamp", b"Timestamp")


def _png_chunks(data: bytes):
    """(type, body) of every chunk but tIME and dated text; None if not a PNG."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    chunks, at = [], 8
    while at + 8 <= len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"tIME" or (kind in (b"tEXt", b"iTXt", b"zTXt") and body.split(b"\0", 1)[0] in _DATED_TEXT):
            continue
        chunks.append((kind, body))
    return chunks


def file_differences(path_a, path_b, rewrite: dict[str, str] | None = None,
                     ignore=MADE) -> tuple[list[str], str]:
    """(what differs, how they were compared) for two output files of any
    kind; the list is empty when they are the same."""
    a, b = Path(path_a), Path(path_b)
    if not b.exists():
        return [f"{b.name}: not made"], "missing"
    suffix = a.suffix.lower()
    if suffix in HDF5_SUFFIXES:
        return h5_differences(a, b, ignore, rewrite), (
            "HDF5: every dataset bit for bit and every attribute, apart from " + ", ".join(sorted(ignore)))
    da, db = a.read_bytes(), b.read_bytes()
    if suffix == ".pdf":
        same = _pdf_without_dates(da) == _pdf_without_dates(db)
        return ([] if same else ["bytes"]), "PDF: bytes, apart from /CreationDate and /ModDate"
    if suffix == ".png":
        ca, cb = _png_chunks(da), _png_chunks(db)
        if ca is not None and cb is not None:
            kinds = sorted({k.decode("latin-1") for (k, body), other in zip(ca, cb) if (k, body) != other})
            if len(ca) != len(cb):
                kinds.append("chunk count")
            return kinds, "PNG: every chunk (pixels and text), apart from tIME and dated text chunks"
    if rewrite and da != db:
        db = _rewriter(rewrite)(db)
        return ([] if da == db else ["bytes"]), "bytes, the rerun's folder paths put back to the package's"
    return ([] if da == db else ["bytes"]), "bytes"


def main(argv=None) -> int:
    """python3 -m relocsim.identical A B [--ignore ATTR ...]: exit 0 when the
    two outputs are the same (as file_differences says), 1 when they differ."""
    import argparse

    parser = argparse.ArgumentParser(prog="python3 -m relocsim.identical", description=main.__doc__)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--ignore", nargs="*", default=[], help="attributes not compared, besides MADE")
    args = parser.parse_args(argv)
    differ, how = file_differences(args.a, args.b, ignore=MADE | set(args.ignore))
    if differ:
        print(f"{args.a} and {args.b} differ ({how}): {', '.join(differ)}")
        return 1
    print(f"{args.a} and {args.b}: identical ({how})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
