"""Open a relocsim run as xarray and pandas objects.

The file is netCDF-4 (docs/OUTPUT.md), so plain ``xarray.open_dataset`` works
too; these helpers add the checks and decoding a user should not have to
remember: that the run finished, and which labels the integer codes stand for.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

__all__ = [
    "IncompleteRunError",
    "NotASweepError",
    "load_run",
    "load_sweep",
    "file_kind",
    "events",
    "firms",
    "choices",
    "provenance",
    "flag_labels",
    "decode_flags",
]


class IncompleteRunError(ValueError):
    """The file is not the output of a run that finished."""


class NotASweepError(ValueError):
    """The file is a single run, not a sweep archive (docs/SWEEP.md)."""


def _check_complete(path: str | os.PathLike, ds: xr.Dataset) -> None:
    name = os.path.basename(os.fspath(path))
    # The writer fills a hidden ".NAME.tmp-HOST-PID" and renames it only at the end.
    if name.startswith(".") and ".tmp-" in name:
        raise IncompleteRunError(
            f"{path} is the temporary file of a run that is still writing or did not finish"
        )
    complete = ds.attrs.get("relocsim_complete")
    if complete is None or int(np.asarray(complete).item()) != 1:
        raise IncompleteRunError(
            f"{path} is not a complete relocsim run (relocsim_complete = {complete!r}); "
            "the run that wrote it did not finish"
        )


def _open(path: str | os.PathLike, **kwargs: Any) -> xr.Dataset:
    ds = xr.open_dataset(path, engine="h5netcdf", **kwargs)
    try:
        _check_complete(path, ds)
    except IncompleteRunError:
        ds.close()
        raise
    return ds


def load_run(path: str | os.PathLike, **kwargs: Any) -> xr.Dataset:
    """The whole run as an ``xarray.Dataset``, read lazily.

    Raises IncompleteRunError unless the run finished. Keyword arguments go to
    ``xarray.open_dataset``. Codes with a ``_FillValue`` (e.g. ``event_to_site``)
    come back as floats with NaN for "none", as xarray decodes CF; ``events()``
    and ``firms()`` give them as labelled categoricals instead.
    """
    return _open(path, **kwargs)


def file_kind(path: str | os.PathLike) -> str:
    """``"sweep"`` for a sweep archive (global attribute ``relocsim_sweep = 1``,
    docs/SWEEP.md), ``"run"`` for the output of one run. Reads only the
    attributes; does not check that the file is complete."""
    import h5py  # only the attributes: cheaper than opening the dataset

    with h5py.File(path, "r") as f:
        flag = f.attrs.get("relocsim_sweep")
    if flag is not None and int(np.asarray(flag).ravel()[0]) == 1:
        return "sweep"
    return "run"


def load_sweep(path: str | os.PathLike, **kwargs: Any) -> xr.Dataset:
    """A sweep archive as an ``xarray.Dataset`` with ``run`` as a coordinate.

    Raises IncompleteRunError unless the archive is whole
    (``relocsim_complete = 1``) and NotASweepError for a single run's file.
    ``relocsim.load`` gives the same dataset plus tidy tables (``runs``, ...).
    """
    ds = _open(path, **kwargs)
    flag = ds.attrs.get("relocsim_sweep")
    if flag is None or int(np.asarray(flag).ravel()[0]) != 1:
        ds.close()
        raise NotASweepError(f"{path} is a single run, not a sweep archive (no relocsim_sweep = 1)")
    return _with_defined_outcomes(path, _renamed_outcomes(ds), **kwargs)


def _with_defined_outcomes(path: str | os.PathLike, ds: xr.Dataset, **kwargs: Any) -> xr.Dataset:
    """The outcomes defined in SWEEP.toml ([[outcome]], docs/SWEEP.md) live
    in the group /outcomes, one variable along run each; they join the
    dataset beside the built-in ones (their names cannot clash: the sweep
    refuses a name the archive uses), each keeping its ``definition``."""
    if "defined_outcome" not in ds.variables:
        return ds
    defined = xr.open_dataset(path, engine="h5netcdf", group="outcomes", **kwargs)
    names = [str(n) for n in ds["defined_outcome"].values]
    merged = ds.assign({name: ("run", defined[name].values, dict(defined[name].attrs)) for name in names})
    defined.close()
    return merged


# Outcomes renamed for what they are (docs/SWEEP.md): archives written before
# keep the old names, which are read under the new ones. Their gross inflow
# was not recorded and stays absent.
RENAMED_OUTCOMES = {
    "capacity_moved_to_india": "india_capacity_net_change",
    "capacity_moved_to_asean": "asean_capacity_net_change",
}


def _renamed_outcomes(ds: xr.Dataset) -> xr.Dataset:
    names = {}
    for old, new in RENAMED_OUTCOMES.items():
        for prefix in ("", "diff_", "compare_mean_", "compare_ci_low_", "compare_ci_high_"):
            if prefix + old in ds.variables and prefix + new not in ds.variables:
                names[prefix + old] = prefix + new
    return ds.rename(names) if names else ds


def flag_labels(var: xr.DataArray, ds: xr.Dataset | None = None) -> dict[int, str]:
    """{code: label} of a CF-coded variable: from its ``label_coordinate``
    when it names one (exact labels), else from ``flag_values`` and
    ``flag_meanings`` (labels with spaces replaced by ``_``)."""
    coordinate = var.attrs.get("label_coordinate")
    if coordinate and ds is not None and coordinate in ds.variables:
        return {i: str(x) for i, x in enumerate(ds[coordinate].values)}
    meanings = str(var.attrs["flag_meanings"]).split()
    values = var.attrs.get("flag_values")
    codes = list(range(len(meanings))) if values is None else [int(v) for v in np.atleast_1d(values)]
    return dict(zip(codes, meanings))


def decode_flags(var: xr.DataArray, ds: xr.Dataset | None = None, values: np.ndarray | None = None) -> pd.Categorical:
    """Codes of a CF-coded variable as a categorical of labels; codes without
    a label (e.g. -1 = none) become NaN. Works for codes that do not start at
    0 (``choice_kind``: -1 stay, 0 move, 1 add)."""
    labels = flag_labels(var, ds)
    order = sorted(labels)
    position = {code: i for i, code in enumerate(order)}
    raw = np.asarray(var.values if values is None else values)
    if raw.dtype.kind == "f":  # CF-decoded: NaN where the _FillValue was
        raw = np.where(np.isnan(raw), np.iinfo(np.int32).min, raw)
    unique, inverse = np.unique(raw.astype(np.int64), return_inverse=True)
    mapped = np.array([position.get(int(c), -1) for c in unique], dtype=np.int64)
    return pd.Categorical.from_codes(mapped[inverse].reshape(raw.shape).ravel(), categories=[labels[c] for c in order])


def _labels(ds: xr.Dataset, var: xr.DataArray) -> list[str]:
    coordinate = var.attrs.get("label_coordinate")
    if coordinate:
        return [str(x) for x in ds[coordinate].values]
    return str(var.attrs["flag_meanings"]).split()


def _decode(ds: xr.Dataset, name: str, values: np.ndarray | None = None) -> pd.Categorical:
    """Codes of variable `name` as a categorical of labels; -1 (none) becomes NaN."""
    var = ds[name]
    codes = np.asarray(var.values if values is None else values).astype(np.int64)
    return pd.Categorical.from_codes(codes, categories=_labels(ds, var))


def events(path: str | os.PathLike) -> pd.DataFrame:
    """The event table, one row per event, with sites and kinds as labels.

    Columns: step, year, firm, from_site, to_site, kind, share. ``from_site``
    is NaN where the firm had no plant before the event.
    """
    with _open(path, mask_and_scale=False) as ds:
        step = ds["event_step"].values.astype(np.int64)
        years = ds["year"].values
        return pd.DataFrame(
            {
                "step": step,
                "year": years[step] if len(step) else np.array([], dtype=float),
                "firm": ds["event_firm"].values.astype(np.int64),
                "from_site": _decode(ds, "event_from_site"),
                "to_site": _decode(ds, "event_to_site"),
                "kind": _decode(ds, "event_kind_code"),
                "share": ds["event_share"].values.astype(np.float64),
            },
            index=pd.Index(ds["event"].values.astype(np.int64), name="event"),
        )


def firms(path: str | os.PathLike) -> pd.DataFrame:
    """The firms at the end of the run, one row per firm, indexed by firm id.

    Plants are spread over columns plant_site_0.., plant_share_0.. (one per
    plant slot); project_* describe the project under way (NaN where none).
    """
    with _open(path, mask_and_scale=False) as ds:
        columns: dict[str, Any] = {
            "sector": _decode(ds, "firm_sector"),
            "home": _decode(ds, "firm_home"),
            "capacity": ds["firm_capacity"].values,
            "productivity": ds["firm_productivity"].values,
        }
        sites = ds["firm_plant_site"].values
        shares = ds["firm_plant_share"].values
        for slot in range(ds.sizes["plant_slot"]):
            columns[f"plant_site_{slot}"] = _decode(ds, "firm_plant_site", sites[:, slot])
            columns[f"plant_share_{slot}"] = shares[:, slot]
        columns.update(
            {
                "project_site": _decode(ds, "firm_project_site"),
                "project_kind": _decode(ds, "firm_project_kind"),
                "project_share": ds["firm_project_share"].values,
                "project_months_left": ds["firm_project_months_left"].values,
                "pli_received": ds["firm_pli_received"].values,
            }
        )
        return pd.DataFrame(columns, index=pd.Index(ds["firm"].values.astype(np.int64), name="firm"))


CHOICE_PARTS = ("operating", "pli", "peers", "setup", "waiting")


def choices(path: str | os.PathLike) -> pd.DataFrame:
    """The choice log (``output.choice_log_every``), one row per option of
    each logged choice situation.

    Columns: situation, step, year, firm, site (label; NaN for stay), kind
    (stay, move, add), nest (stay or the site's bloc), chosen (0/1), value and
    its parts operating, pli, peers, setup, waiting (value = operating + pli +
    peers - setup - waiting; USD million per unit of capacity). The frame's ``attrs`` hold
    ``logit_scale`` and ``nest_lambda`` ({bloc: lambda}) the run was given.
    Raises ValueError when the run logged no choices.
    """
    with _open(path, mask_and_scale=False) as ds:
        if "choice_situation" not in ds.variables:
            raise ValueError(
                f"{path} has no choice log: run with --set output.choice_log_every=N (N > 0)"
            )
        step = ds["choice_step"].values.astype(np.int64)
        years = ds["year"].values
        frame = pd.DataFrame(
            {
                "situation": ds["choice_situation"].values.astype(np.int64),
                "step": step,
                "year": years[step] if len(step) else np.array([], dtype=float),
                "firm": ds["choice_firm"].values.astype(np.int64),
                "site": decode_flags(ds["choice_site"], ds),
                "kind": decode_flags(ds["choice_kind"], ds),
                "nest": decode_flags(ds["choice_nest"], ds),
                "chosen": ds["choice_chosen"].values.astype(np.int8),
                "value": ds["choice_value"].values.astype(np.float64),
                # Older files have no peers part: their value has none.
                **{
                    part: ds[f"choice_{part}"].values.astype(np.float64)
                    if f"choice_{part}" in ds.variables
                    else np.zeros(len(step))
                    for part in CHOICE_PARTS
                },
            }
        )
        frame.attrs["logit_scale"] = float(np.asarray(ds.attrs["choice_logit_scale"]).ravel()[0])
        lambdas = np.atleast_1d(np.asarray(ds.attrs["choice_nest_lambda"], dtype=float))
        frame.attrs["nest_lambda"] = {str(b): float(v) for b, v in zip(ds["bloc"].values, lambdas)}
        return frame


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def provenance(path: str | os.PathLike) -> dict[str, Any]:
    """Where the run came from: the global attributes as plain Python values,
    plus ``resolved_config`` (TOML text) and ``input_files`` ({path: contents}).

    For a sweep archive, ``arm_config`` ({arm: resolved TOML}) as well, and
    ``resolved_config`` is the reference arm's configuration when the archive
    has no ``resolved_config`` of its own.
    """
    with _open(path) as ds:
        out = {name: _plain(value) for name, value in ds.attrs.items()}
        if "arm_config" in ds.variables:
            out["arm_config"] = {
                str(a): str(text) for a, text in zip(ds["arm"].values, np.atleast_1d(ds["arm_config"].values))
            }
        if "resolved_config" in ds.variables:
            out["resolved_config"] = str(ds["resolved_config"].values.item())
        elif out.get("arm_config"):
            reference = str(out.get("reference_arm", ""))
            configs = out["arm_config"]
            out["resolved_config"] = configs.get(reference, next(iter(configs.values())))
        else:
            out["resolved_config"] = ""
        out["input_files"] = (
            {
                str(p): str(text)
                for p, text in zip(ds["input_file"].values, ds["input_file_contents"].values)
            }
            if "input_file_contents" in ds.variables
            else {}
        )
        return out
