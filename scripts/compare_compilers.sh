#!/usr/bin/env bash
# g++ and clang++ release builds of relocsim give the same results, bit for
# bit: builds the relocsim program with each (presets release and
# release-clang; only that target), runs the baseline scenario and a small
# sweep with both, and compares the files with relocsim.identical (every
# dataset bit for bit, every attribute but when, where and by which compiler
# and command the file was made). docs/REPLICATION.md says what this
# guarantees. About 10 minutes on 2 cores with a cold clang build.
#
#   scripts/compare_compilers.sh          the compiler check (CI, .ci/run)
#   scripts/compare_compilers.sh --cpu    also the g++ build with glibc's FMA
#                                         and AVX2 variants of exp, log, pow
#                                         masked, as on an older CPU: prints
#                                         what differs and does not fail
#                                         (they differ: docs/REPLICATION.md)
set -euo pipefail
cd "$(dirname "$0")/.."
cpu=0
case "${1:-}" in --cpu) cpu=1 ;; "") ;; *) echo "compare_compilers.sh: unknown option $1; expected --cpu" >&2; exit 2 ;; esac
jobs="${RELOCSIM_JOBS:-$(nproc)}"
# Debian's clang, as tests/fuzz/run.sh installs it; the rest as
# scripts/bootstrap.sh does.
if ! dpkg-query -W -f='${Status}' clang 2>/dev/null | grep -q "install ok installed"; then
  echo "compare_compilers.sh: installing clang" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang >/dev/null
fi
python=/usr/bin/python3
for preset in release release-clang; do
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target relocsim -j "$jobs"
done
gcc_bin=build/release/sim/cli/relocsim
clang_bin=build/release-clang/sim/cli/relocsim
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# PLI on and off, three behavioural parameters on a Latin hypercube, on a
# smaller baseline: 8 runs.
cat >"$work/sweep.toml" <<TOML
[sweep]
method = "lhs"
n = 4
replications = 1
master_seed = 20240601
reference = "pli"

[[arm]]
name = "pli"
scenario = "$PWD/configs/baseline.toml"
set = ["population.n_firms=6000"]

[[arm]]
name = "no_pli"
scenario = "$PWD/configs/scenarios/no_pli.toml"
set = ["population.n_firms=6000"]

[[parameter]]
key = "behaviour.logit_scale"
lower = 3.0
upper = 8.0

[[parameter]]
key = "behaviour.review_probability"
lower = 0.05
upper = 0.3

[[parameter]]
key = "costs.wage_pressure"
lower = 0.0
upper = 1.0
TOML

for name in gcc clang; do
  bin="${name}_bin"
  "${!bin}" run configs/baseline.toml -o "$work/run-$name.h5" --seed 20240601 -q
  "${!bin}" sweep "$work/sweep.toml" -o "$work/sweep-$name.h5" -q
done
same() { PYTHONPATH=analysis "$python" -m relocsim.identical "$@"; }
status=0
echo "g++ ($gcc_bin) against clang++ ($clang_bin):"
same "$work/run-gcc.h5" "$work/run-clang.h5" --ignore compiler || status=1
same "$work/sweep-gcc.h5" "$work/sweep-clang.h5" --ignore compiler || status=1

if [ "$cpu" = 1 ]; then
  # glibc 2.36 names the features without _Usable (that older spelling is
  # silently ignored); perf shows __ieee754_exp_avx and __ieee754_pow_sse2
  # in place of the _fma variants with this setting.
  GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA "$gcc_bin" run configs/baseline.toml -o "$work/run-nofma.h5" \
    --seed 20240601 -q
  GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA "$gcc_bin" sweep "$work/sweep.toml" -o "$work/sweep-nofma.h5" -q
  echo "g++ build, glibc's FMA variants against the non-FMA ones (informative; not a failure):"
  same "$work/run-gcc.h5" "$work/run-nofma.h5" || true
  same "$work/sweep-gcc.h5" "$work/sweep-nofma.h5" || true
fi
if [ "$status" = 0 ]; then echo "compilers: identical"; else echo "compilers: DIFFERENT" >&2; fi
exit "$status"
