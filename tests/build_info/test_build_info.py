"""The git commit in the generated relocsim/build_info.hpp.

cmake/build_info.cmake (run with `cmake -P`) on throwaway git repositories:
HEAD when clean, HEAD-dirty-HASH with a hash of the uncommitted changes when
not, "unknown" outside git, and the header left alone when nothing changed.
Then cmake/version.cmake in a small project: after an edit and after a
`git commit`, `cmake --build` alone (no re-configure) must report the tree
being built.

Environment (tests/CMakeLists.txt): RELOCSIM_CMAKE, RELOCSIM_GIT,
RELOCSIM_CMAKE_DIR (the project's cmake/ folder), RELOCSIM_CMAKE_GENERATOR,
RELOCSIM_CXX.
"""
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

CMAKE = os.environ.get("RELOCSIM_CMAKE", "cmake")
GIT = os.environ.get("RELOCSIM_GIT", "git")
CMAKE_DIR = Path(os.environ.get("RELOCSIM_CMAKE_DIR", Path(__file__).resolve().parents[2] / "cmake"))
SCRIPT = CMAKE_DIR / "build_info.cmake"
TEMPLATE = CMAKE_DIR / "build_info.hpp.in"

SHA = re.compile(r"^[0-9a-f]{40}$")
DIRTY = re.compile(r"^([0-9a-f]{40})-dirty-([0-9a-f]{12})$")


@pytest.fixture
def env(tmp_path):
    """git with no user or system configuration, and no GIT_* from outside."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    home = tmp_path / "home"
    home.mkdir()
    e.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
             GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
             GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return e


def git(repo, env, *args):
    return subprocess.run([GIT, *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def make_repo(path, env):
    path.mkdir(parents=True)
    git(path, env, "init", "-q")
    (path / "CMakeLists.txt").write_text("project(probe)\n")
    (path / "code.txt").write_text("one\ntwo\nthree\n")
    (path / "data.bin").write_bytes(b"\x00\x01head\x00" + b"x" * 64)
    git(path, env, "add", "-A")
    git(path, env, "commit", "-q", "-m", "first")
    return path


def run_script(source, out, env, git_executable=GIT):
    subprocess.run([CMAKE, f"-DRELOCSIM_SOURCE_DIR={source}", f"-DRELOCSIM_BUILD_INFO_TEMPLATE={TEMPLATE}",
                    f"-DRELOCSIM_BUILD_INFO_OUTPUT={out}", f"-DGIT_EXECUTABLE={git_executable}",
                    "-DPROJECT_VERSION=9.8.7", "-DCMAKE_BUILD_TYPE=Probe", "-DCMAKE_CXX_COMPILER_ID=GNU",
                    "-DCMAKE_CXX_COMPILER_VERSION=1.2", "-P", str(SCRIPT)],
                   env=env, check=True, capture_output=True, text=True)
    m = re.search(r'git_commit = "([^"]*)";', out.read_text())
    assert m, out.read_text()
    return m.group(1)


@pytest.fixture
def repo(tmp_path, env):
    return make_repo(tmp_path / "repo", env)


@pytest.fixture
def header(tmp_path):
    return tmp_path / "build" / "generated" / "relocsim" / "build_info.hpp"


def test_clean_tree_is_head(repo, header, env):
    commit = run_script(repo, header, env)
    assert SHA.match(commit)
    assert commit == git(repo, env, "rev-parse", "HEAD")
    text = header.read_text()
    assert 'version = "9.8.7"' in text and 'build_type = "Probe"' in text and 'compiler = "GNU 1.2"' in text


def test_new_commit_is_seen(repo, header, env):
    first = run_script(repo, header, env)
    (repo / "code.txt").write_text("changed\n")
    git(repo, env, "commit", "-q", "-am", "second")
    second = run_script(repo, header, env)
    assert second != first and second == git(repo, env, "rev-parse", "HEAD")


def test_dirty_hash_follows_the_changes(repo, header, env):
    head = git(repo, env, "rev-parse", "HEAD")
    code = repo / "code.txt"
    original = code.read_text()

    code.write_text(original + "four\n")
    a = run_script(repo, header, env)
    m = DIRTY.match(a)
    assert m and m.group(1) == head, a

    code.write_text(original + "five\n")
    b = run_script(repo, header, env)
    assert DIRTY.match(b) and b != a, "different changes must give different ids"

    code.write_text(original + "four\n")
    assert run_script(repo, header, env) == a, "the same changes must give the same id"

    git(repo, env, "add", "code.txt")  # staged instead of not: the same tree
    assert run_script(repo, header, env) == a

    git(repo, env, "reset", "-q")
    code.write_text(original)
    assert run_script(repo, header, env) == head


def test_binary_changes_are_hashed_in_full(repo, header, env):
    data = repo / "data.bin"
    # Two changes that differ only after a NUL byte: a text-only diff would say
    # "Binary files differ" for both.
    data.write_bytes(b"\x00\x01head\x00" + b"y" * 64)
    a = run_script(repo, header, env)
    data.write_bytes(b"\x00\x01head\x00" + b"z" * 64)
    b = run_script(repo, header, env)
    assert DIRTY.match(a) and DIRTY.match(b) and a != b


def test_deleted_file_is_dirty(repo, header, env):
    (repo / "code.txt").unlink()
    assert DIRTY.match(run_script(repo, header, env))


def test_untracked_files_do_not_count(repo, header, env):
    (repo / "scratch.txt").write_text("not tracked\n")
    assert SHA.match(run_script(repo, header, env))


def test_git_configuration_does_not_change_the_hash(repo, header, env):
    (repo / "code.txt").write_text("one\nTWO\nthree\n")
    (repo / "data.bin").write_bytes(b"\x00changed")
    before = run_script(repo, header, env)
    for key, value in [("diff.noprefix", "true"), ("diff.mnemonicPrefix", "true"), ("color.ui", "always"),
                       ("color.diff", "always"), ("diff.context", "10"), ("diff.interHunkContext", "5"),
                       ("diff.renames", "copies"), ("diff.algorithm", "patience"), ("diff.indentHeuristic", "false"),
                       ("diff.external", "false"), ("diff.suppressBlankEmpty", "true"),
                       ("diff.orderFile", "order.txt"), ("core.quotePath", "false")]:
        git(repo, env, "config", key, value)
    (repo / "order.txt").write_text("data.bin\ncode.txt\n")
    assert run_script(repo, header, env) == before


def test_header_left_alone_when_nothing_changed(repo, header, env):
    code = repo / "code.txt"
    for state in ("clean", "dirty"):
        if state == "dirty":
            code.write_text("edited\n")
        first = run_script(repo, header, env)
        old = 1_000_000_000
        os.utime(header, (old, old))
        assert run_script(repo, header, env) == first
        assert header.stat().st_mtime == old, f"{state}: header rewritten though nothing changed"
        # nothing left beside it
        assert sorted(p.name for p in header.parent.iterdir()) == ["build_info.hpp"]
    code.write_text("edited again\n")
    assert run_script(repo, header, env) != first
    assert header.stat().st_mtime != old


def test_outside_git_is_unknown(tmp_path, header, env):
    plain = tmp_path / "tarball"
    plain.mkdir()
    (plain / "CMakeLists.txt").write_text("project(probe)\n")
    assert run_script(plain, header, env) == "unknown"


def test_untracked_inside_another_repository_is_unknown(repo, header, env):
    unpacked = repo / "vendor" / "relocsim"
    unpacked.mkdir(parents=True)
    (unpacked / "CMakeLists.txt").write_text("project(probe)\n")
    assert run_script(unpacked, header, env) == "unknown"


def test_without_git_is_unknown(repo, header, env):
    assert run_script(repo, header, env, git_executable="") == "unknown"


def test_repository_without_commits_is_unknown(tmp_path, header, env):
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, env, "init", "-q")
    (empty / "CMakeLists.txt").write_text("project(probe)\n")
    git(empty, env, "add", "CMakeLists.txt")
    assert run_script(empty, header, env) == "unknown"


PROBE_CMAKELISTS = """cmake_minimum_required(VERSION 3.25)
project(build_info_probe VERSION 1.2.3 LANGUAGES CXX)
include(cmake/version.cmake)
add_executable(show show.cpp)
target_include_directories(show PRIVATE ${PROJECT_BINARY_DIR}/generated)
add_dependencies(show relocsim_build_info)
"""

PROBE_MAIN = """#include <cstdio>
#include "relocsim/build_info.hpp"
int main() { std::puts(relocsim::build_info::git_commit); }
"""


def test_build_sees_commits_without_reconfiguring(tmp_path, env):
    src = tmp_path / "probe"
    (src / "cmake").mkdir(parents=True)
    for name in ("version.cmake", "build_info.cmake", "build_info.hpp.in"):
        shutil.copy(CMAKE_DIR / name, src / "cmake" / name)
    (src / "CMakeLists.txt").write_text(PROBE_CMAKELISTS)
    (src / "show.cpp").write_text(PROBE_MAIN)
    (src / "notes.txt").write_text("notes\n")
    git(src, env, "init", "-q")
    git(src, env, "add", "-A")
    git(src, env, "commit", "-q", "-m", "first")

    build = tmp_path / "build"
    configure = [CMAKE, "-S", str(src), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release"]
    if os.environ.get("RELOCSIM_CMAKE_GENERATOR"):
        configure += ["-G", os.environ["RELOCSIM_CMAKE_GENERATOR"]]
    if os.environ.get("RELOCSIM_CXX"):
        configure += [f"-DCMAKE_CXX_COMPILER={os.environ['RELOCSIM_CXX']}"]
    subprocess.run(configure, env=env, check=True, capture_output=True, text=True)
    exe = build / "show"
    header = build / "generated" / "relocsim" / "build_info.hpp"

    def build_and_show():
        time.sleep(1.1)  # coarse time stamps would hide a rewrite from make
        out = subprocess.run([CMAKE, "--build", str(build)], env=env, check=True,
                             capture_output=True, text=True).stdout
        assert "Configuring done" not in out, "the build re-configured: the test proves nothing"
        return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.strip()

    first = build_and_show()
    assert first == git(src, env, "rev-parse", "HEAD")

    stamps = (exe.stat().st_mtime_ns, header.stat().st_mtime_ns)
    assert build_and_show() == first
    assert (exe.stat().st_mtime_ns, header.stat().st_mtime_ns) == stamps, "rebuilt with nothing changed"

    (src / "notes.txt").write_text("notes, edited\n")
    dirty = build_and_show()
    assert DIRTY.match(dirty) and dirty.startswith(first + "-dirty-"), dirty

    git(src, env, "commit", "-q", "-am", "second")
    second = build_and_show()
    assert second == git(src, env, "rev-parse", "HEAD") and second != first
