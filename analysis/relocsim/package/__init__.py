"""A paper's replication package in one command (docs/REPLICATION.md):
``make_package`` runs what PAPER.toml lists and gathers inputs, outputs,
programs, a main script and a README into a folder; ``check_package`` reruns
it and compares every output with the archived one."""

from .build import PackageInputError, PackageRunError, make_package
from .check import check_package, report_lines
from .paper import PaperError, read_paper

__all__ = ["PackageInputError", "PackageRunError", "PaperError", "check_package", "make_package", "read_paper",
           "report_lines"]
