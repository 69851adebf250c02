"""relocsim explain as a user runs it: the tables, the CSV whose parts add up
to each option's total, and the errors (exit 2, each with its message)."""

import csv
import math

from conftest import TINY


def test_explain_prints_the_bloc_table_with_every_part(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "a firm from Japan producing in China at" in out  # tiny: Japan owns most of China's capacity
    assert "USD per 100 USD of annual output" in out
    for part in ("sales", "tariffs", "freight", "time_cost", "labour", "land_power", "materials", "input_markup",
                 "minerals", "agglomeration", "supplier_proximity", "tax", "risk_expected", "risk_premium", "pli",
                 "peers", "subsidy", "setup", "waiting", "total", "gain over staying"):
        assert f"\n{part}" in out, part
    header = next(line for line in out.splitlines() if line.startswith("part"))
    assert header.split() == ["part", "stay", "China", "ASEAN", "India"]


def test_explain_csv_parts_add_up_to_each_total(relocsim, tmp_path):
    path = tmp_path / "explain.csv"
    r = relocsim("explain", TINY, "--sector", "pharma", "--year", "2021.5", "--sites", "--csv", path)
    assert r.returncode == 0, r.stderr
    assert "Every site open to the firm" in r.stdout
    rows = list(csv.DictReader(path.open()))
    assert {row["year"] for row in rows} == {"2021.50"}
    options = {}
    for row in rows:
        options.setdefault((row["option"], row["site"]), {})[row["part"]] = float(row["value_horizon"])
    assert ("stay", rows[0]["from_site"]) in options
    assert sum(1 for option, _ in options if option == "move") >= 5
    stay = options[("stay", rows[0]["from_site"])]["total"]
    for key, parts in options.items():
        total = parts.pop("total")
        gain = parts.pop("gain_over_staying")
        assert len(parts) == 19, key
        assert math.isclose(sum(parts.values()), total, rel_tol=1e-7, abs_tol=1e-7), key
        assert math.isclose(total - stay, gain, rel_tol=1e-7, abs_tol=1e-7), key


def test_explain_add_and_horizon(relocsim, tmp_path):
    path = tmp_path / "add.csv"
    r = relocsim("explain", TINY, "--sector", "electronics", "--add", "--horizon", "--from", "ASEAN", "--csv", path)
    assert r.returncode == 0, r.stderr
    assert "add a plant at" in r.stdout
    assert "over the horizon, USD per USD of annual capacity" in r.stdout
    assert {row["option"] for row in csv.DictReader(path.open())} == {"stay", "add"}


def test_explain_unknown_sector_suggests_one(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronic")
    assert r.returncode == 2
    assert "--sector: unknown sector 'electronic'; did you mean electronics?" in r.stderr
    assert "(sectors: electronics, pharma)" in r.stderr


def test_explain_year_outside_the_run(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics", "--year", "2040")
    assert r.returncode == 2
    assert "--year 2040: outside the run, which covers 2020-01-01 to 2023-01-01" in r.stderr


def test_explain_unknown_bloc(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics", "--from", "Asean")
    assert r.returncode == 2
    assert "--from: unknown bloc 'Asean'; did you mean ASEAN?" in r.stderr


def test_explain_bad_firm_size(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics", "--firm-size", "-3")
    assert r.returncode == 2
    assert "--firm-size -3: must be a positive USD million a year" in r.stderr


def test_explain_bad_config(relocsim, tmp_path):
    r = relocsim("explain", tmp_path / "missing.toml", "--sector", "electronics")
    assert r.returncode == 2
    assert "missing.toml: cannot open file" in r.stderr


def test_explain_needs_a_sector(relocsim):
    r = relocsim("explain", TINY)
    assert r.returncode != 0
    assert "--sector is required" in r.stderr


def test_explain_bad_override(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics", "--set", "population.n_firmz=3")
    assert r.returncode == 2
    assert "population.n_firmz: unknown key; did you mean population.n_firms?" in r.stderr


def test_explain_home_japan_sees_the_subsidy(relocsim, tmp_path):
    """Japan's subsidy is for Japanese firms producing in China: it shows
    for a Japanese firm while the subsidy is open and for no other."""
    path = tmp_path / "japan.csv"
    r = relocsim("explain", TINY, "--sector", "electronics", "--home", "Japan", "--year", "2021", "--csv", path)
    assert r.returncode == 0, r.stderr
    assert "a firm from Japan producing in China" in r.stdout
    rows = list(csv.DictReader(path.open()))
    subsidy = [float(row["value_horizon"]) for row in rows if row["part"] == "subsidy" and row["option"] == "move"]
    assert max(subsidy) > 0


def test_explain_unknown_home(relocsim):
    r = relocsim("explain", TINY, "--sector", "electronics", "--home", "Japn")
    assert r.returncode == 2
    assert "--home: unknown home country 'Japn'; did you mean Japan?" in r.stderr


def test_explain_csv_that_cannot_be_written_fails_before_any_table(relocsim, tmp_path):
    r = relocsim("explain", TINY, "--sector", "electronics", "--csv", tmp_path / "no" / "such" / "dir.csv")
    assert r.returncode == 2
    assert "dir.csv: cannot write the file" in r.stderr
    assert r.stdout == ""
