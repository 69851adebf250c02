"""Every error in a PAPER.toml names the file, the line, the key and what
was expected, all of them at once, with exit status 2 and nothing made."""

import pytest

from conftest import package_command
from relocsim.package import PaperError, read_paper

GOOD_RUN = '[[run]]\nname = "tiny"\nconfig = "tiny.toml"\n'
HEAD = '[paper]\ntitle = "T"\n'

CASES = [
    # (paper.toml text, the error line as printed after "error: paper.toml")
    (HEAD + GOOD_RUN + "seed = -1\n",
     ":6: run[0].seed: expected an integer in [0, 9223372036854775807], got -1"),
    (HEAD + '[[run]]\nname = "tiny"\nconfig = "nowhere.toml"\n',
     ":5: run[0].config: expected a scenario file (TOML), relative to PAPER.toml's folder, got 'nowhere.toml': "
     "no such file"),
    (HEAD + '[[run]]\nname = "tiny"\n',
     ":3: run[0]: missing key config; expected a scenario file (TOML), relative to PAPER.toml's folder"),
    (HEAD + GOOD_RUN + 'confg = "x"\n', ":6: run[0].confg: unknown key; expected name, config, output, seed, set, "
     "threads, pli_counterfactual; did you mean config?"),
    (HEAD + GOOD_RUN + '[[figures]]\nname = "f"\n',
     ":6: figures: unknown table; expected paper, run, sweep, compare, calibration, figure or table; "
     "did you mean figure?"),
    (HEAD + GOOD_RUN + GOOD_RUN, ":7: run[1].name: duplicate name 'tiny'; expected each item's name once "
     "(first at run[0])"),
    (HEAD + GOOD_RUN + 'output = "out/tiny.h5"\n', ":6: run[0].output: expected a .h5 file name (no folder: it "
     "is written into the package's outputs), got 'out/tiny.h5'"),
    (HEAD + GOOD_RUN + '[[compare]]\nname = "c"\na = "tiny.toml"\nb = "tiny.toml"\nreplications = 1\n',
     ":10: compare[0].replications: expected an integer >= 2, got 1"),
    (HEAD + GOOD_RUN + '[[figure]]\nname = "f"\ncommand = ["{pyton}", "x.py"]\noutputs = ["f.png"]\n',
     ":8: figure[0].command: unknown placeholder {pyton} in '{pyton}'; expected {python}, {relocsim}, "
     "{outputs}, {paper}"),
    (HEAD + GOOD_RUN + '[[figure]]\nname = "f"\ncommand = "{python} {paper}/missing.py"\noutputs = ["f.png"]\n',
     ":8: figure[0].command: expected a file relative to PAPER.toml's folder, got 'missing.py': no such file"),
    (HEAD + GOOD_RUN + '[[table]]\nname = "t"\ncommand = ["{python}"]\noutputs = []\n',
     ":9: table[0].outputs: expected an array of the files the command writes into {outputs}, got an array"),
    (HEAD + GOOD_RUN + '[[table]]\nname = "t"\ncommand = ["x"]\noutputs = ["tiny.h5"]\n',
     ":9: table[0].outputs: 'tiny.h5' is also an output of run[0]; expected each output file to be made once"),
    (GOOD_RUN, ":1: paper: missing table; expected [paper] with a title"),
    ('[paper]\ntitle = 3\n' + GOOD_RUN, ":2: paper.title: expected the paper's title (text), got 3"),
    (HEAD + "[run]\nname = 1\n", ":3: run: expected an array of tables, [[run]], got a single table [run]"),
    (HEAD, ":1: expected at least one [[run]], [[sweep]], [[compare]] or [[calibration]]"),
    (HEAD + "[[run]\n", ":3: expected valid TOML: "),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1].split(":")[2].strip() or str(i) for i, c in enumerate(CASES)])
def test_a_bad_paper_is_refused_with_file_line_key_and_what_was_expected(tmp_path, text, expected):
    (tmp_path / "tiny.toml").write_text('extends = "x.toml"\n')
    (tmp_path / "paper.toml").write_text(text)
    with pytest.raises(PaperError) as error:
        read_paper(tmp_path / "paper.toml")
    assert any(m.startswith(f"{tmp_path / 'paper.toml'}{expected}") for m in error.value.messages), error.value


def test_the_command_prints_each_error_and_makes_nothing(tmp_path):
    (tmp_path / "paper.toml").write_text(HEAD + GOOD_RUN)
    r = package_command(tmp_path / "paper.toml", "-o", tmp_path / "pkg")
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"error: {tmp_path / 'paper.toml'}:5: run[0].config: expected a scenario file"), r.stderr
    assert not (tmp_path / "pkg").exists()


def test_every_error_is_reported_at_once(tmp_path):
    (tmp_path / "paper.toml").write_text(HEAD + '[[run]]\nname = "a b"\nconfig = 3\nseed = true\n')
    with pytest.raises(PaperError) as error:
        read_paper(tmp_path / "paper.toml")
    keys = [m.split(": ", 2)[1] for m in error.value.messages]
    assert keys == ["run[0].name", "run[0].config", "run[0].seed"], error.value.messages


def test_no_output_folder_is_an_error(tmp_path):
    r = package_command(tmp_path / "paper.toml")
    assert r.returncode == 2 and "say where to write the package: -o DIR" in r.stderr
