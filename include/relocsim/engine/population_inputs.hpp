#pragma once
// Everything the initial firms and their supply network are made from, and
// nothing else. Their builders (agent_strata, make_population, bloc_mean_mix,
// SupplyNetwork) take this, not the ModelSpec, so the compiler holds them to
// it: two specs with equal inputs have the same firms and network, and a run
// may take them as built for another run (population_cache.hpp).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

struct PopulationInputs {
  struct Sector {
    std::string id;  // named in errors
    double firm_share = 0;
    std::array<double, kNumBlocs> output{}, domestic_share{};
    std::vector<double> market_mix, supplier_mix;
    bool operator==(const Sector&) const = default;
  };
  struct Site {
    Bloc bloc = Bloc::China;
    double open_year = 0, initial_weight = 0;
    bool operator==(const Site&) const = default;
  };
  PopulationSpec population;
  std::vector<Sector> sectors;
  std::vector<Site> sites;
  std::vector<std::string> markets;  // ids, in the spec's order
  std::uint64_t seed = 0;
  double start_year = 0;
  double risk_aversion_min = 0, risk_aversion_max = 0;
  // Equal values, not equal bits: 0.0 and -0.0 count as equal.
  bool operator==(const PopulationInputs&) const = default;

  [[nodiscard]] int market_index(const std::string& id) const;  // -1 when no market has that id
};

PopulationInputs population_inputs(const ModelSpec& spec);

}  // namespace relocsim
