"""relocsim merge: shards joined equal the unsharded sweep; every wrong set
of shards is refused with a message that says what is wrong."""

import shutil

import h5py

from conftest import lhs_sweep
from relocsim_testing import archive_differences as differences


def shards(relocsim, path, count, prefix="s"):
    out = []
    for k in range(count):
        name = f"{prefix}{k}.h5"
        r = relocsim("sweep", path, "-o", name, "--shard", f"{k}/{count}", "-q")
        assert r.returncode == 0, r.stderr
        out.append(name)
    return out


def test_merged_shards_equal_the_unsharded_sweep(relocsim, definition, tmp_path):
    path = definition(lhs_sweep(n=5))
    assert relocsim("sweep", path, "-o", "whole.h5", "-q").returncode == 0
    parts = shards(relocsim, path, 3)
    with h5py.File(tmp_path / "s1.h5", "r") as f:
        assert (f.attrs["shard_index"], f.attrs["shard_count"]) == (1, 3)
        assert (f["run_status"][()] == -1).sum() == 12  # rows 0, 2, 3 and 4 are the others'
    r = relocsim("merge", "merged.h5", *reversed(parts))
    assert r.returncode == 0, r.stderr
    assert "merged 3 shards" in r.stdout and "20 runs done, 0 failed" in r.stdout
    assert differences(tmp_path / "whole.h5", tmp_path / "merged.h5") == []
    # More shards than design rows: some shards run nothing, and still merge.
    parts = shards(relocsim, path, 7, prefix="t")
    assert relocsim("merge", "merged7.h5", *parts, "-q").returncode == 0
    assert differences(tmp_path / "whole.h5", tmp_path / "merged7.h5") == []


def test_error_shards_of_different_sweeps(relocsim, definition, tmp_path):
    a = shards(relocsim, definition(lhs_sweep(seed=1), "a.toml"), 2, prefix="a")
    b = shards(relocsim, definition(lhs_sweep(seed=2), "b.toml"), 2, prefix="b")
    r = relocsim("merge", "out.h5", a[0], b[1])
    assert r.returncode == 1
    with h5py.File(tmp_path / a[0], "r") as fa, h5py.File(tmp_path / b[1], "r") as fb:
        ida, idb = fa.attrs["sweep_id"].decode() if isinstance(fa.attrs["sweep_id"], bytes) else fa.attrs["sweep_id"], \
            fb.attrs["sweep_id"].decode() if isinstance(fb.attrs["sweep_id"], bytes) else fb.attrs["sweep_id"]
    assert r.stderr == f"error: shards of different sweeps: a0.h5 has sweep_id {ida}, b1.h5 has sweep_id {idb}\n"
    assert not (tmp_path / "out.h5").exists()


def test_error_an_incomplete_or_duplicated_set(relocsim, definition, tmp_path):
    parts = shards(relocsim, definition(lhs_sweep()), 4)
    r = relocsim("merge", "out.h5", parts[0], parts[2])
    assert r.returncode == 1
    assert r.stderr == "error: incomplete set of shards: 2 of 4 given, shards 1, 3 of 4 missing\n"
    r = relocsim("merge", "out.h5", *parts, parts[1])
    assert r.returncode == 1
    assert r.stderr == "error: shard 1/4 given twice: s1.h5 and s1.h5\n"
    shutil.copy(tmp_path / "s3.h5", tmp_path / "copy.h5")
    r = relocsim("merge", "out.h5", parts[0], parts[1], parts[2], "copy.h5", "s3.h5")
    assert r.returncode == 1
    assert r.stderr == "error: shard 3/4 given twice: copy.h5 and s3.h5\n"
    other = shards(relocsim, definition(lhs_sweep(), "again.toml"), 2, prefix="x")
    r = relocsim("merge", "out.h5", parts[0], other[1])
    assert r.returncode == 1
    assert r.stderr == "error: shards of different splits: s0.h5 is shard 0/4, x1.h5 is shard 1/2\n"
    assert not (tmp_path / "out.h5").exists()


def test_error_an_unfinished_shard_a_stranger_or_no_file(relocsim, definition, tmp_path):
    parts = shards(relocsim, definition(lhs_sweep()), 2)
    with h5py.File(tmp_path / parts[1], "r+") as f:
        f.attrs["relocsim_complete"] = 0
    r = relocsim("merge", "out.h5", *parts)
    assert r.returncode == 1
    assert r.stderr == ("error: s1.h5 is incomplete (relocsim_complete = 0): its shard did not finish; run it again "
                        "with --resume\n")
    with h5py.File(tmp_path / "run.h5", "w") as f:
        f.attrs["relocsim_complete"] = 1
    r = relocsim("merge", "out.h5", parts[0], "run.h5")
    assert r.returncode == 1
    assert r.stderr == "error: run.h5 is not a relocsim sweep archive\n"
    r = relocsim("merge", "out.h5", parts[0], "absent.h5")
    assert r.returncode == 1
    assert r.stderr == "error: cannot read absent.h5: not an HDF5 file, or no such file\n"


def test_error_shards_of_different_builds(relocsim, definition, tmp_path):
    parts = shards(relocsim, definition(lhs_sweep()), 2)
    with h5py.File(tmp_path / parts[1], "r+") as f:
        f.attrs["git_commit"] = "0000000"
    r = relocsim("merge", "out.h5", *parts)
    assert r.returncode == 1
    assert "error: shards made by different builds of relocsim: s0.h5 by " in r.stderr
    assert "s1.h5 by " in r.stderr and "(commit 0000000)" in r.stderr


def test_error_merge_output_exists(relocsim, definition, tmp_path):
    parts = shards(relocsim, definition(lhs_sweep()), 2)
    (tmp_path / "out.h5").write_bytes(b"keep")
    r = relocsim("merge", "out.h5", *parts)
    assert r.returncode == 1
    assert r.stderr == "error: out.h5 exists; use --force to overwrite\n"
    assert relocsim("merge", "out.h5", *parts, "--force", "-q").returncode == 0
