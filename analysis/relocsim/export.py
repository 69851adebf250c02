"""Export any table of a run or a sweep to CSV or Stata .dta.

CSV: the tidy table as it is (categories as their labels, missing values
empty). Stata (format 118, UTF-8): variable labels from the variables'
``long_name`` and units, categories as value labels, names made legal for
Stata (letters, digits and ``_``, at most 32 characters, not a reserved
word, unique; a renamed column keeps its original name in its label), labels
that fit Stata's 80 characters and stay distinct (stata_labels.py), coded
columns with the file's own codes as value labels (a sweep's ``status``: 0
done, 1 failed, -1 not run, as ``run_status``), unsigned 64-bit integers
(seeds) written as text because Stata's numbers cannot hold them exactly, and
long strings as strL. Tables with a decimal year carry its ``date`` and
``quarter`` (dates.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .results import Results, load
from .stata_labels import fit_label, unique_labels

__all__ = ["export_table", "stata_frame", "stata_names", "FORMATS"]

FORMATS = ("csv", "dta")

# Stata's reserved words (Stata 17 manual, [U] 11.3), as pandas checks them.
_RESERVED = {
    "aggregate", "array", "boolean", "break", "byte", "case", "catch", "class", "colvector", "complex", "const",
    "continue", "default", "delegate", "delete", "do", "double", "else", "eltypedef", "end", "enum", "explicit",
    "export", "external", "float", "for", "friend", "function", "global", "goto", "if", "inline", "int", "local",
    "long", "NULL", "pragma", "protected", "quad", "rowvector", "short", "typedef", "typename", "virtual",
    "_all", "_N", "_skip", "_b", "_pi", "str#", "in", "_pred", "strL", "_coef", "_rc", "using", "_cons", "_se",
    "with", "_n",
}
_NAME_LIMIT = 32
_STR_LIMIT = 2045


def stata_names(columns: list[str]) -> dict[str, str]:
    """{column: legal, unique Stata name}."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", str(column))
        if not name or not (name[0].isalpha() or name[0] == "_"):
            name = f"v_{name}"
        if name in _RESERVED:
            name = f"{name}_"
        name = name[:_NAME_LIMIT]
        candidate, n = name, 1
        while candidate.lower() in used:
            suffix = f"_{n}"
            candidate = name[: _NAME_LIMIT - len(suffix)] + suffix
            n += 1
        used.add(candidate.lower())
        out[str(column)] = candidate
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Named index levels (event, firm) become columns."""
    if any(name is not None for name in frame.index.names):
        return frame.reset_index()
    return frame.reset_index(drop=True)


def _coded(values: pd.Series, codes: dict[int, str]) -> np.ndarray:
    """Labels back to the file's codes; a label the file does not code (or
    a missing one) becomes Stata's missing value."""
    by_label = {label: code for code, label in codes.items()}
    mapped = values.astype(object).map(lambda v: by_label.get(str(v), np.nan) if not pd.isna(v) else np.nan)
    mapped = mapped.to_numpy(dtype=float)
    return mapped if np.isnan(mapped).any() else mapped.astype(np.int32)


def stata_frame(
    frame: pd.DataFrame, labels: dict[str, str] | None = None, codes: dict[str, dict[int, str]] | None = None
) -> tuple[pd.DataFrame, dict[str, str], list[str], dict[str, dict[int, str]]]:
    """The frame with Stata-safe names and types: (frame, variable labels by
    new name, columns to write as strL, value labels by new name for the
    columns in ``codes``, which keep those codes)."""
    labels = labels or {}
    codes = codes or {}
    frame = _flat(frame)
    names = stata_names([str(c) for c in frame.columns])
    columns: dict[str, Any] = {}
    new_labels: dict[str, str] = {}
    value_labels: dict[str, dict[int, str]] = {}
    strl: list[str] = []
    for column in frame.columns:
        values = frame[column]
        name = names[str(column)]
        label = labels.get(str(column), str(column))
        # A renamed column keeps its original name in its label where both
        # fit; a name cut to 32 characters is told apart by its label alone.
        if name != str(column) and str(column) not in label and len(f"{column}: {label}") <= 80:
            label = f"{column}: {label}"
        if str(column) in codes:
            values = _coded(values, codes[str(column)])
            value_labels[name] = dict(codes[str(column)])
        elif isinstance(values.dtype, pd.CategoricalDtype):
            categories = [str(c) for c in values.cat.categories]
            values = pd.Categorical.from_codes(values.cat.codes.to_numpy(), categories=categories)
        elif values.dtype == np.uint64 or (values.dtype.kind == "u" and values.dtype.itemsize == 8):
            values = values.astype(str)
            label = f"{label} (text: exact 64-bit integer)"
        elif values.dtype.kind == "u":
            values = values.astype(np.int64)
        elif values.dtype.kind == "b":
            values = values.astype(np.int8)
        elif isinstance(values.dtype, pd.api.extensions.ExtensionDtype) and values.dtype.kind in "iuf":
            values = values.astype("float64")  # nullable integers: missing as Stata's .
        elif values.dtype == object:
            values = values.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
            longest = int(values.str.len().max()) if len(values) else 0
            if longest > _STR_LIMIT:
                strl.append(name)
        columns[name] = np.asarray(values) if not isinstance(values, pd.Categorical) else values
        new_labels[name] = label
    # One frame at once: inserting columns one by one fragments it.
    out = pd.DataFrame(columns, index=range(len(frame)))
    fitted = unique_labels({n: fit_label(l) for n, l in new_labels.items()})
    return out, fitted, strl, value_labels


def export_table(source: Any, table: str, fmt: str, out: str | os.PathLike) -> Path:
    """Write table ``table`` of a run or sweep (path or Results) to ``out``
    as ``fmt`` ("csv" or "dta"). Returns the path written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    res = source if isinstance(source, Results) else load(source)
    try:
        frame = _flat(res.table(table))
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            frame.to_csv(out, index=False)
            return out
        data, labels, strl, value_labels = stata_frame(frame, res.column_labels(table), res.column_codes(table))
        prov = res.ds.attrs
        data_label = fit_label(f"relocsim {res.kind} {table}: {prov.get('config_path', '')} {prov.get('git_commit', '')}".strip())
        data.to_stata(
            out,
            write_index=False,
            version=118,
            variable_labels=labels,
            data_label=data_label,
            convert_strl=strl or None,
            value_labels=value_labels or None,
        )
        return out
    finally:
        if res is not source:
            res.close()
