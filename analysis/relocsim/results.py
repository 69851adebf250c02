"""One call from a file to everything in it: ``relocsim.load(path)``.

A run's file (docs/OUTPUT.md) and a sweep archive (docs/SWEEP.md) both come
back as a :class:`Results`: the ``xarray.Dataset`` (``.ds``), its kind
(``"run"`` or ``"sweep"``), tidy pandas tables (``.tables``, built on first
use), the provenance, and a label for every table column (for Stata).

Tables are tidy: one row per observation, one column per variable. Besides
the named tables below, every group of variables sharing the same dimensions
is a table named by those dimensions joined with ``_`` (``step_site_sector``
holds capacity, employment and plants; ``run_step_bloc_sector`` a sweep's
capacity share time series).

Run tables: ``events``, ``firms``, ``choices`` (when the run logged
choices), ``delays`` (one row per project: start, end, months taken).
Sweep tables: ``runs`` (one row per run: design row, arm, replicate, seed,
status, error, the design's values, the run-level outcomes and, as
``OUTCOME_SECTOR`` columns, the per-sector ones), ``outcomes`` (one row per
run and sector), ``design`` (one row per design row: role, group and the
natural value of every parameter).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from . import reader
from .dates import date_columns
from .stata_labels import fit_label, unique_labels

__all__ = ["Results", "load", "with_results", "approval_delays", "outcome_series", "run_identifiers"]

# Variables that are labels, provenance or code coordinates, not table columns.
_SKIP = {"resolved_config"}
# Static site attributes added beside every table with a site dimension.
_SITE_COLUMNS = ("site_bloc", "site_corridor")


class Results(Mapping):
    """A run or a sweep archive opened once. Use as a mapping of table name to
    DataFrame (``res["runs"]``), or through ``.ds``, ``.kind``, ``.tables``.

    The dataset stays open (read lazily) until ``close()`` or the end of a
    ``with`` block.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        from .fit import is_calibration

        if is_calibration(path):  # not a run nor a sweep: say so, not "incomplete run"
            raise ValueError(f"{self.path} is a calibration file (relocsim_file_kind = 'calibration'): open it with "
                             "relocsim.fit.load_fit, or write its report with python3 -m relocsim report")
        self.kind = reader.file_kind(path)
        self.ds = reader.load_sweep(path) if self.kind == "sweep" else reader.load_run(path)
        self._raw: xr.Dataset | None = None
        self._cache: dict[str, pd.DataFrame] = {}
        self._provenance: dict[str, Any] | None = None

    # -- context manager and mapping ------------------------------------
    def close(self) -> None:
        self.ds.close()
        if self._raw is not None:
            self._raw.close()

    def __enter__(self) -> Results:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.table(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table_names())

    def __len__(self) -> int:
        return len(self.table_names())

    def __repr__(self) -> str:
        return f"<relocsim.Results {self.kind} {self.path}: tables {', '.join(self.table_names())}>"

    @property
    def tables(self) -> Results:
        """The tables as a mapping (each built when first read)."""
        return self

    @property
    def raw(self) -> xr.Dataset:
        """The same file opened without CF masking: integer codes stay integers."""
        if self._raw is None:
            self._raw = xr.open_dataset(self.path, engine="h5netcdf", mask_and_scale=False)
        return self._raw

    @property
    def provenance(self) -> dict[str, Any]:
        if self._provenance is None:
            self._provenance = reader.provenance(self.path)
        return self._provenance

    # -- tables -----------------------------------------------------------
    def _groups(self) -> dict[str, tuple[tuple[str, ...], list[str]]]:
        """Data variables grouped by dimensions: {table name: (dims, names)}."""
        groups: dict[tuple[str, ...], list[str]] = {}
        coordinate_names = set(self.ds.coords)
        for name, var in self.ds.data_vars.items():
            if name in _SKIP or name in coordinate_names or not var.dims:
                continue
            groups.setdefault(tuple(var.dims), []).append(name)
        return {"_".join(dims): (dims, names) for dims, names in groups.items()}

    def table_names(self) -> list[str]:
        generic = self._groups()
        if self.kind == "run":
            named = ["events", "firms", "delays"]
            if "choice_situation" in self.ds.variables:
                named.append("choices")
            hidden = {"event", "firm", "firm_plant_slot", "choice"}
        else:
            named = ["runs", "outcomes", "design"]
            hidden = {"run", "run_sector"}
        return named + [n for n in generic if n not in hidden and n not in named]

    def table(self, name: str) -> pd.DataFrame:
        """The table ``name`` (see the module's docstring); cached."""
        if name not in self._cache:
            self._cache[name] = _with_dates(self._build(name))
        return self._cache[name]

    def _build(self, name: str) -> pd.DataFrame:
        if name not in self.table_names():
            raise KeyError(f"{self.path} has no table {name!r}; it has: {', '.join(self.table_names())}")
        if self.kind == "run":
            if name == "events":
                return reader.events(self.path)
            if name == "firms":
                return reader.firms(self.path)
            if name == "choices":
                return reader.choices(self.path)
            if name == "delays":
                blocs = dict(zip(self.ds["site"].values, self._decoded("site_bloc").astype(str)))
                return approval_delays(self.table("events"), self.ds["year"].values, blocs)
        else:
            if name == "runs":
                return self._runs()
            if name == "outcomes":
                return self._outcomes()
            if name == "design":
                return self._design()
        dims, names = self._groups()[name]
        return self._dims_table(dims, names)

    def _decoded(self, name: str) -> pd.Categorical:
        return reader.decode_flags(self.raw[name], self.raw)

    def _dims_table(self, dims: tuple[str, ...], names: list[str]) -> pd.DataFrame:
        frame = self.ds[names].to_dataframe().reset_index()
        leading = list(dims)
        if "year" in frame.columns and "step" in frame.columns:
            leading.insert(leading.index("step") + 1, "year")
        for name in names:  # codes (CF flags) as their labels
            if "flag_meanings" in self.ds[name].attrs:
                frame[name] = reader.decode_flags(self.raw[name].transpose(*dims), self.raw)
        if "site" in dims and not set(_SITE_COLUMNS) <= set(names):
            sites = pd.DataFrame(
                {"site": self.ds["site"].values}
                | {c: (self._decoded(c) if c == "site_bloc" else self.ds[c].values) for c in _SITE_COLUMNS if c in self.ds}
            )
            frame = frame.merge(sites, on="site", how="left", suffixes=("", "_static"))
            leading += [c for c in _SITE_COLUMNS if c in frame.columns and c not in names]
        if "run" in dims:
            frame = frame.merge(run_identifiers(self), on="run", how="left")
            leading += ["design_row", "arm", "replicate"]
        rest = [c for c in frame.columns if c not in leading]
        return frame[[c for c in leading if c in frame.columns] + rest]

    # -- sweep tables -----------------------------------------------------
    def _params(self) -> list[str]:
        return [str(p) for p in self.ds["param"].values] if "param" in self.ds.coords else []

    def _design(self) -> pd.DataFrame:
        ds = self.ds
        out = pd.DataFrame({"design_row": ds["design_row"].values.astype(np.int64)})
        for name in ("design_role", "design_group"):
            if name in ds:
                out[name] = ds[name].values
        values = ds["design_value"].transpose("design_row", "param").values
        for i, p in enumerate(self._params()):
            out[p] = values[:, i]
        return out

    def _runs(self) -> pd.DataFrame:
        ds = self.ds
        runs = run_identifiers(self)
        runs["seed"] = self.raw["run_seed"].values.astype(np.uint64) if "run_seed" in ds else np.nan
        runs["status"] = self._decoded("run_status") if "run_status" in ds else "done"
        runs["error"] = [str(e) for e in ds["run_error"].values] if "run_error" in ds else ""
        design = self._design()
        runs = runs.merge(design, on="design_row", how="left")
        # Every outcome column gathered first and joined in one concat: adding
        # them one by one fragments the frame (pandas' PerformanceWarning,
        # one per column past the hundredth block).
        columns: dict[str, np.ndarray] = {}
        for name, var in ds.data_vars.items():
            if var.dims == ("run",) and not name.startswith("run_") and name not in runs.columns:
                columns[name] = var.values
        sectors = [str(s) for s in ds["sector"].values] if "sector" in ds.coords else []
        for name, var in ds.data_vars.items():
            if var.dims == ("run", "sector"):
                values = var.transpose("run", "sector").values
                for j, sector in enumerate(sectors):
                    columns[f"{name}_{sector}"] = values[:, j]
        if not columns:
            return runs
        return pd.concat([runs, pd.DataFrame(columns, index=runs.index)], axis=1)

    def _outcomes(self) -> pd.DataFrame:
        names = [n for n, v in self.ds.data_vars.items() if v.dims == ("run", "sector")]
        frame = self.ds[names].to_dataframe().reset_index()
        ids = self.table("runs")
        keep = ["run", "design_row", "arm", "replicate", "status", *self._params()]
        frame = frame.merge(ids[[c for c in keep if c in ids.columns]], on="run", how="left")
        lead = [c for c in ["run", "sector", *keep[1:]] if c in frame.columns]
        return frame[lead + [c for c in frame.columns if c not in lead]]

    # -- labels (Stata variable labels) ----------------------------------
    def column_labels(self, name: str) -> dict[str, str]:
        """{column: label} for table ``name`` (index levels included): each
        variable's ``long_name`` with its units, or a description of a
        derived column; at most 80 characters (Stata's limit) and distinct,
        shortened where needed so that what tells columns apart (the sector
        of a per-sector column, the outcome of a paired difference) stays."""
        frame = self.table(name)
        columns = [n for n in frame.index.names if n is not None] + list(frame.columns)
        prefix = {"firms": "firm_", "events": "event_", "choices": "choice_"}.get(name, "")
        labels: dict[str, str] = {}
        for column in map(str, columns):
            labels[column] = self._label(name, column, prefix)
        return unique_labels(labels)

    def _label(self, table: str, column: str, prefix: str) -> str:
        label = _DERIVED_LABELS.get((table, column)) or _DERIVED_LABELS.get(("*", column))
        if label is not None:
            return fit_label(label)
        slot = re.match(r"^(.*)_(\d+)$", column)
        if prefix and prefix + column in self.ds.variables:
            return fit_label(self._describe(prefix + column))
        if prefix and slot and prefix + slot.group(1) in self.ds.variables:
            return fit_label(self._describe(prefix + slot.group(1)), f", plant slot {slot.group(2)}")
        if column in self.ds.variables:
            return fit_label(self._describe(column))
        if table == "runs":
            sectors = [str(s) for s in self.ds["sector"].values] if "sector" in self.ds.coords else []
            for sector in sorted(sectors, key=len, reverse=True):
                base = column[: -len(sector) - 1]
                if column.endswith("_" + sector) and base in self.ds.variables:
                    return fit_label(self._describe(base), f", {sector}")
        if column in self._params():
            return fit_label(f"value of {column}")
        return fit_label(column)

    def _describe(self, name: str) -> str:
        """A variable's label; a paired difference is named by its outcome
        first, since the archive's long name of every ``diff_*`` starts with
        the same 80 characters of explanation."""
        if name.startswith("diff_") and name[5:] in self.ds.variables:
            return f"arm minus reference arm: {_describe(self.ds[name[5:]])}"
        return _describe(self.ds[name])

    def column_codes(self, name: str) -> dict[str, dict[int, str]]:
        """{column: {code: label}} for the columns of table ``name`` that
        stand for a coded variable of the file, with the file's own codes
        (``status``: 0 done, 1 failed, -1 not run, as ``run_status``), so an
        export codes them as the file does."""
        frame = self.table(name)
        prefix = {"firms": "firm_", "events": "event_"}.get(name, "")
        sources = {"status": "run_status", "arm": "run_arm"} if name in ("runs", "outcomes") else {}
        out: dict[str, dict[int, str]] = {}
        for column in map(str, frame.columns):
            source = sources.get(column) or next(
                (c for c in (prefix + column, column) if c in self.raw.variables and "flag_meanings" in self.raw[c].attrs),
                None)
            if source is None or source not in self.raw.variables or "flag_meanings" not in self.raw[source].attrs:
                continue
            out[column] = reader.flag_labels(self.raw[source], self.raw)
        return out


def _with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with ``date`` and ``quarter`` columns after each decimal-year
    column (``year``, ``start_year``), named ``date``/``quarter`` or
    ``start_date``/``start_quarter`` (dates.py)."""
    for column in [c for c in frame.columns if str(c) in ("year", "start_year")]:
        stem = str(column)[: -len("year")]
        dates, quarters = date_columns(frame[column].to_numpy())
        at = list(frame.columns).index(column) + 1
        frame = frame.copy() if frame is not None else frame
        frame.insert(at, f"{stem}date", dates)
        frame.insert(at + 1, f"{stem}quarter", quarters)
    return frame


_DERIVED_LABELS = {
    ("*", "arm"): "arm of the sweep",
    ("*", "design_row"): "row of the design",
    ("*", "replicate"): "replicate (common random numbers across arms)",
    ("runs", "seed"): "seed of the run",
    ("runs", "status"): "status of the run (0 done, 1 failed, -1 not run)",
    ("outcomes", "status"): "status of the run (0 done, 1 failed, -1 not run)",
    ("*", "date"): "date of the record's state (end of the step), YYYY-MM-DD",
    ("*", "quarter"): "calendar quarter ending at that date",
    ("delays", "start_date"): "date at the end of the start step, YYYY-MM-DD",
    ("delays", "start_quarter"): "calendar quarter of the start step",
    ("runs", "error"): "error message when the run failed",
    ("delays", "firm"): "firm id",
    ("delays", "kind"): "kind of project (move, add)",
    ("delays", "to_site"): "site of the project",
    ("delays", "to_bloc"): "bloc of the project's site",
    ("delays", "start_step"): "step in which the project started",
    ("delays", "end_step"): "step in which it completed or was abandoned; missing while pending",
    ("delays", "start_year"): "decimal year at the end of the start step [year]",
    ("delays", "outcome"): "completed, abandoned or pending at the end of the run",
    ("delays", "months"): "months from start to completion or abandonment [month]",
    ("events", "event"): "event number, in the order events happened",
    ("firms", "firm"): "firm id",
    ("firms", "project_kind"): "kind of the project under way (move, add)",
    ("events", "step"): "step of the event",
    ("events", "year"): "decimal year at the end of the step [year]",
    ("events", "firm"): "firm id",
    ("events", "from_site"): "largest plant's site before the event",
    ("events", "to_site"): "site of the project",
    ("events", "kind"): "kind of event",
    ("events", "share"): "share of capacity the project moves",
    ("choices", "situation"): "choice situation (one firm's review in one step)",
    ("choices", "kind"): "kind of option (stay, move, add)",
    ("choices", "nest"): "nest of the option",
    ("choices", "chosen"): "1 for the option chosen",
    ("choices", "value"): "value of the option [USD million per unit]",
}


def _describe(var: xr.DataArray) -> str:
    long_name = str(var.attrs.get("long_name", var.name))
    units = str(var.attrs.get("units", ""))
    return f"{long_name} [{units}]" if units and units != "1" else long_name


def run_identifiers(res: Results) -> pd.DataFrame:
    """run, design_row, arm (label), replicate: one row per run of a sweep."""
    ds = res.ds
    n = ds.sizes["run"]
    frame = pd.DataFrame({"run": ds["run"].values.astype(np.int64)})
    frame["design_row"] = (
        res.raw["run_design_row"].values.astype(np.int64) if "run_design_row" in ds else np.zeros(n, np.int64)
    )
    frame["arm"] = res._decoded("run_arm") if "run_arm" in ds else pd.Categorical(["base"] * n)
    frame["replicate"] = (
        res.raw["run_replicate"].values.astype(np.int64) if "run_replicate" in ds else np.zeros(n, np.int64)
    )
    return frame


def outcome_series(res: Results, outcome: str, sector: str | None = None, reduce: str = "sum") -> pd.Series:
    """One value per run of a sweep outcome, indexed by run.

    For a (run, sector) outcome give ``sector``, or ``reduce`` it over sectors
    with ``"sum"`` or ``"mean"`` (NaN propagates: a run with any NaN gives NaN).
    """
    var = res.ds[outcome]
    if "sector" in var.dims:
        if sector is not None:
            var = var.sel(sector=sector)
        elif reduce == "sum":
            var = var.sum("sector", skipna=False)
        elif reduce == "mean":
            var = var.mean("sector", skipna=False)
        else:
            raise ValueError(f"reduce must be 'sum' or 'mean', not {reduce!r}")
    extra = [d for d in var.dims if d != "run"]
    if extra:
        raise ValueError(f"{outcome} has dimensions {var.dims}: select {extra} first")
    return pd.Series(var.values.astype(float), index=pd.Index(res.ds["run"].values.astype(np.int64), name="run"),
                     name=outcome if sector is None else f"{outcome}_{sector}")


def approval_delays(
    events: pd.DataFrame, years: np.ndarray, site_bloc: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per project from the event table: when it started and when it
    completed or was abandoned, and the months in between.

    A project starts with ``move_started``/``add_started`` and ends with the
    firm's next ``move_completed``/``add_completed`` or ``abandoned`` at the
    same site. The time is counted in whole steps (a step is
    ``12 / steps_per_year`` months), so it includes building as well as the
    approval, and a project that starts and completes in one step took 0
    months. Projects still under way at the end have outcome ``pending`` and
    no end. With ``site_bloc`` ({site: bloc}) a ``to_bloc`` column is added.
    """
    years = np.asarray(years, dtype=float)
    months_per_step = 12.0 * float(years[1] - years[0]) if len(years) > 1 else 3.0
    columns = ["firm", "kind", "to_site", "start_step", "start_year", "end_step", "outcome", "months"]
    if events.empty:
        events = events.assign(kind=pd.Categorical([], categories=["move_started"]))
    kind = events["kind"].astype(str).to_numpy()
    site = events["to_site"].astype(object).to_numpy()
    firm = events["firm"].to_numpy()
    step = events["step"].to_numpy()
    order = np.lexsort((np.arange(len(events)), step, firm))  # by firm, then step, then as written
    open_projects: dict[int, list[list[Any]]] = {}
    rows: list[list[Any]] = []
    for i in order:
        f, k, s, t = int(firm[i]), kind[i], site[i], int(step[i])
        if k.endswith("_started"):
            row = [f, k[: -len("_started")], s, t, float(years[t]), None, "pending", np.nan]
            rows.append(row)
            open_projects.setdefault(f, []).append(row)
            continue
        family = k[: -len("_completed")] if k.endswith("_completed") else None
        pending = open_projects.get(f, [])
        for j, row in enumerate(pending):
            if row[2] == s and (family is None or row[1] == family):
                row[5] = t
                row[6] = "completed" if family else "abandoned"
                row[7] = (t - row[3]) * months_per_step
                del pending[j]
                break
    frame = pd.DataFrame(rows, columns=columns)
    frame["end_step"] = frame["end_step"].astype("Int64")
    frame["kind"] = pd.Categorical(frame["kind"], categories=["move", "add"])
    frame["outcome"] = pd.Categorical(frame["outcome"], categories=["completed", "abandoned", "pending"])
    frame["to_site"] = pd.Categorical(frame["to_site"], categories=list(events["to_site"].cat.categories))
    if site_bloc is not None:
        blocs = list(dict.fromkeys(site_bloc.values()))
        frame.insert(3, "to_bloc", pd.Categorical(frame["to_site"].astype(object).map(site_bloc), categories=blocs))
    return frame.sort_values(["start_step", "firm"], kind="stable").reset_index(drop=True)


def with_results(func: Callable[..., Any]) -> Callable[..., Any]:
    """Let ``func(res, ...)`` take a path too: it is opened as Results for
    the call and closed after it."""

    @functools.wraps(func)
    def wrapper(source: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(source, Results):
            return func(source, *args, **kwargs)
        with Results(source) as res:
            return func(res, *args, **kwargs)

    return wrapper


def load(path: str | os.PathLike) -> Results:
    """Open a run's file or a sweep archive (told apart by the global attribute
    ``relocsim_sweep``) as :class:`Results`. Raises IncompleteRunError unless
    the file is complete."""
    return Results(path)
