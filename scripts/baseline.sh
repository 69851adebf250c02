#!/usr/bin/env bash
# Quick start, part one: install what is missing, build, and run the baseline
# scenario. Extra arguments go to `relocsim run` (e.g. --force, --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target relocsim >/dev/null
exec build/release/sim/cli/relocsim run configs/baseline.toml -o results/baseline.h5 "$@"
