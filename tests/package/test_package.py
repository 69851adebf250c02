"""A package of the small paper: made, moved, rerun with --check, every
output identical; an archived output tampered with, and --check names it."""

import hashlib
import json
import shutil
import subprocess

import h5py

from conftest import PAPER, package_command


def test_the_package_holds_inputs_outputs_programs_and_a_readme(made):
    out, _ = made
    for name in ("README.md", "run_all.sh", "manifest.json", "MANIFEST.sha256", "paper.toml"):
        assert (out / name).is_file(), name
    # Every input the outputs record, the CSV data tables a scenario names among them.
    inputs = sorted(p.relative_to(out / "inputs").as_posix() for p in (out / "inputs").rglob("*") if p.is_file())
    assert "tests/data/tiny/tiny.toml" in inputs and "tests/data/tiny/sites.csv" in inputs
    assert "tests/data/tiny/variants/high_pli.toml" in inputs and "tests/package/paper/sweep.toml" in inputs
    # The calibration's definition, targets, scenario, the scenario it extends and its data.
    assert "tests/package/paper/calib.toml" in inputs and "tests/package/paper/targets.csv" in inputs
    assert "configs/scenarios/history.toml" in inputs and "configs/baseline.toml" in inputs
    assert "configs/data/sites.csv" in inputs
    for name in ("tiny.h5", "sweep.h5", "high_pli.h5", "fit.h5", "fig_share.png", "fig_share.pdf",
                 "tab_sweep.csv", "draws.csv"):
        assert (out / "outputs" / name).is_file(), name
    assert (out / "programs" / "fig_share.py").is_file() and (out / "programs" / "common.py").is_file()
    assert (out / "programs" / "analysis" / "relocsim" / "identical.py").is_file()
    # MANIFEST.sha256 is sha256sum's format and right about every file.
    for line in (out / "MANIFEST.sha256").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    manifest = json.loads((out / "manifest.json").read_text())
    sites = next(f for f in manifest["inputs"] if f["path"] == "inputs/tests/data/tiny/sites.csv")
    assert sorted(sites["read_by"]) == ["high_pli", "sweep", "tiny"]


def test_the_readme_follows_the_template(made):
    text = (made[0] / "README.md").read_text()
    for heading in ("## Overview", "## Data Availability and Provenance Statements", "### Dataset list",
                    "## Computational requirements", "### Software Requirements", "### Controlled Randomness",
                    "#### Summary time to reproduce", "- [x] <10 minutes", "## Description of programs/code",
                    "## Instructions to Replicators", "## List of tables and programs"):
        assert heading in text, heading
    with h5py.File(made[0] / "outputs" / "tiny.h5", "r") as f:
        commit, flags = f.attrs["git_commit"], f.attrs.get("compile_flags", b"not recorded")
    assert f"`git_commit`: {commit.decode()}" in text and f"git checkout {commit.decode().split('-dirty-')[0]}" in text
    assert (flags.decode() if isinstance(flags, bytes) else flags) in text
    assert "tiny (run): seed 11" in text and "sweep (sweep): master seed 3" in text
    assert "fit (calibration): master seed 11" in text
    assert "| Figure 1 | fig_share |" in text and "`outputs/fig_share.png`, `outputs/fig_share.pdf`" in text
    assert "| Table 1 | tab_sweep |" in text and "| Table 2 | tab_draws |" in text


def test_a_copy_elsewhere_reruns_and_every_output_is_identical(made, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.copytree(made[0], moved)
    r = package_command("--check", moved, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("tiny", "sweep", "high_pli", "fit", "fig_share", "tab_sweep", "tab_draws"):
        assert f"{name}: identical" in r.stdout, r.stdout
    assert r.stdout.strip().endswith("all outputs identical")


def test_the_main_script_runs_alone_into_a_folder_of_its_own(made, relocsim_bin, tmp_path):
    moved = tmp_path / "pkg"
    shutil.copytree(made[0], moved)
    shutil.copy(moved / "outputs" / "tiny.h5", tmp_path / "tiny.h5")
    (tmp_path / "again").mkdir()
    shutil.copy(moved / "outputs" / "tiny.h5", tmp_path / "again" / "tiny.h5")
    env = {"RELOCSIM_BIN": relocsim_bin, "PATH": "/usr/bin:/bin"}
    r = subprocess.run(["bash", moved / "run_all.sh", "--only", "fig_share", tmp_path / "again"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "again" / "fig_share.png").read_bytes() == (moved / "outputs" / "fig_share.png").read_bytes()
    r = subprocess.run(["bash", moved / "run_all.sh", "--only", "fig_share", tmp_path / "again"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 1 and "fig_share.png exists" in r.stderr
    r = subprocess.run(["bash", moved / "run_all.sh", "--only", "nope"], capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "unknown item nope" in r.stderr


def test_a_tampered_output_fails_the_check_and_is_named(made, tmp_path):
    moved = tmp_path / "tampered"
    shutil.copytree(made[0], moved)
    with h5py.File(moved / "outputs" / "tiny.h5", "r+") as f:
        share = f["capacity_share"]
        share[-1, 0, 0] = share[-1, 0, 0] + 1e-12
    r = package_command("--check", moved, "--only", "tiny,tab_sweep")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "tiny: DIFFERS" in r.stdout and "outputs/tiny.h5: differs: capacity_share" in r.stdout
    assert "tab_sweep: identical" in r.stdout
    assert "package: outputs/tiny.h5: SHA-256 differs from MANIFEST.sha256" in r.stdout
    assert "not identical: tiny" in r.stdout
    assert "sweep:" not in r.stdout.replace("tab_sweep:", "")  # --only: the sweep ran not, as archived


def test_check_refuses_bad_input(made, tmp_path):
    r = package_command("--check", made[0], "--only", "nope")
    assert r.returncode == 2 and "--only: unknown item nope; expected one of tiny, sweep" in r.stderr
    r = package_command("--check", tmp_path)
    assert r.returncode == 2 and "manifest.json: no such file" in r.stderr
    r = package_command(PAPER, "-o", made[0])
    assert r.returncode == 2 and "exists and is not an empty folder" in r.stderr


def test_an_input_naming_another_by_its_absolute_path_is_refused(tmp_path):
    from conftest import ROOT

    tiny = ROOT / "tests" / "data" / "tiny" / "tiny.toml"
    (tmp_path / "mine.toml").write_text(f'extends = "{tiny}"\n')
    (tmp_path / "paper.toml").write_text('[paper]\ntitle = "T"\n[[run]]\nname = "r"\nconfig = "mine.toml"\n'
                                         'set = ["population.n_firms=300"]\n')
    r = package_command(tmp_path / "paper.toml", "-o", tmp_path / "pkg")
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"mine.toml names {tiny} by its absolute path; expected a path relative to" in r.stderr
    assert not (tmp_path / "pkg").exists()  # nothing half made is left
