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

__all__ = ["IncompleteRunError", "load_run", "events", "firms", "provenance"]


class IncompleteRunError(ValueError):
    """The file is not the output of a run that finished."""


def _check_complete(path: str | os.PathLike, ds: xr.Dataset) -> None:
    name = os.path.basename(os.fspath(path))
    # The writer fills a hidden ".NAME.tmp-PID" and renames it only at the end.
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


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def provenance(path: str | os.PathLike) -> dict[str, Any]:
    """Where the run came from: the global attributes as plain Python values,
    plus ``resolved_config`` (TOML text) and ``input_files`` ({path: contents}).
    """
    with _open(path) as ds:
        out = {name: _plain(value) for name, value in ds.attrs.items()}
        out["resolved_config"] = str(ds["resolved_config"].values.item())
        out["input_files"] = {
            str(p): str(text)
            for p, text in zip(ds["input_file"].values, ds["input_file_contents"].values)
        }
        return out
