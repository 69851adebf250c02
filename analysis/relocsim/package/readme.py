"""The package's README.md, following the social-science data editors'
template README (Vilhuber et al., https://doi.org/10.5281/zenodo.7293838):
overview, data availability and provenance, computational requirements,
programs, instructions, and the list of figures and tables."""

from __future__ import annotations

from pathlib import Path

from .steps import bash

RUNTIME_BUCKETS = [(600, "<10 minutes"), (3600, "10-60 minutes"), (7200, "1-2 hours"), (28800, "2-8 hours"),
                   (86400, "8-24 hours"), (259200, "1-3 days"), (1209600, "3-14 days"), (float("inf"), "> 14 days")]
STORAGE_BUCKETS = [(25e6, "< 25 MBytes"), (250e6, "25 MB - 250 MB"), (2e9, "250 MB - 2 GB"), (25e9, "2 GB - 25 GB"),
                   (250e9, "25 GB - 250 GB"), (float("inf"), "> 250 GB")]
SOFTWARE_KEYS = ("program_version", "git_commit", "build_type", "compiler", "compile_flags")
KIND_WORDS = {"run": "run", "sweep": "sweep", "compare": "comparison", "calibration": "calibration",
              "figure": "figure", "table": "table"}


def bucket(value: float, buckets) -> str:
    return next(name for limit, name in buckets if value < limit)


def checklist(chosen: str, buckets) -> list[str]:
    return [f"- [{'x' if name == chosen else ' '}] {name}" for _, name in buckets]


def seconds_text(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.2f} h"


def _software(items) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in items:
        for key, value in item["provenance"].items():
            if key in SOFTWARE_KEYS or key.startswith("lib_"):
                if value not in found.setdefault(key, []):
                    found[key].append(value)
    return found


def _randomness(item) -> str:
    p = item["provenance"]
    if item["kind"] == "run":
        return f"seed {p.get('seed_text') or p.get('seed', '?')} (`run.seed`; every random stream of the run derives from it)"
    seed = p.get("master_seed_text") or p.get("master_seed") or p.get("seed", "?")
    how = p.get("seed_derivation", "")
    text = f"master seed {seed}"
    if item["kind"] == "compare":
        text += " (`--seed`); replicate r runs on the seed of design row 0 and replicate r, the same for A and B"
    elif how:
        text += f"; each run's seed: `{how}`"
    return text


def write_readme(out: Path, m: dict) -> None:
    items = m["items"]
    computations = [i for i in items if i["kind"] not in ("figure", "table")]
    products = [i for i in items if i["kind"] in ("figure", "table")]
    total = sum(i["seconds"] for i in items)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    software = _software(computations)
    commits = software.get("git_commit", ["unknown"])
    hw = m["hardware"]
    counts = {}
    for i in items:
        counts[i["kind"]] = counts.get(i["kind"], 0) + 1
    summary = ", ".join(f"{n} {KIND_WORDS[k]}{'s' if n > 1 else ''}" for k, n in counts.items())
    L = [f"# Replication package: {m['title']}", ""]
    if m["authors"]:
        L += [", ".join(m["authors"]), ""]
    L += [f"Made on {m['made']} by `python3 -m relocsim package` (relocsim "
          f"{', '.join(software.get('program_version', ['?']))}, commit {', '.join(commits)}).", ""]
    L += ["## Overview", ""]
    if m["description"]:
        L += [m["description"], ""]
    L += [f"The results come from relocsim, an agent-based simulation of manufacturing relocation from China "
          f"to India and ASEAN. This package holds {summary}: the model's inputs (`inputs/`), the programs "
          f"that make the figures and tables (`programs/`), the outputs as the authors made them (`outputs/`), "
          f"and one main script, `run_all.sh`, that reruns every step from scratch and regenerates every "
          f"figure and table. The replicator should expect the code to run for about "
          f"{seconds_text(total)} on a machine like the one below ({bucket(total, RUNTIME_BUCKETS)}).", ""]

    L += ["## Data Availability and Provenance Statements", "",
          "The model reads no data other than the configurations and data tables in `inputs/`, every one of "
          "which is provided. They are the files each output records having read (the `input_file` and "
          "`input_file_contents` variables of every run file, sweep archive and calibration): scenarios "
          "(TOML; each value's source in its `[sources]` table), data tables (CSV; each row's source in "
          "its `source` column), sweep and calibration definitions, and calibration targets (published "
          "figures, each with its source).", "",
          "### Statement about Rights", "",
          "- [ ] I certify that the author(s) of the manuscript have legitimate access to and permission to "
          "use the data used in this manuscript.",
          "- [ ] I certify that the author(s) of the manuscript have documented permission to redistribute/"
          "publish the data contained within this replication package.", "",
          "### Summary of Availability", "",
          "- [x] All data **are** publicly available.",
          "- [ ] Some data **cannot be made** publicly available.",
          "- [ ] **No data can be made** publicly available.", "",
          "### Dataset list", "",
          "Every file is provided; `MANIFEST.sha256` holds the SHA-256 of every file of the package "
          "(`sha256sum -c MANIFEST.sha256`).", "",
          "| Data file | Read by | Bytes | SHA-256 | Provided |", "|---|---|---:|---|---|"]
    for f in m["inputs"]:
        L.append(f"| `{f['path']}` | {', '.join(f['read_by'])} | {f['bytes']} | `{f['sha256']}` | Yes |")
    L += ["", f"The inputs keep the layout they had below `{m['input_root']}` on the authors' machine, so the "
          "paths by which they name one another (`extends`, data tables, a sweep's scenarios) still hold.", ""]

    L += ["## Computational requirements", "", "### Software Requirements", "",
          "- relocsim, the simulator (C++20), as recorded in every output file:"]
    for key in SOFTWARE_KEYS:
        L.append(f"  - `{key}`: {', '.join(software.get(key, ['not recorded']))}")
    libs = [f"{k[4:]} {', '.join(v)}" for k, v in sorted(software.items()) if k.startswith("lib_")]
    L.append(f"  - libraries it ran with: {'; '.join(libs) if libs else 'not recorded'}")
    py = m["python"]
    L.append(f"- Python {py.get('python', '?')}, with " + ", ".join(
        f"{k} {v}" for k, v in py.items() if k not in ("python", "python_executable")) +
        " (the figures and tables; `programs/analysis/relocsim` is relocsim's analysis package as it was)")
    L.append(f"- {hw['os']}, {hw['libc']}; bash for `run_all.sh`")
    L += ["", "To build relocsim from source at the recorded commit (Debian 12; `scripts/bootstrap.sh` installs "
          "the Debian packages it needs):", "", "```sh",
          f"git clone {m.get('repository') or 'RELOCSIM_REPOSITORY'} relocsim && cd relocsim",
          f"git checkout {commits[0].split('-dirty-')[0]}",
          "bash scripts/bootstrap.sh",
          "cmake --preset release && cmake --build --preset release --target relocsim",
          "export RELOCSIM_BIN=$PWD/build/release/sim/cli/relocsim", "```", ""]
    if not m.get("repository"):
        L += ["(`RELOCSIM_REPOSITORY`: where relocsim's sources are published; the source tree the package was "
              "made from had no git remote to name.)", ""]
    if any("-dirty-" in c for c in commits):
        L += ["**Note**: the program was built from a tree with uncommitted changes (`-dirty-` in the commit): "
              "the commit alone does not give its exact source.", ""]
    if len(commits) > 1:
        L += ["**Note**: the outputs were made by more than one build of relocsim (several commits above).", ""]
    L += ["Results are the same bit for bit on any number of threads, and with g++ 12 and clang 14 release "
          "builds; docs/REPLICATION.md of the relocsim sources says what is and is not guaranteed across "
          "compilers, library versions and processors.", ""]

    L += ["### Controlled Randomness", "",
          "Every random draw derives from a seed given in the inputs or on the command line, through "
          "Philox4x64-10 counters keyed by (seed, named stream, entity), never from a thread, the clock or "
          "the order in which runs finish:", ""]
    for i in computations:
        L.append(f"- {i['name']} ({KIND_WORDS[i['kind']]}): {_randomness(i)}")
    L += ["- figures and tables: drawn from the outputs above; they draw no random numbers of their own "
          "unless their programs say so.", ""]

    L += ["### Memory, Runtime, Storage Requirements", "", "#### Summary time to reproduce", "",
          f"Approximate time needed to reproduce the analyses on the machine below: {seconds_text(total)}.", ""]
    L += checklist(bucket(total, RUNTIME_BUCKETS), RUNTIME_BUCKETS) + [""]
    L += ["#### Summary of required storage space", "", f"The package takes {size / 1e6:.1f} MB.", ""]
    L += checklist(bucket(size, STORAGE_BUCKETS), STORAGE_BUCKETS) + [""]
    L += ["#### Computational Details", "",
          f"The code was last run on a {hw['cores']}-core {hw['machine']} machine ({hw['cpu']}; FMA: {hw['fma']}, "
          f"AVX2: {hw['avx2']}) with {hw['memory']} of memory, {hw['os']}, Linux {hw['kernel']}. "
          "Measured time of each step:", "", "| Step | Kind | Seconds |", "|---|---|---:|"]
    for i in items:
        L.append(f"| {i['name']} | {KIND_WORDS[i['kind']]} | {i['seconds']:.1f} |")
    L += [f"| all | | {total:.1f} |", ""]

    L += ["## Description of programs/code", "",
          "- `run_all.sh`: the main script; reruns every step below in order (`bash run_all.sh --help`).",
          "- `inputs/`: scenarios, data tables, sweep and calibration definitions, targets.",
          "- `programs/`: the programs that make the figures and tables; `programs/analysis/relocsim` is "
          "relocsim's Python analysis package, which they may import (`run_all.sh` puts it on PYTHONPATH).",
          "- `outputs/`: the outputs as the authors made them (HDF5 files, figures, tables).",
          "- `logs/`: what each step printed when the package was made.",
          "- `paper.toml`: the paper's definition the package was made from (its paths are the authors').",
          "- `manifest.json`: the same, machine-readable: every step, its command, outputs, time and provenance.",
          "- `MANIFEST.sha256`: the SHA-256 of every file.", ""]

    L += ["## Instructions to Replicators", "",
          "1. Build relocsim at the recorded commit (above) and set `RELOCSIM_BIN` to the program, or put "
          "`relocsim` on PATH.",
          "2. `bash run_all.sh` reruns everything into `replication/` (or `bash run_all.sh OUTDIR`); "
          "`--only NAME,...` reruns the named steps alone.",
          "3. Compare: `PYTHONPATH=programs/analysis python3 -m relocsim package --check .` reruns the package "
          "in a scratch folder and says, step by step, whether each output is bit-identical to the archived "
          "one (`--only NAME,...` for a quick check of some steps; exit status 0 all identical, 1 some "
          "differ, 2 bad input).", "",
          "What the check compares: HDF5 outputs dataset by dataset, bit for bit, and every attribute except "
          "those that record when, where and how a file was made (`start_time`, `end_time`, `threads`, "
          "`command_line`, `history`, `host`, a calibration's `wall_seconds`); paths the rerun records under "
          "its scratch folder are put back to the package's before comparing. PDF figures byte for byte "
          "apart from their creation and modification dates (fixed anyway by `SOURCE_DATE_EPOCH`); PNG "
          "figures chunk by chunk (pixels and text) apart from time chunks; everything else byte for byte.", ""]

    L += ["## List of tables and programs", "",
          "| Figure/Table # | Step | Program (command in `run_all.sh`) | Output files | Note |", "|---|---|---|---|---|"]
    for i in products + computations:
        words = [tuple(tuple(p) for p in w) for w in i["words"]]
        command = " ".join(bash(w) for w in words).replace("|", "\\|")
        outs = ", ".join(f"`outputs/{o}`" for o in i["outputs"])
        L.append(f"| {i['label'] or KIND_WORDS[i['kind']]} | {i['name']} | `{command}` | {outs} | "
                 f"{i['caption'].replace('|', '/')} |")
    L += ["", "## References", "",
          "- relocsim: program version and commit above; its docs/ folder describes the model (ODD.md), the "
          "output files (OUTPUT.md, SWEEP.md, CALIBRATE.md) and replication (REPLICATION.md).",
          "- Vilhuber, L., Connolly, M., Koren, M., Llull, J., & Morrow, P. (2022). A template README for "
          "social science replication packages (v1.1). Social Science Data Editors. "
          "https://doi.org/10.5281/zenodo.7293838", ""]
    (out / "README.md").write_text("\n".join(L))
