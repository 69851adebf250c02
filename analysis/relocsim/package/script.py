"""The package's main script, run_all.sh: every item, in order, from the
copied inputs, into a new outputs folder."""

from __future__ import annotations

import shlex
from pathlib import Path

from .steps import bash

HEAD = r'''#!/usr/bin/env bash
# Reruns this replication package from scratch: every run, sweep, comparison
# and calibration, then every figure and table, in the order below.
#
#   bash run_all.sh [--only NAME,...] [OUTDIR]
#
# OUTDIR (default: replication/ beside this script) receives the outputs;
# the archived ones are in outputs/. An output that exists already is not
# overwritten. With --only, the named items alone run; the items they use
# must have their outputs in OUTDIR already (copy them from outputs/).
# The relocsim program is $RELOCSIM_BIN if set, else relocsim on PATH
# (README.md says how to build it); Python is $PYTHON, else python3.
# `python3 -m relocsim package --check .` reruns it and compares every output
# with the archived one.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RELOCSIM="${RELOCSIM_BIN:-relocsim}"
PYTHON="${PYTHON:-python3}"
export PYTHONPATH="$HERE/programs/analysis${PYTHONPATH:+:$PYTHONPATH}"
export SOURCE_DATE_EPOCH=@EPOCH@   # the date figures' PDFs carry
only=""
out="$HERE/replication"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2:?--only needs a list of names}"; shift 2 ;;
    --only=*) only="${1#--only=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "run_all.sh: unknown option $1; expected --only NAME,... or OUTDIR" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
NAMES=",@NAMES@,"
for name in ${only//,/ }; do
  case "$NAMES" in *",$name,"*) ;; *) echo "run_all.sh: --only: unknown item $name; expected one of @NAMES@" >&2; exit 2 ;; esac
done
command -v "$RELOCSIM" >/dev/null || {
  echo "run_all.sh: cannot find relocsim ($RELOCSIM): set RELOCSIM_BIN to the program or put it on PATH" >&2; exit 2; }
mkdir -p "$out"
OUT="$(cd "$out" && pwd)"

wanted() { [ -z "$only" ] || case ",$only," in *",$1,"*) true ;; *) false ;; esac; }
fresh() {  # refuses to overwrite the outputs of a figure or table
  for f in "$@"; do
    if [ -e "$OUT/$f" ]; then echo "run_all.sh: $OUT/$f exists; remove it or choose another OUTDIR" >&2; exit 1; fi
  done
}
step() {
  local name="$1"; shift
  wanted "$name" || return 0
  echo "== $name" >&2
  local start=$SECONDS
  (cd "$OUT" && "$@")
  echo "== $name done in $((SECONDS - start)) s" >&2
}
'''


def write_script(path: Path, manifest: dict) -> None:
    names = ",".join(i["name"] for i in manifest["items"])
    text = HEAD.replace("@EPOCH@", str(manifest["source_date_epoch"])).replace("@NAMES@", names)
    body = []
    for number, item in enumerate(manifest["items"]):
        words = [tuple(tuple(part) for part in w) for w in item["words"]]
        line = " ".join(bash(w) for w in words)
        label = f" ({item['label']})" if item.get("label") else ""
        body.append(f"# {item['key']}: {item['name']}{label}")
        body.append(f"step_{number}() {{")
        if item["kind"] in ("figure", "table"):
            body.append("  fresh " + " ".join(shlex.quote(o) for o in item["outputs"]))
        body.append(f"  {line}")
        body.append("}")
        body.append(f"step {shlex.quote(item['name'])} step_{number}")
        body.append("")
    text += "\n" + "\n".join(body) + 'echo "outputs: $OUT" >&2\n'
    path.write_text(text)
    path.chmod(0o755)
