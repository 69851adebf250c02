"""Every default we ship says where it comes from: each TOML key has an entry
in [sources], each [[events]] entry a source of its own, and each CSV row a
non-empty source cell. Scenarios source the keys they change."""

import csv
import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
BASELINE = ROOT / "configs" / "baseline.toml"
SCENARIOS = sorted((ROOT / "configs" / "scenarios").glob("*.toml"))


def leaf_keys(table, prefix=""):
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from leaf_keys(value, path + ".")
        else:
            yield path


def flat_sources(sources, prefix=""):
    """[sources] may say "a.b" = ... or a.b = ...; flatten both spellings."""
    out = {}
    for key, value in sources.items():
        if isinstance(value, dict):
            out.update(flat_sources(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def covered(key, sources):
    # A source for a table (e.g. behaviour.nest_lambda) covers its entries.
    parts = key.split(".")
    return any(".".join(parts[:i]) in sources for i in range(len(parts), 0, -1))


def unsourced(config):
    """Keys of a parsed scenario without a source in its own [sources]; events
    carry theirs in each entry."""
    config = dict(config)
    config.pop("extends", None)
    events = config.pop("events", [])
    sources = flat_sources(config.pop("sources", {}))
    missing = [k for k in leaf_keys(config) if not k.startswith("data.") and not covered(k, sources)]
    missing += [f"events[{i}].source" for i, e in enumerate(events) if not str(e.get("source", "")).strip()]
    for key, text in sources.items():
        assert isinstance(text, str) and text.strip(), key
    return missing


def test_every_baseline_key_has_a_source():
    config = tomllib.loads(BASELINE.read_text())
    assert "sources" in config
    assert unsourced(config) == []


def test_the_baseline_schedules_the_western_dfc():
    events = tomllib.loads(BASELINE.read_text())["events"]
    legs = [e for e in events if e["type"] == "leg"]
    assert legs and all(e["to"] == "port_nhava_sheva" and e["mode"] == "rail" for e in legs)
    assert {e["from"] for e in legs} >= {"greater_noida", "manesar_bawal"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_key_a_scenario_sets_has_a_source(path):
    assert unsourced(tomllib.loads(path.read_text())) == []


def csv_files():
    config = tomllib.loads(BASELINE.read_text())
    return [(name, BASELINE.parent / path) for name, path in config["data"].items()]


def test_the_new_tables_and_columns_are_shipped():
    files = dict(csv_files())
    assert "supplier_mix" in files
    with open(files["sites"], newline="") as f:
        assert "mineral_exposure" in next(csv.reader(f))
    with open(files["sectors"], newline="") as f:
        header = next(csv.reader(f))
    assert "mineral_dependence" in header and "agglomeration_gain" in header


@pytest.mark.parametrize("name,path", csv_files(), ids=lambda x: str(x) if isinstance(x, str) else "")
def test_every_csv_row_has_a_source(name, path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, f"{path} has no rows"
    empty = [i + 2 for i, row in enumerate(rows) if not (row.get("source") or "").strip()]
    assert empty == [], f"{path}: rows without a source at lines {empty}"
