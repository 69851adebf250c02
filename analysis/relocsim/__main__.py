"""The command line: ``python3 -m relocsim`` (with ``analysis`` on PYTHONPATH).

    python3 -m relocsim report RUN_SWEEP_OR_FIT.h5 -o DIR
    python3 -m relocsim export FILE --table NAME --format csv|dta -o PATH
    python3 -m relocsim tables FILE
    python3 -m relocsim estimate RUN.h5
    python3 -m relocsim margins RUN.h5 [--since YEAR]
    python3 -m relocsim draws FIT.h5 -o DESIGN.csv
    python3 -m relocsim package PAPER.toml -o DIR
    python3 -m relocsim package --check DIR [--only NAME,...]

Exit status: 0 done, 1 a report section failed or writing failed, 2 bad
input (no such file, incomplete run, unknown table).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m relocsim",
        description="Figures, tables, statistics and reports from relocsim runs, sweep archives and calibrations.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="write an HTML report (index.html, PNG and PDF figures) of a run, a sweep or a calibration")
    rep.add_argument("file", help="a run's output file, a sweep archive or a calibration (FIT.h5)")
    rep.add_argument("-o", "--output", required=True, help="folder to write the report into (created)")
    rep.add_argument("--title", help="the report's title (default: from the configuration path)")
    exp = sub.add_parser("export", help="write one table of a run or a sweep as CSV or Stata .dta")
    exp.add_argument("file")
    exp.add_argument("--table", required=True, help="table name (python3 -m relocsim tables FILE lists them)")
    exp.add_argument("--format", choices=("csv", "dta"), default=None, help="default: from the suffix of -o")
    exp.add_argument("-o", "--output", required=True, help="file to write")
    tab = sub.add_parser("tables", help="list the tables of a run or a sweep, with their sizes")
    tab.add_argument("file")
    drw = sub.add_parser("draws", help="write a calibration's parameter draws as a sweep's csv design (docs/CALIBRATE.md)")
    drw.add_argument("file", help="a calibration file (relocsim calibrate ... -o FIT.h5)")
    drw.add_argument("-o", "--output", required=True, help="the design CSV to write")
    est = sub.add_parser("estimate", help="re-estimate the conditional logit of location choice from a run's choice log")
    est.add_argument("file")
    est.add_argument("--terms", choices=("parts", "value"), default="parts")
    mar = sub.add_parser("margins", help="how many of a run's logged moves are worth more than staying, by destination bloc")
    mar.add_argument("file")
    mar.add_argument("--since", type=float, help="only reviews in or after this decimal year")
    pkg = sub.add_parser("package", help="make a paper's replication package, or --check one (docs/REPLICATION.md)")
    pkg.add_argument("target", help="PAPER.toml (with -o), or the package folder (with --check)")
    pkg.add_argument("-o", "--output", help="the package folder to write (new or empty)")
    pkg.add_argument("--check", action="store_true", help="rerun the package in a scratch folder and compare every output")
    pkg.add_argument("--only", help="with --check: the steps to rerun, comma-separated (the rest are used as archived)")
    pkg.add_argument("--keep-scratch", action="store_true", help="with --check: keep the scratch folder")
    pkg.add_argument("--relocsim", help="the relocsim program (default: $RELOCSIM_BIN, else relocsim on PATH)")
    return parser


def _package(args) -> int:
    from .package import PackageInputError, PackageRunError, PaperError, check_package, make_package, report_lines

    try:
        if args.check:
            if args.output:
                raise PackageInputError("--check takes the package folder, not -o")
            only = [n for n in (args.only or "").split(",") if n]
            result = check_package(args.target, only, relocsim=args.relocsim, keep=args.keep_scratch,
                                   echo=lambda line: print(line, file=sys.stderr))
            for line in report_lines(result):
                print(line)
            return 0 if result.identical else 1
        if not args.output:
            raise PackageInputError("say where to write the package: -o DIR")
        if args.only or args.keep_scratch:
            raise PackageInputError("--only and --keep-scratch go with --check")
        out = make_package(args.target, args.output, relocsim=args.relocsim)
        print(f"package: {out} (README.md, run_all.sh; check it with: python3 -m relocsim package --check {out})")
        return 0
    except PaperError as error:
        for message in error.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2
    except PackageInputError as error:
        print(f"relocsim package: {error}", file=sys.stderr)
        return 2
    except PackageRunError as error:
        print(f"relocsim package: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"relocsim package: {error}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "package":
        return _package(args)
    from .reader import IncompleteRunError
    from .results import load

    try:
        if not Path(args.file).is_file():
            raise FileNotFoundError(f"{args.file}: no such file")
        if args.command == "report":
            from .report import report

            result = report(args.file, args.output, title=args.title)
            print(f"report: {result.index}")
            if result.failures:
                for failure in result.failures:
                    print(f"relocsim report: section failed: {failure}", file=sys.stderr)
                return 1
        elif args.command == "export":
            from .export import export_table

            fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
            if fmt not in ("csv", "dta"):
                raise ValueError(f"say --format csv or dta (the suffix of {args.output} does not tell)")
            with load(args.file) as res:
                if args.table not in res.table_names():
                    raise KeyError(f"{args.file} has no table {args.table!r}; it has: {', '.join(res.table_names())}")
                path = export_table(res, args.table, fmt, args.output)
            print(f"{args.table}: {path}")
        elif args.command == "tables":
            with load(args.file) as res:
                print(f"{args.file}: {res.kind}")
                for name in res.table_names():
                    frame = res.table(name)
                    print(f"  {name:28s} {len(frame):>9d} rows  {frame.shape[1]:>3d} columns")
        elif args.command == "draws":
            from .fit import write_draws_design

            rows = write_draws_design(args.file, args.output)
            print(f"{rows} parameter draws: {args.output} (method = \"csv\", design = this file, in SWEEP.toml)")
        elif args.command == "estimate":
            from .econometrics import fit_choice_logit

            est = fit_choice_logit(args.file, terms=args.terms)
            print(est.fit.summary())
            print(est.table.to_string())
            for note in est.notes:
                print(f"note: {note}")
        elif args.command == "margins":
            from .margins import choice_margins

            table = choice_margins(args.file, since=args.since)
            print(f"{args.file}: the logged reviews by where the firm went; value_led: the share whose choice is worth")
            print("more than staying (for stay: in which no option is); gains in USD million per unit of capacity")
            print(table.to_string(float_format=lambda v: f"{v:.4g}"))
    except (FileNotFoundError, IncompleteRunError, KeyError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"relocsim: {message}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"relocsim: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
