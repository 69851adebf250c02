#include "relocsim/engine/strata.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "relocsim/engine/error.hpp"

namespace relocsim {
namespace {

// Splits total into parts proportional to weights (largest remainders, ties
// to the lower index), so the parts always add up to total.
std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::size_t> parts(weights.size(), 0);
  if (sum <= 0 || total == 0) return parts;
  std::vector<std::pair<double, std::size_t>> remainder;
  std::size_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    parts[i] = static_cast<std::size_t>(std::floor(exact));
    given += parts[i];
    remainder.emplace_back(-(exact - std::floor(exact)), i);
  }
  std::sort(remainder.begin(), remainder.end());
  for (std::size_t j = 0; given < total; ++j, ++given) ++parts[remainder[j % remainder.size()].second];
  return parts;
}

}  // namespace

std::vector<Stratum> agent_strata(const PopulationInputs& in) {
  std::vector<double> share;
  for (const auto& k : in.sectors) share.push_back(k.firm_share);
  const auto per_sector = apportion(static_cast<std::size_t>(std::max(0, in.population.n_firms)), share);
  std::vector<Stratum> strata;
  std::size_t first = 0;
  for (std::size_t k = 0; k < in.sectors.size(); ++k) {
    const auto& sector = in.sectors[k];
    std::vector<int> blocs;
    for (int b = 0; b < kNumBlocs; ++b)
      if (sector.output[b] > 0) blocs.push_back(b);
    const std::size_t n = per_sector[k];
    if (n < blocs.size())
      throw SpecError("sector " + sector.id + " has " + std::to_string(n) + " agents for " +
                      std::to_string(blocs.size()) + " blocs with output: raise population.n_firms or its firm_share");
    const std::size_t floor_each = std::min<std::size_t>(kMinAgentsPerStratum, n / std::max<std::size_t>(1, blocs.size()));
    std::vector<double> weight;
    for (int b : blocs) weight.push_back(std::sqrt(sector.output[b]));
    const auto extra = apportion(n - floor_each * blocs.size(), weight);
    for (std::size_t i = 0; i < blocs.size(); ++i) {
      const int b = blocs[i];
      Stratum s{static_cast<int>(k), static_cast<Bloc>(b), first, floor_each + extra[i], sector.output[b]};
      first += s.count;
      strata.push_back(s);
    }
  }
  return strata;
}

}  // namespace relocsim
