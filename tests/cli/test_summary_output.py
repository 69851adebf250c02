"""What the run summary prints for a reader: dates in the one convention
(YYYY-MM-DD, as the analysis package prints them) and an "open with" line
that works as printed."""

import re
import shlex
import subprocess

from conftest import TINY


def test_summary_names_records_by_date(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", tmp_path / "d.h5")
    assert r.returncode == 0, r.stderr
    header = next(line for line in r.stdout.splitlines() if line.strip().startswith("bloc"))
    dates = header.split()[1:]
    assert len(dates) == 2 and all(re.fullmatch(r"\d{4}-\d{2}-01", d) for d in dates), header
    assert not re.search(r"\b20\d\d\.\d\d\b", r.stdout), "a decimal year slipped through"
    from relocsim.dates import date_label  # the analysis package prints the same date
    import h5py

    with h5py.File(tmp_path / "d.h5", "r") as f:
        years = f["year"][...]
    assert dates == [date_label(years[0]), date_label(years[-1])]


def test_open_with_hint_runs_as_printed(relocsim, tmp_path):
    out = tmp_path / "h.h5"
    r = relocsim("run", TINY, "-o", out)
    assert r.returncode == 0, r.stderr
    line = next(line for line in r.stdout.splitlines() if "open with:" in line)
    command = line.split("open with:", 1)[1].strip()
    assert not command.startswith("python3 "), f"a bare python3 may lack xarray: {command}"
    done = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "<xarray.Dataset>" in done.stdout and "relocsim_complete:  1" in done.stdout
