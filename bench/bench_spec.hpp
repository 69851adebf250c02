#pragma once
#include "relocsim/engine/spec.hpp"

namespace relocsim::bench {

// A model of the baseline's shape (8 sites per bloc, 7 sectors, 6 markets,
// a PLI scheme) built in code, so the benchmark measures the engine alone.
ModelSpec bench_spec(int firms, int steps);

}  // namespace relocsim::bench
