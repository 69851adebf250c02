#pragma once
// The initial firms: who they are, how large, where they produce, whom they sell to.
#include <vector>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/population_inputs.hpp"

namespace relocsim {

// The agents of each (sector, bloc) stratum (strata.hpp) cut the stratum's
// output into equal slices along the firm-size distribution; each agent's
// other attributes (home, site, productivity, risk aversion, sales mix) come
// from its own random stream (seed, firm, step 0), so an agent is the same
// whatever the thread count or the scenario's policies.
Firms make_population(const PopulationInputs& in);

// The mean sales mix of a sector's producers in a bloc, which each agent's
// Dirichlet mix is drawn around: their own market (the one named after the
// bloc) takes the sector's domestic_share, the rest goes abroad in proportion
// to market_mix.
std::vector<double> bloc_mean_mix(const PopulationInputs& in, int sector, Bloc bloc);

}  // namespace relocsim
