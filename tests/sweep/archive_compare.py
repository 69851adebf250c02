"""Compares two sweep archives dataset by dataset, bit for bit, and every
attribute but those that say when, where and by which command it was made."""

import h5py
import numpy as np

PROVENANCE = {"start_time", "end_time", "threads", "command_line", "history", "host"}


def _attrs(obj, ignore):
    skip = PROVENANCE | set(ignore) | {"DIMENSION_LIST", "REFERENCE_LIST"}
    return {k: v for k, v in obj.attrs.items() if k not in skip and not k.startswith("_")}


def _same(x, y):
    if isinstance(x, np.ndarray) and x.dtype.kind in "fiub":
        return x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes()
    return np.array_equal(np.asarray(x, dtype=object), np.asarray(y, dtype=object))


def differences(path_a, path_b, ignore=()):
    """Names of datasets and attributes that differ (empty when identical)."""
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
            if isinstance(x, h5py.Dataset) and not _same(x[()], y[()]):
                out.append(name)
            ax, ay = _attrs(x, ignore), _attrs(y, ignore)
            for key in set(ax) | set(ay):
                if key not in ax or key not in ay or not np.array_equal(np.asarray(ax[key]), np.asarray(ay[key])):
                    out.append(f"{name}@{key}")
        ax, ay = _attrs(a, ignore), _attrs(b, ignore)
        for key in set(ax) | set(ay):
            if key not in ax or key not in ay or not np.array_equal(np.asarray(ax[key]), np.asarray(ay[key])):
                out.append(f"/@{key}")
    return sorted(out)
