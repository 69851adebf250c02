"""Export of run and sweep tables to CSV and Stata .dta with variable labels."""

import numpy as np
import pandas as pd
import pytest

import relocsim
from relocsim import export


def _read_dta(path):
    with pd.io.stata.StataReader(path) as reader:
        frame = reader.read()
        labels = reader.variable_labels()
        data_label = reader.data_label
    return frame, labels, data_label


@pytest.mark.parametrize("table", ["step_site_sector", "events", "firms", "delays", "site"])
def test_run_tables_round_trip(tiny, tmp_path, table):
    frame = tiny[table]
    csv = export.export_table(tiny, table, "csv", tmp_path / f"{table}.csv")
    back = pd.read_csv(csv)
    assert len(back) == len(frame)
    dta = export.export_table(tiny, table, "dta", tmp_path / f"{table}.dta")
    data, labels, data_label = _read_dta(dta)
    assert len(data) == len(frame)
    assert data_label.startswith("relocsim run")
    for name in data.columns:
        assert len(name) <= 32 and labels[name], name


def test_dta_labels_come_from_long_name_and_units(tiny, tmp_path):
    data, labels, _ = _read_dta(export.export_table(tiny, "step_site_sector", "dta", tmp_path / "t.dta"))
    assert labels["capacity"] == "capacity operating [unit]"
    assert labels["employment"] == "manufacturing workers employed"
    assert labels["year"] == "decimal year at the end of the step [year]"
    frame = tiny["step_site_sector"]
    np.testing.assert_allclose(data["capacity"].to_numpy(), frame["capacity"].to_numpy())
    assert list(data["site"].astype(str)) == list(frame["site"].astype(str))
    ev, ev_labels, _ = _read_dta(export.export_table(tiny, "events", "dta", tmp_path / "e.dta"))
    assert ev_labels["event"].startswith("event number")
    assert isinstance(ev["kind"].dtype, pd.CategoricalDtype)  # value labels
    assert set(ev["kind"].cat.categories) <= set(tiny.ds["event_kind"].values)


def test_sweep_runs_table_to_stata(grid_sweep, tmp_path):
    with relocsim.load(grid_sweep) as res:
        runs = res["runs"]
        data, labels, _ = _read_dta(export.export_table(res, "runs", "dta", tmp_path / "runs.dta"))
    # parameter keys and long names become legal Stata names, the original kept in the label
    assert "behaviour_logit_scale" in data.columns
    assert "behaviour.logit_scale" in labels["behaviour_logit_scale"]
    for name in data.columns:
        assert len(name) <= 32 and name.replace("_", "a").isalnum(), name
    assert len(set(c.lower() for c in data.columns)) == data.shape[1]
    # 64-bit seeds do not fit Stata's doubles: written as exact text
    assert list(data["seed"]) == [str(s) for s in runs["seed"]]
    assert "text" in labels["seed"]
    assert labels["firms_relocated_india"] == "firms that moved or added a plant in India"
    long = [c for c in data.columns if c.startswith("diff_india_capacity_share_end")]
    assert long and all(len(c) <= 32 for c in long)
    csv = pd.read_csv(export.export_table(grid_sweep, "outcomes", "csv", tmp_path / "outcomes.csv"))
    assert {"run", "sector", "arm", "india_capacity_share_end"} <= set(csv.columns)


def test_stata_names():
    names = export.stata_names(["a.b", "1st", "in", "x" * 40, "x" * 40 + "y", "A.b"])
    assert names["a.b"] == "a_b" and names["1st"] == "v_1st" and names["in"] == "in_"
    assert len(names["x" * 40]) == 32 and names["x" * 40] != names["x" * 40 + "y"]
    assert names["A.b"].lower() != "a_b"


def test_unknown_table_and_format(tiny, tmp_path):
    with pytest.raises(KeyError, match="no table"):
        export.export_table(tiny, "nope", "csv", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="format"):
        export.export_table(tiny, "site", "xlsx", tmp_path / "x.xlsx")


def test_sweep_status_keeps_the_archives_coding(grid_sweep, tmp_path):
    """One coding of run status everywhere: the .dta's codes are run_status's
    (0 done, 1 failed, -1 not run), not pandas' category positions."""
    with pd.io.stata.StataReader(export.export_table(grid_sweep, "runs", "dta", tmp_path / "r.dta")) as reader:
        raw = reader.read(convert_categoricals=False)
        value_labels = reader.value_labels()
    with relocsim.load(grid_sweep) as res:
        archive = res.raw["run_status"].values.astype(int)
    assert list(raw["status"].astype(int)) == list(archive)
    assert 1 in set(archive)  # the fixture has a failed run: the code 1 is exercised
    status_labels = next(v for v in value_labels.values() if "failed" in v.values())
    assert status_labels == {0: "done", 1: "failed", -1: "not_run"}


def test_stata_labels_fit_and_differ(grid_sweep, tmp_path):
    """Per-sector and diff_* columns keep what tells them apart within 80 characters."""
    data, labels, _ = _read_dta(export.export_table(grid_sweep, "runs", "dta", tmp_path / "r.dta"))
    assert all(len(label) <= 80 for label in labels.values())
    assert len(set(labels.values())) == len(labels), "two columns share a label"
    per_sector = [c for c in data.columns if c.startswith("india_jobs_added_")]
    assert per_sector and all(labels[c].endswith(", " + c.rpartition("_")[2]) for c in per_sector)
    # diff_india_capacity_share_end_<sector> is cut to 32 characters as a
    # name; the label says which outcome and which sector
    diffs = sorted(labels[c] for c in data.columns if c.startswith("diff_india_capacity_share_end"))
    assert len(diffs) == 2 and all(d.startswith("arm minus reference arm: India's share") for d in diffs)
    assert {d.rpartition(", ")[2] for d in diffs} == {"electronics", "pharma"}


def test_fit_label_keeps_the_tail():
    from relocsim.stata_labels import fit_label, unique_labels

    label = fit_label("manufacturing employment in India at the end minus that at the start [workers]", ", electronics")
    assert len(label) <= 80 and label.endswith("..., electronics")
    assert fit_label("short", ", x") == "short, x"
    assert unique_labels({"a": "same", "b": "same", "c": "other"}) == {"a": "a: same", "b": "b: same", "c": "other"}


def test_tables_with_years_carry_date_and_quarter(tiny, tmp_path):
    frame = tiny["step_site_sector"]
    last = frame[frame["step"] == frame["step"].max()].iloc[0]
    assert last["year"] == pytest.approx(2026.0) or last["date"].endswith("-01")
    from relocsim.dates import date_label, quarter_label

    assert last["date"] == date_label(last["year"]) and last["quarter"] == quarter_label(last["year"])
    data, labels, _ = _read_dta(export.export_table(tiny, "events", "dta", tmp_path / "e.dta"))
    assert {"date", "quarter"} <= set(data.columns) and "YYYY-MM-DD" in labels["date"]


def test_dates():
    from relocsim.dates import date_label, quarter_label

    assert (date_label(2036.0), quarter_label(2036.0)) == ("2036-01-01", "2035Q4")
    assert (date_label(2020.25), quarter_label(2020.25)) == ("2020-04-01", "2020Q1")
    assert (date_label(2020.0), quarter_label(2020.0)) == ("2020-01-01", "2019Q4")
    assert date_label(float("nan")) == ""
