"""The archive names its input files one way, absolute and normalised, so the
same sweep started with relative or absolute paths, from any directory,
gives the same archive (issue 12)."""

import shutil

import h5py

from conftest import ROOT
from relocsim_testing import archive_differences as differences

TINY_DIR = ROOT / "tests" / "data" / "tiny"


def strings(f, name):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in f[name][()]]


def test_relative_and_absolute_invocations_give_identical_archives(relocsim, tmp_path):
    shutil.copytree(TINY_DIR, tmp_path / "tiny", ignore=shutil.ignore_patterns("variants"))
    (tmp_path / "sub").mkdir()
    # The arm's scenario as typed: relative to the definition, through "..".
    (tmp_path / "sub" / "sweep.toml").write_text(
        '[sweep]\nmethod = "grid"\nreplications = 1\nmaster_seed = 1\n'
        '[[arm]]\nname = "base"\nscenario = "../sub/../tiny/tiny.toml"\nset = ["population.n_firms=50"]\n'
        '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0, 4.0]\n'
    )
    r = relocsim("sweep", "sub/sweep.toml", "-o", "relative.h5", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = relocsim("sweep", tmp_path / "sub" / "sweep.toml", "-o", tmp_path / "absolute.h5", "-q", cwd=tmp_path / "sub")
    assert r.returncode == 0, r.stderr
    assert differences(tmp_path / "relative.h5", tmp_path / "absolute.h5") == []
    with h5py.File(tmp_path / "relative.h5", "r") as f:
        paths = strings(f, "input_file")
        assert str(tmp_path / "sub" / "sweep.toml") in paths
        assert str(tmp_path / "tiny" / "tiny.toml") in paths and str(tmp_path / "tiny" / "sites.csv") in paths
        assert all(p.startswith("/") and "/./" not in p and "/../" not in p for p in paths)
        assert strings(f, "arm_scenario") == [str(tmp_path / "tiny" / "tiny.toml")]


def test_an_arm_naming_a_sweep_definition_is_refused_with_its_line(relocsim, definition, tmp_path):
    inner = definition('[sweep]\nmethod = "grid"\n', name="inner.toml")
    path = definition(f'[sweep]\nmethod = "grid"\nreplications = 1\n\n[[arm]]\nname = "base"\nscenario = "{inner}"\n'
                      '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0]\n')
    r = relocsim("validate", path)
    assert r.returncode == 2
    assert r.stderr == (f"error: {path}:5: arm.scenario: arm 'base': {inner} is a sweep definition; expected a "
                        "scenario (sweeps do not nest)\n")
