"""Every default we ship says where it comes from: each TOML key has an entry
in [sources], and each CSV row a non-empty source cell."""

import csv
import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
BASELINE = ROOT / "configs" / "baseline.toml"


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


def test_every_baseline_key_has_a_source():
    config = tomllib.loads(BASELINE.read_text())
    sources = flat_sources(config.pop("sources"))
    missing = [k for k in leaf_keys(config) if not k.startswith("data.") and not covered(k, sources)]
    assert missing == []
    for key, text in sources.items():
        assert isinstance(text, str) and text.strip(), key


def csv_files():
    config = tomllib.loads(BASELINE.read_text())
    return [(name, BASELINE.parent / path) for name, path in config["data"].items()]


@pytest.mark.parametrize("name,path", csv_files(), ids=lambda x: str(x) if isinstance(x, str) else "")
def test_every_csv_row_has_a_source(name, path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, f"{path} has no rows"
    empty = [i + 2 for i, row in enumerate(rows) if not (row.get("source") or "").strip()]
    assert empty == [], f"{path}: rows without a source at lines {empty}"

