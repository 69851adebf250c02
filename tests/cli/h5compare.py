"""Compares two relocsim output files dataset by dataset, bit for bit."""

import h5py
import numpy as np

# Attributes that record when, how and by which command a run was made; they
# differ between two runs of the same model by design.
RUN_ATTRIBUTES = {"start_time", "end_time", "threads", "command_line", "history"}


def _attrs(obj):
    return {k: v for k, v in obj.attrs.items() if k not in RUN_ATTRIBUTES and not k.startswith("_") and k not in ("DIMENSION_LIST", "REFERENCE_LIST")}


def differences(path_a, path_b):
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
            if isinstance(x, h5py.Dataset):
                vx, vy = x[()], y[()]
                if isinstance(vx, np.ndarray) and vx.dtype.kind in "fiub":
                    if vx.shape != vy.shape or vx.tobytes() != vy.tobytes():
                        out.append(name)
                elif not np.array_equal(np.asarray(vx, dtype=object), np.asarray(vy, dtype=object)):
                    out.append(name)
            ax, ay = _attrs(x), _attrs(y)
            for key in set(ax) | set(ay):
                if key not in ax or key not in ay or not np.array_equal(np.asarray(ax[key]), np.asarray(ay[key])):
                    out.append(f"{name}@{key}")
        ax, ay = _attrs(a), _attrs(b)
        for key in set(ax) | set(ay):
            if key not in ax or key not in ay or not np.array_equal(np.asarray(ax[key]), np.asarray(ay[key])):
                out.append(f"/@{key}")
    return out
