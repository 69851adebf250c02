#pragma once
// The typical firm of a sector producing in one bloc, as `relocsim explain`
// values options for it: the bloc's mean sales mix (the Dirichlet mean that
// population.cpp draws around), productivity 1, the middle of the configured
// risk-aversion range, the bloc's most common home country, one plant at the
// bloc's site with the most capacity of the sector, its partners' blocs as
// the sector's firms there have them on average, and the firm size of the
// median agent (agents are equal slices of output, so this is the size below
// which half the output lies).
#include <array>
#include <optional>
#include <vector>

#include "relocsim/engine/population.hpp"  // bloc_mean_mix, the mix it takes
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/valuation.hpp"

namespace relocsim {

struct RepresentativeFirm {
  int sector = 0;
  Bloc bloc = Bloc::China;
  int site = -1;  // where its one plant is
  int home = 0;
  double firm_size = 0;  // USD million of output a year
  std::array<float, kNumBlocs> proximity{};
  std::vector<float> mix;  // [market]

  // Points into mix: valid while this object lives and is not moved.
  [[nodiscard]] FirmView view(const Simulation& sim) const;
};

// Throws Error when no agent of the sector produces in the bloc now. home:
// an index into population.home_countries (default: the bloc's most common).
RepresentativeFirm representative_firm(const Simulation& sim, int sector, Bloc bloc,
                                       std::optional<double> firm_size = std::nullopt,
                                       std::optional<int> home = std::nullopt);

}  // namespace relocsim
