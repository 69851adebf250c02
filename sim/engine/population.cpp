#include "relocsim/engine/population.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <tbb/parallel_for.h>

#include "relocsim/engine/rng.hpp"
#include "relocsim/engine/strata.hpp"

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

// The size below which a fraction q of a truncated Pareto's output lies (its
// output distribution inverted): firms of sizes in [x(a), x(b)) hold the
// output share b - a. The powers of the bounds are taken once, not per firm.
class OutputQuantile {
 public:
  OutputQuantile(double lo, double hi, double alpha)
      : lo_(lo), hi_(hi), e_(1 - alpha), a_(std::pow(lo, e_)), b_(std::pow(hi, e_)) {}
  [[nodiscard]] double size_at(double q) const {
    if (std::abs(e_) < 1e-9) return lo_ * std::pow(hi_ / lo_, q);  // alpha = 1: output even in log size
    return std::pow(a_ + q * (b_ - a_), 1 / e_);
  }

 private:
  double lo_, hi_, e_, a_, b_;
};

}  // namespace

void Firms::resize(std::size_t n, int markets) {
  n_markets = markets;
  sector.resize(n);
  home.resize(n);
  stratum.resize(n);
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

std::vector<double> bloc_mean_mix(const PopulationInputs& in, int sector, Bloc bloc) {
  const auto& k = in.sectors[static_cast<std::size_t>(sector)];
  const int markets = static_cast<int>(in.markets.size());
  const int b = static_cast<int>(bloc);
  const int own = in.market_index(kBlocNames[b]);
  double exports = 0;
  for (int m = 0; m < markets; ++m)
    if (m != own) exports += k.market_mix[m];
  std::vector<double> mix(static_cast<std::size_t>(markets), 0.0);
  for (int m = 0; m < markets; ++m) {
    if (m == own) {
      mix[m] = k.domestic_share[b];
    } else {
      const double abroad = own >= 0 ? 1 - k.domestic_share[b] : 1.0;
      mix[m] = exports > 0 ? abroad * k.market_mix[m] / exports : 0.0;
    }
  }
  return mix;
}

Firms make_population(const PopulationInputs& in) {
  const auto& pop = in.population;
  const auto n = static_cast<std::size_t>(pop.n_firms);
  const int markets = static_cast<int>(in.markets.size());
  Firms firms;
  firms.resize(n, markets);

  // Where a bloc's agents start: its open sites, by initial_weight.
  std::array<std::vector<double>, kNumBlocs> site_weight;
  for (auto& w : site_weight) w.assign(in.sites.size(), 0.0);
  for (std::size_t s = 0; s < in.sites.size(); ++s)
    if (in.sites[s].open_year <= in.start_year)
      site_weight[static_cast<int>(in.sites[s].bloc)][s] = in.sites[s].initial_weight;
  for (std::size_t h = 0; h < pop.home_countries.size(); ++h)
    if (pop.home_countries[h] == pop.domestic_home) firms.domestic_home = static_cast<int>(h);
  const double log_sd = pop.productivity_sd;
  const auto strata = agent_strata(in);
  // Sectors are bytes and blocs three, so this never throws; it guards the narrowing.
  if (strata.size() > std::numeric_limits<std::uint16_t>::max())
    throw std::logic_error("make_population: more strata than a firm's stratum index holds");
  for (const Stratum& st : strata) firms.stratum_capacity.push_back(st.output / static_cast<double>(st.count));

  const OutputQuantile sizes(pop.size_min, pop.size_max, pop.size_alpha);
  tbb::parallel_for(std::size_t{0}, strata.size(), [&](std::size_t si) {
    const Stratum& st = strata[si];
    const int k = st.sector, b = static_cast<int>(st.bloc);
    const std::vector<double> mean_mix = bloc_mean_mix(in, k, st.bloc);
    // One gamma distribution per market for the stratum: Boost's holds
    // constants only (its set-up takes two exp calls), so a firm's draws are
    // the same as from one made afresh.
    std::vector<boost::random::gamma_distribution<double>> gammas;
    for (int m = 0; m < markets; ++m)
      gammas.emplace_back(mean_mix[m] > 0 ? pop.mix_concentration * mean_mix[m] : 1.0, 1.0);
    for (std::size_t i = 0; i < st.count; ++i) {
      const std::size_t f = st.first + i;
      FirmStream stream(in.seed, f, 0, Purpose::Population);
      const int h = categorical(pop.home_shares[b], stream.uniform());
      firms.sector[f] = static_cast<std::uint8_t>(k);
      firms.home[f] = static_cast<std::uint8_t>(h);
      firms.stratum[f] = static_cast<std::uint16_t>(si);
      // The i-th of count equal-output slices of the size distribution; the
      // firms it stands for have the size at a random point of the slice. At
      // the top a slice is part of one large firm (capacity < firm_size): the
      // firm's PLI threshold still applies to the whole firm, its cap pro rata.
      const double q = (static_cast<double>(i) + stream.uniform()) / static_cast<double>(st.count);
      firms.firm_size[f] = static_cast<float>(sizes.size_at(q));
      // Mean-one lognormal, so productivity_sd spreads firms without moving the average.
      boost::random::normal_distribution<double> normal(-0.5 * log_sd * log_sd, log_sd);
      firms.productivity[f] = static_cast<float>(log_sd > 0 ? std::exp(normal(stream)) : 1.0);
      firms.risk_aversion[f] =
          static_cast<float>(in.risk_aversion_min + (in.risk_aversion_max - in.risk_aversion_min) * stream.uniform());
      // Dirichlet sales mix around the bloc's mean, by normalised gamma draws.
      double total = 0;
      float* mix = &firms.mix[f * static_cast<std::size_t>(markets)];
      for (int m = 0; m < markets; ++m) {
        double g = 0;
        if (mean_mix[m] > 0) g = gammas[static_cast<std::size_t>(m)](stream);
        mix[m] = static_cast<float>(g);
        total += g;
      }
      // Every gamma draw can underflow to 0 for tiny shapes: fall back to the mean mix.
      for (int m = 0; m < markets; ++m) mix[m] = static_cast<float>(total > 0 ? mix[m] / total : mean_mix[m]);
      const int site = categorical(site_weight[b], stream.uniform());
      firms.plants[f][0] = Plant{static_cast<std::int16_t>(site), 1.0F};
      firms.india_base[f] = st.bloc == Bloc::India ? static_cast<float>(firms.capacity(f)) : 0.0F;
    }
  });
  return firms;
}

}  // namespace relocsim
