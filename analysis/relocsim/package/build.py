"""``python3 -m relocsim package PAPER.toml -o DIR``: run every item of a
paper, then gather what a replicator needs into DIR (docs/REPLICATION.md)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..reader import provenance as file_provenance
from .environment import hardware, python_software
from .paper import Paper, read_paper
from .readme import write_readme
from .script import write_script
from .steps import computation_words, expand, literal, product_words, under

FORMAT = "relocsim replication package 1"
# Figures' PDFs carry a date; with SOURCE_DATE_EPOCH set, matplotlib writes
# this one instead of the clock's, so a rerun gives the same bytes.
SOURCE_DATE_EPOCH = 946684800  # 2000-01-01T00:00:00Z


class PackageInputError(ValueError):
    """Bad input: exit status 2."""


class PackageRunError(RuntimeError):
    """A step failed or the package could not be written: exit status 1."""


def find_relocsim(given: str | None = None) -> str:
    """The program: ``given``, else $RELOCSIM_BIN, else relocsim on PATH."""
    name = given or os.environ.get("RELOCSIM_BIN") or "relocsim"
    found = shutil.which(name)
    if not found:
        raise PackageInputError(
            f"cannot find the relocsim program {name!r}; expected RELOCSIM_BIN set to it, or relocsim on PATH")
    return str(Path(found).absolute())


def analysis_root() -> Path:
    """The folder holding this analysis package (``analysis/``)."""
    return Path(__file__).resolve().parents[2]


def step_environment(python_path: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = python_path + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_provenance(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(global attributes as text, {input path: contents}) of an output file:
    relocsim.reader.provenance, without the configurations it derives."""
    p = file_provenance(path)
    inputs = p.pop("input_files")
    for derived in ("resolved_config", "arm_config"):
        p.pop(derived, None)
    return {k: str(v) for k, v in p.items() if not k.startswith("_")}, inputs


def _normal(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def make_package(paper_toml, out_dir, relocsim: str | None = None, echo=None) -> Path:
    """Runs every item of PAPER.toml and writes the package into ``out_dir``
    (a new or empty folder). Raises PaperError or PackageInputError on bad
    input, PackageRunError when a step fails."""
    echo = echo or (lambda line: print(line, file=sys.stderr))
    paper = read_paper(paper_toml)
    binary = find_relocsim(relocsim)
    out = Path(_normal(Path(out_dir)))
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PackageInputError(f"{out}: exists and is not an empty folder; expected a new folder for the package")
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _make(paper, binary, out, echo)
    except BaseException:
        # Nothing half made is left behind: the folder was new or empty.
        shutil.rmtree(out, ignore_errors=True)
        raise


def _make(paper: Paper, binary: str, out: Path, echo) -> Path:
    outputs, logs = out / "outputs", out / "logs"
    outputs.mkdir()
    logs.mkdir()
    env = step_environment(str(analysis_root()))
    values = {"relocsim": binary, "python": sys.executable, "outputs": str(outputs), "paper": str(paper.folder)}

    records = []
    for item in paper.items:
        if item.computation:
            words = computation_words(item, lambda key, i=item: literal(_normal(paper.folder / i.values[key])),
                                      lambda name: under("outputs", name))
        else:
            words = product_words(item)
        argv = [expand(w, values) for w in words]
        echo(f"{item.name}: {shlex.join(argv)}")
        start = time.monotonic()
        try:
            done = subprocess.run(argv, cwd=outputs, env=env, capture_output=True, text=True)
        except OSError as error:
            raise PackageRunError(f"{item.key} ({item.name}): cannot start {argv[0]!r}: {error}") from None
        seconds = time.monotonic() - start
        (logs / f"{item.name}.log").write_text(f"$ {shlex.join(argv)}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
            raise PackageRunError(f"{item.key} ({item.name}) failed with status {done.returncode}: "
                                  f"{shlex.join(argv)}\n{tail}")
        missing = [o for o in item.outputs if not (outputs / o).is_file()]
        if missing:
            raise PackageRunError(f"{item.key} ({item.name}) did not write {', '.join(missing)} into the outputs "
                                  f"folder; expected every file its outputs list names")
        echo(f"{item.name}: done in {seconds:.1f} s")
        records.append({"item": item, "argv": argv, "seconds": seconds})

    # Every input, from the outputs' own record of what they read.
    read_by: dict[str, list[str]] = {}
    recorded: dict[str, str] = {}
    provenance: dict[str, dict[str, str]] = {}
    for item in paper.items:
        if not item.computation:
            continue
        attrs, inputs = read_provenance(outputs / item.outputs[0])
        provenance[item.name] = attrs
        for key in ("config", "definition", "a", "b"):
            if key in item.values:
                inputs.setdefault(_normal(paper.folder / item.values[key]), None)
        for path, text in inputs.items():
            read_by.setdefault(path, []).append(item.name)
            if text is not None:
                recorded[path] = text
    # An input that names another by its absolute path would read the
    # authors' copy, not the package's, anywhere else.
    absolute = []
    for path in sorted(read_by):
        text = recorded.get(path)
        if text is None:
            continue
        for other in read_by:
            if other != path and re.search(r"(?<![\w.~/-])" + re.escape(other), text):
                absolute.append(f"{path} names {other} by its absolute path; expected a path relative to "
                                f"{os.path.basename(path)}'s folder, so that the package runs elsewhere")
    if absolute:
        raise PackageInputError("\n".join(absolute))
    root = os.path.commonpath(list(read_by)) if read_by else str(paper.folder)
    if len(read_by) == 1:
        root = os.path.dirname(root)
    inputs_list = []
    for path in sorted(read_by):
        source = Path(path)
        data = source.read_bytes()
        if path in recorded and recorded[path].encode("utf-8") != data:
            raise PackageRunError(f"{path}: changed since {', '.join(read_by[path])} read it; "
                                  "expected the inputs to stay as they were while the package is made")
        target = out / "inputs" / os.path.relpath(path, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        inputs_list.append({"path": str(target.relative_to(out)), "original": path,
                            "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                            "read_by": read_by[path]})

    # Programs: files the figures' and tables' commands name under {paper},
    # their extra files, and the analysis package they import.
    programs = out / "programs"
    programs.mkdir()
    copied = set()
    for item in paper.items:
        if item.computation:
            continue
        wanted = [w[len("{paper}/"):] for w in (item.values["command"] if isinstance(item.values["command"], list)
                                                 else shlex.split(item.values["command"]))
                  if w.startswith("{paper}/")] + list(item.values.get("files", []))
        for relative in wanted:
            source = (paper.folder / relative).resolve()
            rel = source.relative_to(paper.folder.resolve())
            if rel in copied:
                continue
            copied.add(rel)
            (programs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, programs / rel)
    shutil.copytree(analysis_root() / "relocsim", programs / "analysis" / "relocsim",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copyfile(paper.path, out / "paper.toml")

    items = []
    for record in records:
        item = record["item"]
        if item.computation:
            words = computation_words(
                item, lambda key, i=item: under("inputs", os.path.relpath(_normal(paper.folder / i.values[key]), root)),
                lambda name: under("outputs", name))
        else:
            words = product_words(item)
        items.append({
            "name": item.name, "kind": item.kind, "key": item.key,
            "label": item.values.get("label", ""), "caption": item.values.get("caption", ""),
            "outputs": item.outputs, "seconds": round(record["seconds"], 3),
            "author_command": shlex.join(record["argv"]), "words": [list(map(list, w)) for w in words],
            "provenance": provenance.get(item.name, {}),
        })
    manifest = {
        "format": FORMAT,
        "title": paper.title, "authors": paper.authors, "description": paper.description, "contact": paper.contact,
        "made": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "package_dir": str(out), "input_root": root, "paper_folder": str(paper.folder),
        "relocsim": binary, "source_date_epoch": SOURCE_DATE_EPOCH, "repository": _repository(),
        "items": items, "inputs": inputs_list,
        "python": python_software(), "hardware": hardware(),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    write_script(out / "run_all.sh", manifest)
    write_readme(out, manifest)
    write_checksums(out)
    return out


def _repository() -> str:
    """The git remote of the relocsim sources this analysis package lives in, if any."""
    try:
        done = subprocess.run(["git", "-C", str(analysis_root()), "remote", "get-url", "origin"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def write_checksums(out: Path) -> None:
    """MANIFEST.sha256, in sha256sum's format: every file of the package."""
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.sha256"):
        lines.append(f"{sha256(path)}  {path.relative_to(out).as_posix()}")
    (out / "MANIFEST.sha256").write_text("\n".join(lines) + "\n")
