#!/usr/bin/env bash
# Fuzzes the configuration loader and the sweep definition loader for a
# bounded time: the TOML target, the CSV target, then the sweep target, each
# for a third of SECONDS (default 60), starting from the seed corpus
# (tests/data/tiny, tests/data/broken, examples/slurm/*.toml pointed at the
# tiny scenario, tests/fuzz/regressions). RELOCSIM_FUZZ_TARGETS="sweep" (any
# of toml csv sweep) runs only those, sharing SECONDS. Fails on a crash, a
# sanitizer report, a leak, a timeout or running out of memory; the input that
# did it is left in BUILD/fuzz-artifacts/. Fix the loader, then keep the input
# as tests/fuzz/regressions/toml/NAME (or csv/, sweep/), which the ordinary
# test fuzz_regressions replays.
#
# Builds the fuzz preset (build/fuzz, clang) unless RELOCSIM_FUZZ_BUILD names
# a build directory already configured with -DRELOCSIM_FUZZ=ON. Needs Debian's
# clang and libclang-rt-14-dev (libFuzzer and the sanitizer runtimes).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
build="${RELOCSIM_FUZZ_BUILD:-build/fuzz}"
jobs="${RELOCSIM_FUZZ_JOBS:-$(nproc)}"
read -r -a kinds <<<"${RELOCSIM_FUZZ_TARGETS:-toml csv sweep}"
for kind in "${kinds[@]}"; do
  case "$kind" in toml | csv | sweep) ;; *) echo "relocsim fuzz: no target '$kind' (toml, csv, sweep)" >&2; exit 2 ;; esac
done

# As scripts/bootstrap.sh does for the rest: clang, libFuzzer and the
# sanitizer runtimes (a recommendation of clang only), llvm-symbolizer for
# readable stack traces.
missing=()
for p in clang libclang-rt-14-dev llvm-14; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "relocsim fuzz: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -z "${RELOCSIM_FUZZ_BUILD:-}" ]; then
  cmake --preset fuzz >/dev/null
fi
work="$build/fuzz-work"
artifacts="$build/fuzz-artifacts"
mkdir -p "$work"
cmake --build "$build" -j "$jobs" --target "${kinds[@]/#/relocsim_fuzz_}" >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log" >&2
  exit 1
}

rm -rf "$work/seeds"
for kind in toml csv sweep; do mkdir -p "$work/seeds/$kind" "$work/corpus/$kind"; done
mkdir -p "$artifacts"

# Seeds. TOML: the files as they are. CSV: each table behind the byte that
# selects it, by tiny.toml's [data] keys sorted (see fuzz_entry.hpp).
cp tests/data/tiny/tiny.toml tests/data/broken/*.toml "$work/seeds/toml/"
cp tests/fuzz/regressions/toml/* "$work/seeds/toml/" 2>/dev/null || true
cp tests/fuzz/regressions/csv/* "$work/seeds/csv/" 2>/dev/null || true
/usr/bin/python3 - "$work/seeds/csv" <<'PY'
import pathlib, sys, tomllib
out = pathlib.Path(sys.argv[1])
data = pathlib.Path("tests/data")
keys = sorted(tomllib.loads((data / "tiny" / "tiny.toml").read_text())["data"])
def key_of(name):
    # sites.csv, sites_duplicate_id.csv, market_mix_sum.csv: the longest key the name starts with.
    found = [k for k in keys if name == k + ".csv" or name.startswith(k + "_")]
    return max(found, key=len) if found else None
for csv in sorted(data.glob("tiny/*.csv")) + sorted(data.glob("broken/*.csv")):
    key = key_of(csv.name)
    if key is not None:
        (out / f"{csv.parent.name}-{csv.name}").write_bytes(bytes([keys.index(key)]) + csv.read_bytes())
PY

# Sweep: the example definitions with their arms on the tiny scenario (which
# the target puts beside SWEEP.toml), and the kept definitions, hand-written
# seeds of every method among them.
for example in examples/slurm/*.toml; do
  sed -E 's#^([[:space:]]*scenario[[:space:]]*=[[:space:]]*)"[^"]*"#\1"tiny.toml"#' "$example" \
    >"$work/seeds/sweep/example-$(basename "$example")"
done
cp tests/fuzz/regressions/sweep/* "$work/seeds/sweep/" 2>/dev/null || true

# The scratch directories the targets make, on tmpfs when there is one; stdin
# from /dev/null so that a path to /dev/stdin ends rather than waits.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
left="$seconds"
for i in "${!kinds[@]}"; do
  kind="${kinds[$i]}"
  # An equal share of what is left, so that the shares add up to SECONDS.
  share=$((left / (${#kinds[@]} - i)))
  left=$((left - share))
  [ "$share" -ge 1 ] || share=1  # libFuzzer reads 0 as no limit
  echo "relocsim fuzz: $kind for $share s" >&2
  "$build/tests/fuzz/relocsim_fuzz_$kind" -max_total_time="$share" -timeout=20 -rss_limit_mb=2560 \
    -artifact_prefix="$artifacts/$kind-" -print_final_stats=1 "$work/corpus/$kind" "$work/seeds/$kind" \
    </dev/null >"$work/$kind.log" 2>&1 || {
    tail -60 "$work/$kind.log" >&2
    echo "relocsim fuzz: $kind found a problem; the input is in $artifacts/" >&2
    exit 1
  }
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "$work/$kind.log" >&2 || true
done
