"""Every broken configuration in tests/data/broken gives exactly the errors
its .expected file holds.

Each X.toml there has X.expected: the whole stderr of `relocsim validate
X.toml` run in that directory, so the paths in it are relative and the test
does not depend on where the tree is. The memory a run may use is fixed with
RELOCSIM_MEMORY_AVAILABLE so that the memory messages are the same on every
machine. After a deliberate change of wording, run the test with
RELOCSIM_UPDATE_EXPECTED=1 to rewrite the .expected files, then read the
diff: it is the review of every message a user can get.
"""

import os

import pytest

from conftest import BROKEN

MEMORY = "16GiB"
CASES = sorted(p.stem for p in BROKEN.glob("*.toml"))
UPDATE = os.environ.get("RELOCSIM_UPDATE_EXPECTED") == "1"


def test_the_corpus_is_large_and_complete():
    assert len(CASES) >= 30
    expected = sorted(p.stem for p in BROKEN.glob("*.expected"))
    missing = sorted(set(CASES) - set(expected))
    orphans = sorted(set(expected) - set(CASES))
    assert not missing or UPDATE, f"broken configurations without an .expected file: {missing}"
    assert not orphans, f".expected files without a configuration: {orphans}"


def test_every_data_file_is_used():
    # A CSV that no configuration names tests nothing.
    # Bytes decoded leniently: a case may hold text that is not UTF-8 on purpose (latin1_scenario.toml).
    texts = "".join(p.read_bytes().decode("utf-8", "replace") for p in BROKEN.glob("*.toml"))
    unused = sorted(p.name for p in BROKEN.glob("*.csv") if f'"{p.name}"' not in texts)
    assert not unused


@pytest.mark.parametrize("case", CASES)
def test_broken_configuration(relocsim, case):
    r = relocsim("validate", f"{case}.toml", cwd=BROKEN, env={"RELOCSIM_MEMORY_AVAILABLE": MEMORY})
    expected_file = BROKEN / f"{case}.expected"
    if UPDATE:
        expected_file.write_text(r.stderr)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert r.stderr.startswith("error: ")
    assert r.stderr == expected_file.read_text()
