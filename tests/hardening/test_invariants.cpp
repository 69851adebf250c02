// The engine checks its invariants after every step in checked builds
// (RELOCSIM_CHECKS: the debug and asan presets). This proves a broken one is
// caught, without a hook in the engine: a spec that check_spec accepts (it
// asks only that wage growth be finite) but whose wages turn NaN after the
// first step, (1 + g)^t with g < -1. The loader refuses such a growth rate
// (wage_growth > -1), so only a spec built in code gets this far.
#include <catch2/catch.hpp>

#include <cmath>

#include "../engine/tiny_spec.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/simulation.hpp"

using relocsim::Simulation;

TEST_CASE("a broken invariant stops a checked run at the step that broke it", "[hardening][invariants]") {
  auto spec = relocsim::test::tiny_spec(200);
  spec.sites[0].wage_growth = -1.5;
  Simulation simulation(spec);
#ifdef RELOCSIM_CHECKS
  CHECK_THROWS_WITH(simulation.step(), "engine invariant broken at step 1: wage not finite and positive");
#else
  // Unchecked builds run on with the NaN: what the checks are for.
  simulation.step();
  CHECK(std::isnan(simulation.wages()[0]));
#endif
}
