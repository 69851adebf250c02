#!/bin/bash
# Runs a relocsim sweep on a Slurm cluster: a job array of SHARDS tasks, each
# one shard of the design, then the merge into OUT.h5 once all have succeeded.
#
#   examples/slurm/submit.sh SWEEP.toml OUT.h5 SHARDS [sbatch options...]
#
# Extra options go to both sbatch calls (e.g. --partition=short,
# --account=proj42, --cpus-per-task=8). Paths are taken relative to the
# directory you submit from, which is where the jobs run. Set RELOCSIM to the
# program's path if it is not on PATH; the jobs inherit the environment.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 SWEEP.toml OUT.h5 SHARDS [sbatch options...]" >&2
  exit 2
fi
sweep="$1" out="$2" shards="$3"
shift 3
here="$(cd "$(dirname "$0")" && pwd)"

# Fail now, not on the cluster's queue, if the definition or any run's
# configuration is wrong; and show how many runs each shard will have. Memory
# is the compute nodes' (each shard checks its own before its first run), not
# this login node's, so it is not checked here.
RELOCSIM_MEMORY_AVAILABLE=1TiB "${RELOCSIM:-relocsim}" validate "$sweep"
"${RELOCSIM:-relocsim}" sweep "$sweep" --dry-run --shard "0/${shards}"

array=$(sbatch --parsable --array="0-$((shards - 1))" "$@" "$here/sweep.sbatch" "$sweep" "$out")
array="${array%%;*}"   # "jobid;cluster" on a multi-cluster setup
merge=$(sbatch --parsable --dependency="afterok:${array}" --kill-on-invalid-dep=yes "$@" \
  "$here/merge.sbatch" "$out" "$shards")
merge="${merge%%;*}"
echo "submitted: array job ${array} (${shards} shards), merge job ${merge} (after all of them succeed)"
echo "watch with: squeue -j ${array},${merge}"
