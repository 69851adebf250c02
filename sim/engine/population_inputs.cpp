#include "relocsim/engine/population_inputs.hpp"

namespace relocsim {

int PopulationInputs::market_index(const std::string& id) const {
  for (std::size_t m = 0; m < markets.size(); ++m)
    if (markets[m] == id) return static_cast<int>(m);
  return -1;
}

PopulationInputs population_inputs(const ModelSpec& spec) {
  PopulationInputs in;
  in.population = spec.population;
  for (const auto& k : spec.sectors)
    in.sectors.push_back({k.id, k.firm_share, k.output, k.domestic_share, k.market_mix, k.supplier_mix});
  for (const auto& s : spec.sites) in.sites.push_back({s.bloc, s.open_year, s.initial_weight});
  for (const auto& m : spec.markets) in.markets.push_back(m.id);
  in.seed = spec.run.seed;
  in.start_year = spec.run.start_year;
  in.risk_aversion_min = spec.params.risk_aversion_min;
  in.risk_aversion_max = spec.params.risk_aversion_max;
  return in;
}

}  // namespace relocsim
