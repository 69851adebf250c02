"""``python3 -m relocsim package --check DIR [--only NAME,...]``: rerun a
package's main script in a scratch folder, step by step, and compare every
output with the archived one (relocsim.identical)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..identical import HDF5_SUFFIXES, file_differences
from .build import FORMAT, PackageInputError, find_relocsim, read_provenance, sha256


@dataclass
class ItemResult:
    name: str
    seconds: float = 0.0
    recorded_seconds: float = 0.0
    failed: str = ""  # why the step did not finish
    outputs: dict[str, list[str]] = field(default_factory=dict)  # output -> what differs
    how: dict[str, str] = field(default_factory=dict)  # output -> how it was compared

    @property
    def identical(self) -> bool:
        return not self.failed and not any(self.outputs.values())


@dataclass
class CheckResult:
    items: list[ItemResult]
    tampered: list[str]  # package files whose SHA-256 differs from MANIFEST.sha256
    scratch: Path | None

    @property
    def identical(self) -> bool:
        return all(i.identical for i in self.items) and not self.tampered


def load_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise PackageInputError(f"{path}: no such file; expected a folder made by python3 -m relocsim package") from None
    except (OSError, ValueError) as error:
        raise PackageInputError(f"{path}: cannot read it ({error})") from None
    if manifest.get("format") != FORMAT:
        raise PackageInputError(f"{path}: format {manifest.get('format')!r}; expected {FORMAT!r}")
    return manifest


def _tampered(folder: Path) -> list[str]:
    sums = folder / "MANIFEST.sha256"
    if not sums.is_file():
        return ["MANIFEST.sha256: missing"]
    out = []
    for line in sums.read_text().splitlines():
        digest, _, name = line.partition("  ")
        path = folder / name
        if not path.is_file():
            out.append(f"{name}: missing")
        elif sha256(path) != digest:
            out.append(f"{name}: SHA-256 differs from MANIFEST.sha256")
    return out


def _outside(path: Path, scratch: Path) -> list[str]:
    """Inputs a rerun output read from outside the scratch copy."""
    _, inputs = read_provenance(path)
    return [f"read {n}, outside the package" for n in inputs if not n.startswith(str(scratch) + "/")]


def check_package(folder, only: list[str] | None = None, relocsim: str | None = None, keep: bool = False,
                  echo=None) -> CheckResult:
    """Reruns the package at ``folder`` (every step, or the ``only`` ones) and
    compares. Raises PackageInputError on bad input."""
    echo = echo or (lambda line: None)
    folder = Path(folder).absolute()
    manifest = load_manifest(folder)
    names = [i["name"] for i in manifest["items"]]
    only = only or []
    unknown = [n for n in only if n not in names]
    if unknown:
        raise PackageInputError(f"--only: unknown item {', '.join(unknown)}; expected one of {', '.join(names)}")
    missing = [part for part in ("inputs", "programs", "run_all.sh", "outputs") if not (folder / part).exists()]
    if missing:
        raise PackageInputError(f"{folder}: no {', '.join(missing)}; expected a folder made by python3 -m relocsim package")
    binary = find_relocsim(relocsim)
    tampered = _tampered(folder)
    scratch = Path(tempfile.mkdtemp(prefix="relocsim-check-")).resolve()
    try:
        for part in ("inputs", "programs"):
            shutil.copytree(folder / part, scratch / part)
        shutil.copy2(folder / "run_all.sh", scratch / "run_all.sh")
        outputs = scratch / "outputs"
        outputs.mkdir()
        chosen = [i for i in manifest["items"] if not only or i["name"] in only]
        for item in manifest["items"]:
            if item not in chosen:  # what the chosen steps use, as archived
                for name in item["outputs"]:
                    if (folder / "outputs" / name).is_file():
                        shutil.copy2(folder / "outputs" / name, outputs / name)
        def folder_of(path: str) -> str:
            return path.rstrip("/") + "/"

        rewrite = {folder_of(str(scratch / "inputs")): folder_of(manifest["input_root"]),
                   folder_of(str(scratch / "outputs")): folder_of(str(Path(manifest["package_dir"]) / "outputs")),
                   folder_of(str(scratch / "programs")): folder_of(manifest["paper_folder"])}
        # The figures' Python is the one running the check, unless PYTHON says otherwise.
        env = {"RELOCSIM_BIN": binary, "PYTHON": os.environ.get("PYTHON") or sys.executable}
        results = []
        for item in chosen:
            result = ItemResult(item["name"], recorded_seconds=item["seconds"])
            echo(f"{item['name']}: rerunning")
            start = time.monotonic()
            done = subprocess.run(["bash", str(scratch / "run_all.sh"), "--only", item["name"], str(outputs)],
                                  cwd=scratch, env={**os.environ, **env}, capture_output=True, text=True)
            result.seconds = time.monotonic() - start
            if done.returncode != 0:
                tail = "\n".join(done.stderr.strip().splitlines()[-10:])
                result.failed = f"run_all.sh --only {item['name']} failed with status {done.returncode}: {tail}"
            for name in item["outputs"]:
                archived, again = folder / "outputs" / name, outputs / name
                if not archived.is_file():
                    result.outputs[name] = ["the archived file is missing"]
                    continue
                if not again.is_file():
                    result.outputs[name] = ["the rerun did not make it"]
                    continue
                differ, how = file_differences(archived, again, rewrite)
                if archived.suffix.lower() in HDF5_SUFFIXES:
                    differ += _outside(again, scratch)
                result.outputs[name], result.how[name] = differ, how
            results.append(result)
        return CheckResult(results, tampered, scratch if keep else None)
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)


def report_lines(result: CheckResult) -> list[str]:
    lines = []
    for item in result.items:
        state = "identical" if item.identical else ("FAILED" if item.failed else "DIFFERS")
        lines.append(f"{item.name}: {state} (rerun {item.seconds:.1f} s; recorded {item.recorded_seconds:.1f} s)")
        if item.failed:
            lines.append(f"  {item.failed}")
        for name, differ in item.outputs.items():
            how = item.how.get(name, "")
            if differ:
                shown = ", ".join(differ[:12]) + (f" and {len(differ) - 12} more" if len(differ) > 12 else "")
                lines.append(f"  outputs/{name}: differs: {shown}" + (f" [compared: {how}]" if how else ""))
            else:
                lines.append(f"  outputs/{name}: identical [compared: {how}]")
    for line in result.tampered:
        lines.append(f"package: {line}")
    if result.scratch:
        lines.append(f"scratch folder kept: {result.scratch}")
    differ = [i.name for i in result.items if not i.identical]
    lines.append("all outputs identical" if result.identical else
                 f"not identical: {', '.join(differ) if differ else 'the package files (above)'}")
    return lines
