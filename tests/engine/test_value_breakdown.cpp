// relocsim explain's breakdown on the shipped baseline: its parts add up to
// the engine's own value of every option, at several dates, for every
// sector, bloc of origin and home country, so the table a user reads is the
// model's valuation and not a second model beside it.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/representative_firm.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/value_breakdown.hpp"

using namespace relocsim;

namespace {

const ModelSpec& baseline() {
  static const ModelSpec spec = config::load(std::string(RELOCSIM_CONFIGS) + "/baseline.toml").spec;
  return spec;
}

double part(const OptionBreakdown& o, Part p) { return o.parts[static_cast<int>(p)]; }

// Options where a part is not zero, over all checks: the sum must be tested
// where PLI, peers and Japan's subsidy are in play, not only where they are 0.
struct Seen {
  int checked = 0, pli = 0, peers = 0, subsidy = 0;
};

// Checks every option of one firm, for every home country (peers' pull and
// Japan's subsidy depend on it).
void check_firm(const Simulation& sim, const ValuationTables& t, const RepresentativeFirm& rep, Seen& seen) {
  const auto& spec = sim.spec();
  FirmView firm = rep.view(sim);
  int open = 0;
  for (std::size_t s = 0; s < spec.sites.size(); ++s) open += t.open[s] != 0 && static_cast<int>(s) != rep.site;
  for (int h = 0; h < static_cast<int>(spec.population.home_countries.size()); ++h) {
    firm.home = h;
    const auto options = explain_options(spec, t, sim.routes(), firm);
    // stay, then a move and an add at every open site outside the footprint.
    REQUIRE(options.size() == static_cast<std::size_t>(1 + 2 * open));
    for (const auto& o : options) {
      INFO(spec.sectors[rep.sector].id << " from " << kBlocNames[static_cast<int>(rep.bloc)] << " home " << h
                                       << " site " << o.site << " kind " << static_cast<int>(o.kind));
      REQUIRE(std::abs(o.total() - o.engine_value) <= 1e-9 * std::max(1.0, std::abs(o.engine_value)));
      ++seen.checked;
      seen.pli += part(o, Part::Pli) != 0;
      seen.peers += part(o, Part::Peers) != 0;
      seen.subsidy += part(o, Part::Subsidy) != 0;
    }
  }
}

// Every sector's representative firm in every bloc, at the simulation's
// current state: the median firm, which rarely meets a PLI threshold, and one
// of USD 20 billion a year, which does wherever a scheme is open.
void check_all(const Simulation& sim, Seen& seen) {
  const ValuationTables t = sim.valuation_tables();
  for (int k = 0; k < static_cast<int>(sim.spec().sectors.size()); ++k)
    for (int b = 0; b < kNumBlocs; ++b) {
      check_firm(sim, t, representative_firm(sim, k, static_cast<Bloc>(b)), seen);
      check_firm(sim, t, representative_firm(sim, k, static_cast<Bloc>(b), 20000.0), seen);
    }
}

}  // namespace

TEST_CASE("explain's parts add up to the engine's value of every option on the shipped baseline", "[explain]") {
  Simulation sim(baseline());
  // The start, 2021 (Japan's subsidy open), 2023 (PLI paying, beliefs
  // moved), 2026 and the run's end.
  Seen seen;
  for (const int until : {0, 4, 12, 24, baseline().run.steps}) {
    while (sim.steps_done() < until) sim.step();
    check_all(sim, seen);
  }
  CHECK(sim.steps_done() == baseline().run.steps);
  CHECK(seen.checked > 10000);
  CHECK(seen.peers > 0);
  CHECK(seen.subsidy > 0);
  CHECK(seen.pli > 0);
}

TEST_CASE("explain's market parts split the engine's net revenue, and its input parts the fixed cost",
          "[explain]") {
  Simulation sim(baseline());
  const auto& spec = sim.spec();
  const ValuationTables t = sim.valuation_tables();
  const int k = 0;  // electronics
  const RepresentativeFirm rep = representative_firm(sim, k, Bloc::China);
  const FirmView firm = rep.view(sim);
  const auto options = explain_options(spec, t, sim.routes(), firm);
  bool tariffs = false, agglomeration_at_home = false, india_costlier_inputs = false;
  for (const auto& o : options) {
    if (o.kind != ProjectKind::Move) continue;
    const int s = o.site;
    double net = 0;
    for (int m = 0; m < t.n_markets; ++m)
      net += firm.mix[m] * t.net_revenue[(static_cast<std::size_t>(k) * t.n_markets + m) * t.n_sites + s];
    const double market = part(o, Part::Sales) + part(o, Part::Tariffs) + part(o, Part::Freight) + part(o, Part::TimeCost);
    CHECK(market == Approx(t.annuity * net).margin(1e-12));
    const double inputs = part(o, Part::Materials) + part(o, Part::InputMarkup) + part(o, Part::Minerals) +
                          part(o, Part::Agglomeration) + part(o, Part::LandPower);
    CHECK(inputs == Approx(-t.annuity * t.fixed_cost[t.ks(k, s)]).margin(1e-12));
    CHECK(part(o, Part::TimeCost) < 0);  // every route takes days
    CHECK(part(o, Part::Setup) == Approx(-t.setup[k]));
    tariffs = tariffs || part(o, Part::Tariffs) < 0;
    if (spec.sites[s].bloc == Bloc::India) india_costlier_inputs = part(o, Part::InputMarkup) < 0;
  }
  // Staying at the sector's densest Chinese site keeps its agglomeration.
  agglomeration_at_home = part(options.front(), Part::Agglomeration) > 0;
  CHECK(tariffs);
  CHECK(agglomeration_at_home);
  CHECK(india_costlier_inputs);
  // Staying costs no set-up and no wait.
  CHECK(part(options.front(), Part::Setup) == 0);
  CHECK(part(options.front(), Part::Waiting) == 0);
}

TEST_CASE("the representative firm's mix is the mean of the mixes the population draws", "[explain]") {
  Simulation sim(baseline());
  const auto& spec = sim.spec();
  const auto& firms = sim.firms();
  for (int k = 0; k < static_cast<int>(spec.sectors.size()); ++k) {
    const auto mean = bloc_mean_mix(population_inputs(spec), k, Bloc::China);
    std::vector<double> drawn(mean.size(), 0.0);
    double n = 0;
    for (std::size_t f = 0; f < firms.size(); ++f) {
      if (firms.sector[f] != k || spec.sites[firms.main_site(f)].bloc != Bloc::China) continue;
      for (std::size_t m = 0; m < mean.size(); ++m) drawn[m] += firms.mix[f * mean.size() + m];
      n += 1;
    }
    REQUIRE(n > 100);
    for (std::size_t m = 0; m < mean.size(); ++m) {
      INFO(spec.sectors[k].id << " market " << m);
      CHECK(drawn[m] / n == Approx(mean[m]).margin(0.02));
    }
  }
}

TEST_CASE("the representative firm of a bloc with no producers is refused with a message", "[explain]") {
  ModelSpec spec = baseline();
  spec.sectors[0].output[static_cast<int>(Bloc::India)] = 0;
  Simulation sim(spec);
  REQUIRE_THROWS_WITH(representative_firm(sim, 0, Bloc::India),
                      Catch::Contains("no firm of sector electronics produces in India"));
}
