#pragma once
// How the agents are shared out over (sector, bloc) strata: a sampling
// design, fixed by the spec alone (no random draw), so every seed and every
// scenario has the same agents standing for the same activity.
#include <cstddef>
#include <vector>

#include "relocsim/engine/population_inputs.hpp"

namespace relocsim {

struct Stratum {
  int sector = 0;
  Bloc bloc = Bloc::China;
  std::size_t first = 0, count = 0;  // agents [first, first + count), contiguous
  double output = 0;                 // the stratum's output, USD million a year
};

// Sectors get n_firms x firm_share agents (largest remainders). Within a
// sector, every bloc with output gets min(kMinAgentsPerStratum, an equal
// split) agents, and the rest in proportion to the square root of its output
// (a compromise between equal precision per bloc and equal output per agent:
// a small Indian stratum keeps enough agents to be more than noise, and a
// Chinese agent that moves is a small part of India's base). Throws SpecError
// when a sector has fewer agents than blocs with output.
std::vector<Stratum> agent_strata(const PopulationInputs& in);

}  // namespace relocsim
