#include "relocsim/engine/population.hpp"

#include <cmath>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <tbb/parallel_for.h>

#include "relocsim/engine/rng.hpp"

namespace relocsim {
namespace {

// Index of the category whose cumulative weight first exceeds u * total.
int categorical(const std::vector<double>& weights, double u) {
  double total = 0;
  for (double w : weights) total += w;
  double acc = 0;
  int last = -1;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    last = static_cast<int>(i);
    acc += weights[i];
    if (u * total < acc) return last;
  }
  return last;
}

// Pareto truncated to [lo, hi], by inversion of its distribution function.
double truncated_pareto(double lo, double hi, double alpha, double u) {
  const double tail = 1 - std::pow(lo / hi, alpha);
  return lo * std::pow(1 - u * tail, -1 / alpha);
}

}  // namespace

void Firms::resize(std::size_t n, int markets) {
  n_markets = markets;
  sector.resize(n);
  home.resize(n);
  domestic.resize(n);
  capacity.resize(n);
  firm_size.resize(n);
  productivity.resize(n);
  risk_aversion.resize(n);
  mix.resize(n * static_cast<std::size_t>(markets));
  plants.resize(n);
  project.resize(n);
  india_base.resize(n);
  pli_received.resize(n);
}

int Firms::main_site(std::size_t f) const {
  int best = -1;
  float share = -1;
  for (const auto& p : plants[f])
    if (p.site >= 0 && p.share > share) best = p.site, share = p.share;
  return best;
}

std::array<double, kNumBlocs> Firms::bloc_shares(std::size_t f, const std::vector<Bloc>& site_bloc) const {
  std::array<double, kNumBlocs> w{};
  for (const auto& p : plants[f])
    if (p.site >= 0) w[static_cast<int>(site_bloc[p.site])] += p.share;
  return w;
}

Firms make_population(const ModelSpec& spec) {
  const auto& pop = spec.population;
  const auto n = static_cast<std::size_t>(pop.n_firms);
  const int markets = static_cast<int>(spec.markets.size());
  Firms firms;
  firms.resize(n, markets);

  std::vector<double> sector_weight, site_weight;
  for (const auto& k : spec.sectors) sector_weight.push_back(k.firm_share);
  for (const auto& s : spec.sites) site_weight.push_back(s.open_year <= spec.run.start_year ? s.initial_weight : 0);
  int domestic_home = -1;
  for (std::size_t h = 0; h < pop.home_countries.size(); ++h)
    if (pop.home_countries[h] == pop.domestic_home) domestic_home = static_cast<int>(h);
  const double log_sd = pop.productivity_sd;

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t f = r.begin(); f != r.end(); ++f) {
      FirmStream stream(spec.run.seed, f, 0, Purpose::Population);
      const int k = categorical(sector_weight, stream.uniform());
      const int h = categorical(pop.home_shares, stream.uniform());
      firms.sector[f] = static_cast<std::uint8_t>(k);
      firms.home[f] = static_cast<std::uint8_t>(h);
      firms.domestic[f] = h == domestic_home ? 1 : 0;
      firms.capacity[f] = truncated_pareto(pop.size_min, pop.size_max, pop.size_alpha, stream.uniform());
      firms.firm_size[f] = static_cast<float>(firms.capacity[f]);
      // Mean-one lognormal, so productivity_sd spreads firms without moving the average.
      boost::random::normal_distribution<double> normal(-0.5 * log_sd * log_sd, log_sd);
      firms.productivity[f] = static_cast<float>(log_sd > 0 ? std::exp(normal(stream)) : 1.0);
      const auto& b = spec.params;
      firms.risk_aversion[f] =
          static_cast<float>(b.risk_aversion_min + (b.risk_aversion_max - b.risk_aversion_min) * stream.uniform());
      // Dirichlet sales mix around the sector's mean, by normalised gamma draws.
      double total = 0;
      float* mix = &firms.mix[f * static_cast<std::size_t>(markets)];
      for (int m = 0; m < markets; ++m) {
        const double mean = spec.sectors[k].market_mix[m];
        double g = 0;
        if (mean > 0) {
          boost::random::gamma_distribution<double> gamma(pop.mix_concentration * mean, 1.0);
          g = gamma(stream);
        }
        mix[m] = static_cast<float>(g);
        total += g;
      }
      // Every gamma draw can underflow to 0 for tiny shapes: fall back to the mean mix.
      for (int m = 0; m < markets; ++m)
        mix[m] = static_cast<float>(total > 0 ? mix[m] / total : spec.sectors[k].market_mix[m]);
      const int site = categorical(site_weight, stream.uniform());
      firms.plants[f][0] = Plant{static_cast<std::int16_t>(site), 1.0F};
      firms.india_base[f] = spec.sites[site].bloc == Bloc::India ? static_cast<float>(firms.capacity[f]) : 0.0F;
    }
  });
  return firms;
}

}  // namespace relocsim
