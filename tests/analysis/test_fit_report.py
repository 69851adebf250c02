"""The calibration file (``relocsim calibrate ... -o FIT.h5``): reading it
(relocsim.fit) and its report (relocsim.fit_report, reached through
``relocsim.report`` and ``python3 -m relocsim report``), on synthetic files
written by synthetic_fit.py in the layout the C++ writer follows."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import synthetic_fit
from relocsim.fit import is_calibration, load_fit, parse_trade_offs
from relocsim.report import report

SECTIONS = ("Summary", "Estimates", "Moments", "Fit over time", "Identification", "Search path", "Out of sample",
            "Provenance")


@pytest.fixture(scope="module")
def fit_file(tmp_path_factory):
    return synthetic_fit.write_fit(tmp_path_factory.mktemp("fit") / "FIT.h5")


@pytest.fixture(scope="module")
def clean_fit_file(tmp_path_factory):
    """Converged, every parameter identified, no trade-offs (empty text
    attributes, written as null dataspaces like the C++ writer does), a
    diagnostic J (weighting by the targets)."""
    options = synthetic_fit.Options(status="converged", unidentified=(), trade_offs="", weighting="targets")
    return synthetic_fit.write_fit(tmp_path_factory.mktemp("fit") / "clean.h5", options)


@pytest.fixture(scope="module")
def fit(fit_file):
    with load_fit(fit_file) as f:
        yield f


def _raw(path):
    """The file read with h5py alone, for values computed independently of relocsim.fit."""
    with h5py.File(path, "r") as f:
        out = {name: f[name][()] for name in f}
        out["attrs"] = dict(f.attrs)
    for key in ("parameter", "moment", "moment_series", "moment_unit"):
        out[key] = [v.decode() if isinstance(v, bytes) else str(v) for v in out[key]]
    return out


def test_the_file_opens_with_xarray_and_h5py(fit_file):
    with xr.open_dataset(fit_file, engine="h5netcdf") as ds:
        assert ds.attrs["relocsim_file_kind"] == "calibration"
        assert ds["covariance"].dims == ("parameter", "parameter2")
        assert ds["evaluation_moments_by_replicate"].dims == ("evaluation", "replicate", "moment")
        for name, var in ds.variables.items():
            assert "long_name" in var.attrs and "units" in var.attrs, name
    assert is_calibration(fit_file)


def test_parameters_table(fit, fit_file):
    raw = _raw(fit_file)
    p = fit.parameters
    assert list(p.index) == raw["parameter"]
    estimate, se = raw["parameter_estimate"], raw["parameter_std_error"]
    np.testing.assert_allclose(p["estimate"], estimate)
    np.testing.assert_allclose(p["std_error"], se)
    np.testing.assert_allclose(p["std_error_large_step"], raw["parameter_std_error_large_step"])
    np.testing.assert_allclose(p["ci_low"], estimate - 1.96 * se, rtol=1e-4)
    np.testing.assert_allclose(p["ci_high"], estimate + 1.96 * se, rtol=1e-4)
    np.testing.assert_allclose(p[["lower", "upper", "start"]].to_numpy(),
                               np.c_[raw["parameter_lower"], raw["parameter_upper"], raw["parameter_start"]])
    assert list(p["identified"]) == [bool(v) for v in raw["parameter_identified"]]
    assert not p.loc["costs.setup_multiplier", "identified"]
    assert np.isnan(p.loc["costs.setup_multiplier", "ci_low"])  # no se, no interval
    assert p.loc["behaviour.logit_scale", "unit"] == "1 per USD million per unit"


def test_moments_table(fit, fit_file):
    raw = _raw(fit_file)
    m = fit.moments
    assert list(m.index) == raw["moment"]
    np.testing.assert_allclose(m["target"], raw["moment_target"])
    np.testing.assert_allclose(m["fitted"], raw["moment_fitted"])
    np.testing.assert_allclose(m["residual"], raw["moment_fitted"] - raw["moment_target"])
    np.testing.assert_allclose(m["std_residual"], raw["moment_std_residual"], equal_nan=True)
    assert list(m["in_fit"]) == [bool(v) for v in raw["moment_in_fit"]]
    assert list(m["series"]) == raw["moment_series"]
    assert m.loc["india_phone_output_fy23", "date"] == "2023-03-31"
    # In the fit: no inside/outside verdict; out of sample: one.
    assert m.loc[m["in_fit"], "inside_interval"].isna().all()
    assert m.loc[~m["in_fit"], "inside_interval"].notna().all()


def test_an_observation_outside_its_interval_is_reported_outside(fit, fit_file):
    raw = _raw(fit_file)
    oos = fit.out_of_sample
    expected_out = set(synthetic_fit.MOMENTS) - {n for n, v in synthetic_fit.MOMENTS.items() if v[1] <= synthetic_fit.FIT_UNTIL}
    assert set(oos.index) == expected_out
    for name in oos.index:
        i = raw["moment"].index(name)
        inside = raw["moment_prediction_lower"][i] <= raw["moment_target"][i] <= raw["moment_prediction_upper"][i]
        assert bool(oos.loc[name, "inside_interval"]) == inside, name
    for name in synthetic_fit.OUT_OF_SAMPLE_OUTSIDE:
        assert not oos.loc[name, "inside_interval"]
    assert oos["inside_interval"].sum() == len(oos) - len(synthetic_fit.OUT_OF_SAMPLE_OUTSIDE)


def test_identification(fit, fit_file):
    raw = _raw(fit_file)
    ident = fit.identification
    np.testing.assert_allclose(ident.singular_values.to_numpy(), raw["singular_values"])
    assert ident.rank == int(raw["attrs"]["rank"]) == 3
    assert ident.condition_number == pytest.approx(float(raw["attrs"]["condition_number"]))
    assert ident.flagged() == ["costs.setup_multiplier"]
    assert "barely respond" in ident.unidentified.loc["costs.setup_multiplier", "reason"]
    assert list(ident.trade_offs.iloc[0]) == ["behaviour.logit_scale", "friction.single_window_factor", 0.93]
    # The scaled Jacobian: in-fit rows only, as written.
    in_fit = raw["moment_in_fit"] == 1
    assert list(ident.scaled_jacobian.index) == [n for n, f in zip(raw["moment"], in_fit) if f]
    np.testing.assert_allclose(ident.scaled_jacobian.to_numpy(), raw["scaled_jacobian"][in_fit])
    np.testing.assert_allclose(ident.screen_src.to_numpy(), raw["screen_src"])
    # The weakest direction is the unidentified parameter's.
    assert ident.weakest_direction.abs().idxmax() == "costs.setup_multiplier"


def test_parse_trade_offs():
    table = parse_trade_offs("a.x~b.y:0.93; c~d:-0.91;")
    assert table.values.tolist() == [["a.x", "b.y", 0.93], ["c", "d", -0.91]]
    assert parse_trade_offs("").empty


def test_search_path_and_j(fit, fit_file):
    raw = _raw(fit_file)
    path = fit.search_path
    np.testing.assert_allclose(path["objective"], raw["evaluation_objective"])
    stages = synthetic_fit.STAGES
    assert list(path["stage"].astype(str)) == [stages[c] for c in raw["evaluation_stage"]]
    objective = np.asarray(raw["evaluation_objective"], float)
    searching = np.isin([stages[c] for c in raw["evaluation_stage"]], ("pilot", "screen", "global", "local"))
    best = np.minimum.accumulate(np.where(searching, objective, np.inf))
    np.testing.assert_allclose(path["best_so_far"], best)
    assert path["best_so_far"].iloc[-1] == pytest.approx(float(raw["attrs"]["objective"]))
    j = fit.j_test
    assert j.statistic == pytest.approx(float(raw["attrs"]["j_statistic"]))
    assert j.df == int(raw["attrs"]["j_df"]) and j.is_test
    assert "not rejected" in j.sentence()


def test_report_has_every_section_and_no_failure(fit_file, tmp_path):
    result = report(fit_file, tmp_path / "rep")
    assert result.failures == []
    text = result.index.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert 'class="warning"' not in text
    for section in SECTIONS:
        assert f"<h2>{section}</h2>" in text, section
    images = re.findall(r'<img src="([^"]+)"', text)
    series = list(dict.fromkeys(v[0] for v in synthetic_fit.MOMENTS.values()))
    expected = {"singular_values.png", "scaled_jacobian.png", "screen_src.png", "search_path.png"}
    expected |= {f"fit_over_time_{re.sub(r'[^a-z0-9]+', '_', s.lower()).strip('_')}.png" for s in series}
    assert set(images) == expected
    for image in images:
        assert (result.index.parent / image).is_file()
    for link in re.findall(r'<a href="([^"]+)"', text):
        assert (result.index.parent / link).is_file() and "/" not in link
    plain = html.unescape(text)
    assert "not identified" in plain and "Parameters not identified: costs.setup_multiplier" in plain
    assert "0123abc (synthetic)" in plain and "GCC 12.2.0" in plain  # provenance
    assert "J = 1.599 on 1 degree of freedom" in plain
    assert "2 of 3 inside the model's 5-95 % interval" in plain


def _parse_first_table(fragment):
    table = fragment[fragment.index("<table"): fragment.index("</table>") + len("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
             for r in rows]
    return cells


def test_report_tables_show_what_was_written(fit_file, tmp_path):
    raw = _raw(fit_file)
    text = report(fit_file, tmp_path / "rep", formats=("png",)).index.read_text(encoding="utf-8")
    estimates = _parse_first_table(text[text.index("<h2>Estimates</h2>"):])
    header = estimates[0]
    rows = {r[0]: dict(zip(header, r)) for r in estimates[1:] if r and r[0] in raw["parameter"]}
    for i, key in enumerate(raw["parameter"]):
        est, se = raw["parameter_estimate"][i], raw["parameter_std_error"][i]
        assert float(rows[key]["estimate"]) == pytest.approx(est, rel=1e-3)
        if np.isfinite(se):
            assert float(rows[key]["95 % low"]) == pytest.approx(est - 1.96 * se, rel=1e-3)
            assert float(rows[key]["95 % high"]) == pytest.approx(est + 1.96 * se, rel=1e-3)
            assert rows[key]["identified"] == "yes"
        else:
            assert rows[key]["95 % low"] == "–" and rows[key]["identified"] == "no"
    oos = _parse_first_table(text[text.index("<h2>Out of sample</h2>"):])
    verdict = {r[0]: r[-1] for r in oos[1:] if r and r[0] in raw["moment"]}
    assert verdict == {"india_phone_output_fy24": "yes", "india_phone_output_fy25": "no", "apple_india_share_2024": "yes"}


def test_report_of_a_clean_fit(clean_fit_file, tmp_path):
    with load_fit(clean_fit_file) as f:
        assert f.attrs["unidentified"] == "" and f.attrs["trade_offs"] == ""
        assert f.identification.unidentified.empty and f.identification.trade_offs.empty
        assert not f.j_test.is_test and "diagnostic only" in f.j_test.sentence()
    result = report(clean_fit_file, tmp_path / "rep", formats=("png",))
    assert result.failures == []
    text = html.unescape(result.index.read_text(encoding="utf-8"))
    assert "Every parameter is identified." in text
    assert 'class="caution"' not in text  # converged, nothing flagged


def test_a_failing_section_is_listed_not_fatal(fit_file, tmp_path, monkeypatch):
    from relocsim import fit_report

    def broken(*args, **kwargs):
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(fit_report, "search_path_chart", broken)
    result = report(fit_file, tmp_path / "rep", formats=("png",))
    assert result.failures == ["Search path: RuntimeError: synthetic failure"]
    text = result.index.read_text(encoding="utf-8")
    assert 'Section "Search path" failed' in text and "<h2>Out of sample</h2>" in text


def test_a_missing_variable_fails_only_its_section(tmp_path):
    path = synthetic_fit.write_fit(tmp_path / "partial.h5")
    with h5py.File(path, "a") as f:
        del f["evaluation_objective"]
    result = report(path, tmp_path / "rep", formats=("png",))
    assert len(result.failures) == 1 and result.failures[0].startswith("Search path: ValueError")
    text = result.index.read_text(encoding="utf-8")
    assert "fit_over_time_india_phone_output_inr_crore.png" in text and "<h2>Out of sample</h2>" in text


def test_other_files_are_refused(fit_file, grid_sweep, tmp_path):
    with pytest.raises(ValueError, match=r"relocsim_file_kind") as error:
        load_fit(grid_sweep)
    assert str(grid_sweep) in str(error.value) and "sweep archive" in str(error.value)
    other = synthetic_fit.write_fit(tmp_path / "other.h5", synthetic_fit.Options(file_kind="run"))
    with pytest.raises(ValueError) as error:
        load_fit(other)
    assert str(other) in str(error.value) and "relocsim_file_kind = 'run'" in str(error.value)
    assert not is_calibration(grid_sweep) and not is_calibration(other)
    # relocsim.load says what a calibration file is instead of "incomplete run".
    import relocsim

    with pytest.raises(ValueError, match="calibration file"):
        relocsim.load(fit_file)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "relocsim", *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ), timeout=300)


def test_command_line(fit_file, tmp_path):
    done = _cli("report", fit_file, "-o", tmp_path / "fit_report")
    assert done.returncode == 0, done.stderr
    assert "index.html" in done.stdout
    assert (tmp_path / "fit_report" / "index.html").is_file()
    assert (tmp_path / "fit_report" / "search_path.pdf").is_file()
    refused = _cli("tables", fit_file)
    assert refused.returncode == 2 and "calibration file" in refused.stderr
