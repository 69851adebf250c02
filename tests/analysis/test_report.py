"""The report: one command from a run or a sweep to a self-contained folder
with index.html, the figures and the provenance; and the command line."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import relocsim
from relocsim.report import report


def _check_page(index: Path):
    text = index.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    images = re.findall(r'<img src="([^"]+)"', text)
    for image in images:
        assert (index.parent / image).is_file(), image
        assert not image.startswith("/") and "/" not in image  # self-contained folder
    for link in re.findall(r'<a href="([^"]+)"', text):
        assert (index.parent / link).is_file(), link
    assert "class=\"warning\"" not in text
    return text, images


def test_report_of_a_run(tiny_run, tmp_path):
    result = report(tiny_run, tmp_path / "rep")
    assert result.failures == []
    text, images = _check_page(result.index)
    assert set(images) == {"capacity_share_by_bloc.png", "india_and_asean.png", "indian_sites.png",
                           "projects_and_delays.png", "pli.png", "value_waterfall_electronics.png",
                           "value_waterfall_pharma.png"}
    assert "Why firms would or would not move" in text
    prov = relocsim.provenance(tiny_run)
    for key in ("program_version", "git_commit", "seed", "threads", "start_time", "end_time", "config_path"):
        assert html.escape(str(prov[key])) in text, key
    assert "<details><summary>Resolved configuration (TOML)</summary>" in text
    assert html.escape(prov["resolved_config"].splitlines()[0]) in text
    for caption in ("Capacity share by bloc", "Relocation", "PLI by sector at the end", "Indian sites at the end"):
        assert caption in text
    assert (tmp_path / "rep" / "pli.pdf").is_file()


@pytest.mark.parametrize("fixture, figures", [
    ("grid_sweep", {"paired_differences.png", "tornado.png", "heatmap.png", "fan_capacity_share_electronics.png"}),
    ("ishigami_sweep", {"sobol.png", "tornado.png", "heatmap.png"}),
    ("morris_sweep", {"morris.png", "tornado.png"}),
    ("compare_sweep", {"paired_differences.png", "fan_capacity_share_pharma.png"}),
])
def test_report_of_a_sweep(request, tmp_path, fixture, figures):
    path = request.getfixturevalue(fixture)
    result = report(path, tmp_path / "rep", formats=("png",))  # PDFs: checked on the run's report
    assert result.failures == []
    text, images = _check_page(result.index)
    assert figures <= set(images), images
    assert "Runs by status" in text and "Outcomes by arm" in text
    assert "sweep_id" in text and "design_method" in text
    if fixture == "ishigami_sweep":
        assert "Sobol&#x27; indices" in text and "Jansen" in text
    if fixture == "grid_sweep":
        assert "Runs that did not finish" in text and "engine error: synthetic" in text
        assert "Replication noise is" in text


def _cli(*args, cwd=None):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "relocsim", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_command_line(tiny_run, grid_sweep, tmp_path):
    done = _cli("report", tiny_run, "-o", tmp_path / "run_report")
    assert done.returncode == 0, done.stderr
    assert "index.html" in done.stdout and (tmp_path / "run_report" / "index.html").is_file()
    done = _cli("export", grid_sweep, "--table", "runs", "--format", "dta", "-o", tmp_path / "runs.dta")
    assert done.returncode == 0, done.stderr
    assert len(pd.read_stata(tmp_path / "runs.dta")) == 120
    done = _cli("export", tiny_run, "--table", "events", "-o", tmp_path / "events.csv")  # format from the suffix
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(tmp_path / "events.csv")) == len(relocsim.events(tiny_run))
    done = _cli("tables", grid_sweep)
    assert done.returncode == 0 and "runs" in done.stdout and "sweep" in done.stdout


def test_command_line_errors(tiny_run, tmp_path):
    missing = _cli("report", tmp_path / "none.h5", "-o", tmp_path / "r")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    unknown = _cli("export", tiny_run, "--table", "nope", "--format", "csv", "-o", tmp_path / "x.csv")
    assert unknown.returncode == 2 and "no table 'nope'" in unknown.stderr and "events" in unknown.stderr
    partial = tmp_path / ".out.h5.tmp-123"
    partial.write_bytes(Path(tiny_run).read_bytes())
    refused = _cli("report", partial, "-o", tmp_path / "r")
    assert refused.returncode == 2 and "temporary file" in refused.stderr
    no_log = _cli("estimate", tiny_run)
    assert no_log.returncode == 2 and "choice_log_every" in no_log.stderr


@pytest.fixture(scope="module")
def small_lhs(tmp_path_factory):
    """A 4-point Latin hypercube, 3 replications, with PLI paid 0 in every
    run (a scenario without a scheme): the cases the sweep report once drew
    as a 4x4 heatmap of 4 cells and called "noise is nan% of the variance"."""
    import numpy as np
    import synthetic
    from conftest import GRID_PARAMS

    unit = np.array([[0.1, 0.6], [0.35, 0.1], [0.6, 0.9], [0.85, 0.4]])
    ds = synthetic.sweep_dataset(GRID_PARAMS, unit, ["point"] * 4, np.arange(4),
                                 lambda v, a, r: 0.05 + 0.01 * v[:, 0] + 0.001 * r, method="lhs", replications=3)
    ds["pli_paid_total"] = ds["pli_paid_total"] * 0.0
    return synthetic.write(ds, tmp_path_factory.mktemp("lhs") / "lhs.h5")


def test_sweep_report_of_a_small_design(small_lhs, tmp_path):
    rep = report(small_lhs, tmp_path / "r", formats=("png",))
    assert not rep.failures
    text, images = _check_page(tmp_path / "r" / "index.html")
    assert "design_scatter.png" in images and "heatmap.png" not in images
    assert "nan%" not in text and "nan %" not in text
    constant = [p for p in re.findall(r"<p[^>]*>([^<]*)</p>", text) if "pli_paid_total" in p]
    assert constant and all("constant across runs" in p and "widen" not in p for p in constant)
    assert "India's capacity share in Electronics" in html.unescape(text)  # the fan's caption in words


def test_design_scatter_plots_each_point(small_lhs, tmp_path):
    from relocsim import figures, sweep

    with relocsim.load(small_lhs) as res:
        fig = figures.design_scatter(res, "india_capacity_share_end", "behaviour.logit_scale",
                                     "friction.single_window_factor", sector="electronics", out=tmp_path / "s")
        points = sweep.design_point_means(res, "india_capacity_share_end", "behaviour.logit_scale",
                                          "friction.single_window_factor", sector="electronics")
    dots = fig.axes[0].collections[0]
    assert len(points) == 4 and (points["runs"] == 3).all()
    assert dots.get_offsets().shape == (4, 2)
    np_points = points[["behaviour.logit_scale", "friction.single_window_factor"]].to_numpy()
    assert (dots.get_offsets() == np_points).all()
    assert list(dots.get_array()) == list(points["mean"])
    assert all(t.get_text().endswith("%") for t in fig.axes[0].texts)  # a share, in percent
