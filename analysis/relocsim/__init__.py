"""Reading relocsim output files (see docs/OUTPUT.md for the layout)."""

from .reader import IncompleteRunError, events, firms, load_run, provenance

__all__ = ["IncompleteRunError", "events", "firms", "load_run", "provenance"]
