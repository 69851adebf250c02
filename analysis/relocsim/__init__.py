"""relocsim's analysis package: read runs, sweep archives and calibration
files (``load_fit``), draw the figures, estimate sensitivity indices and the
choice model, export tables, and write a report (docs/ANALYSIS.md). Plotting
modules load matplotlib only when imported (``relocsim.figures``,
``relocsim.report``)."""

from .reader import (
    IncompleteRunError,
    NotASweepError,
    choices,
    decode_flags,
    events,
    file_kind,
    firms,
    flag_labels,
    load_run,
    load_sweep,
    provenance,
)
from .fit import Fit, load_fit, write_draws_design
from .results import Results, approval_delays, load, outcome_series

__all__ = [
    "Fit",
    "IncompleteRunError",
    "NotASweepError",
    "Results",
    "approval_delays",
    "choices",
    "decode_flags",
    "events",
    "file_kind",
    "firms",
    "flag_labels",
    "load",
    "load_fit",
    "load_run",
    "load_sweep",
    "outcome_series",
    "provenance",
    "write_draws_design",
]
