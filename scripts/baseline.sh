#!/usr/bin/env bash
# Quick start, part one: install what is missing, build, run the baseline
# scenario, and leave its report beside the results. Extra arguments go to
# `relocsim run` (e.g. --force, --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target relocsim >/dev/null
# An explicit -o never creates directories (a typo must not scatter files), so
# the results folder is made here.
mkdir -p results
build/release/sim/cli/relocsim run configs/baseline.toml -o results/baseline.h5 "$@"
# Debian's interpreter: the analysis packages are Debian's (scripts/bootstrap.sh).
# Prints "report: results/baseline_report/index.html".
PYTHONPATH=analysis /usr/bin/python3 -m relocsim report results/baseline.h5 -o results/baseline_report
