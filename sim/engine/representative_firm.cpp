#include "relocsim/engine/representative_firm.hpp"

#include <algorithm>
#include <string>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/population.hpp"

namespace relocsim {

RepresentativeFirm representative_firm(const Simulation& sim, int sector, Bloc bloc, std::optional<double> firm_size,
                                       std::optional<int> home) {
  const ModelSpec& spec = sim.spec();
  const Firms& firms = sim.firms();
  RepresentativeFirm r;
  r.sector = sector;
  r.bloc = bloc;
  const std::vector<double> mean_mix = bloc_mean_mix(population_inputs(spec), sector, bloc);
  r.mix.assign(mean_mix.begin(), mean_mix.end());
  const auto& homes = spec.population.home_shares[static_cast<int>(bloc)];
  r.home = home ? *home : static_cast<int>(std::max_element(homes.begin(), homes.end()) - homes.begin());

  // The sector's agents whose main plant is in the bloc now.
  std::vector<double> site_capacity(spec.sites.size(), 0.0);
  std::vector<std::pair<float, double>> sizes;  // (firm size, capacity)
  std::array<double, kNumBlocs> near{};
  double total = 0;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    if (firms.sector[f] != sector) continue;
    for (const auto& p : firms.plants[f])
      if (p.site >= 0 && spec.sites[p.site].bloc == bloc) site_capacity[p.site] += firms.capacity(f) * p.share;
    const int main = firms.main_site(f);
    if (main < 0 || spec.sites[main].bloc != bloc) continue;
    const auto prox = sim.proximity(f);
    for (int b = 0; b < kNumBlocs; ++b) near[b] += firms.capacity(f) * prox[b];
    sizes.emplace_back(firms.firm_size[f], firms.capacity(f));
    total += firms.capacity(f);
  }
  if (sizes.empty() || total <= 0)
    throw Error("no firm of sector " + spec.sectors[static_cast<std::size_t>(sector)].id + " produces in " +
                kBlocNames[static_cast<int>(bloc)] + " at this date");
  for (int b = 0; b < kNumBlocs; ++b) r.proximity[b] = static_cast<float>(near[b] / total);
  r.site = static_cast<int>(std::max_element(site_capacity.begin(), site_capacity.end()) - site_capacity.begin());
  if (firm_size) {
    r.firm_size = *firm_size;
  } else {
    // The capacity-weighted median: half the bloc's output is in smaller firms.
    std::sort(sizes.begin(), sizes.end());
    double acc = 0;
    for (const auto& [size, capacity] : sizes) {
      acc += capacity;
      r.firm_size = size;
      if (acc >= total / 2) break;
    }
  }
  return r;
}

FirmView RepresentativeFirm::view(const Simulation& sim) const {
  const auto& p = sim.spec().params;
  FirmView v;
  v.sector = sector;
  v.home = home;
  v.domestic = sim.spec().population.home_countries[static_cast<std::size_t>(home)] ==
               sim.spec().population.domestic_home;
  v.capacity = firm_size;
  v.firm_size = firm_size;
  v.productivity = 1;
  v.risk_aversion = 0.5 * (p.risk_aversion_min + p.risk_aversion_max);
  v.mix = mix.data();
  v.plants[0] = Plant{static_cast<std::int16_t>(site), 1.0F};
  v.proximity = proximity;
  return v;
}

}  // namespace relocsim
