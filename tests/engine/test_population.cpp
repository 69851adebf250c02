#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "relocsim/engine/population.hpp"
#include "relocsim/engine/population_cache.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/strata.hpp"
#include "capture.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

TEST_CASE("strata share out every agent, at least the floor each, more where output is larger", "[population]") {
  const ModelSpec spec = test::tiny_spec(1000);
  const auto strata = agent_strata(population_inputs(spec));
  REQUIRE(strata.size() == 6);  // 2 sectors x 3 blocs, all with output
  std::size_t next = 0, total = 0;
  for (const auto& s : strata) {
    CHECK(s.first == next);  // contiguous, in order
    next += s.count;
    total += s.count;
    CHECK(s.count >= static_cast<std::size_t>(kMinAgentsPerStratum));
  }
  CHECK(total == 1000);
  // Electronics (firm_share 0.5): 500 agents; 20 each, the other 440 in
  // proportion to sqrt(20000), sqrt(5000), sqrt(2000) = 141.4, 70.7, 44.7:
  // 242.3, 121.1, 76.6 -> 242, 121, 77 by largest remainders.
  CHECK(strata[0].count + strata[1].count + strata[2].count == 500);
  CHECK(strata[0].count == 20 + 242);
  CHECK(strata[1].count == 20 + 121);
  CHECK(strata[2].count == 20 + 77);
}

TEST_CASE("a sector with fewer agents than blocs with output is refused", "[population]") {
  ModelSpec spec = test::tiny_spec(1000);
  spec.population.n_firms = 5;
  CHECK_THROWS_WITH(agent_strata(population_inputs(spec)),
                    "sector pharma has 2 agents for 3 blocs with output: raise population.n_firms or its firm_share");
}

TEST_CASE("agents hold each stratum's output exactly, at the bloc's open sites", "[population]") {
  const ModelSpec spec = test::tiny_spec(3000);
  const Firms firms = make_population(population_inputs(spec));
  REQUIRE(firms.size() == 3000);
  std::map<std::pair<int, int>, double> held;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    const int site = firms.plants[f][0].site;
    const auto& s = spec.sites[site];
    CHECK(s.initial_weight > 0);
    CHECK(s.open_year <= spec.run.start_year);
    held[{firms.sector[f], static_cast<int>(s.bloc)}] += firms.capacity(f);
    double mix = 0;
    for (int m = 0; m < firms.n_markets; ++m) mix += firms.mix[f * firms.n_markets + m];
    CHECK(mix == Approx(1).epsilon(1e-6));
  }
  for (int k = 0; k < 2; ++k)
    for (int b = 0; b < kNumBlocs; ++b) CHECK(held[{k, b}] == Approx(spec.sectors[k].output[b]).epsilon(1e-12));
}

TEST_CASE("firm sizes cut the Pareto's output into equal slices", "[population]") {
  // Each agent stands for 1/count of its stratum's output; the firms it
  // stands for lie in its slice of the output distribution. The share of
  // output held by firms above x is ((x^(1-a) - hi^(1-a)) / (lo^(1-a) - hi^(1-a))),
  // so that share of each stratum's agents must have firm_size above x.
  const ModelSpec spec = test::tiny_spec(20000);
  const Firms firms = make_population(population_inputs(spec));
  const double lo = 5, hi = 5000, a = 1.06, x = 200;
  const double above_share =
      (std::pow(x, 1 - a) - std::pow(hi, 1 - a)) / (std::pow(lo, 1 - a) - std::pow(hi, 1 - a));
  for (const auto& s : agent_strata(population_inputs(spec))) {
    std::size_t above = 0;
    for (std::size_t f = s.first; f < s.first + s.count; ++f) {
      CHECK(firms.firm_size[f] >= lo);
      CHECK(firms.firm_size[f] <= hi);
      above += firms.firm_size[f] > x;
    }
    // Stratified: off by at most the one slice that straddles x.
    CHECK(std::abs(static_cast<double>(above) - above_share * static_cast<double>(s.count)) <= 1.0);
  }
}

TEST_CASE("producers sell most in their own bloc's market when its domestic share says so", "[population]") {
  ModelSpec spec = test::tiny_spec(3000);
  spec.sectors[0].domestic_share = {0, 0, 0.9};  // the Indian market is "India"
  const Firms firms = make_population(population_inputs(spec));
  const int india_market = spec.market_index("India");
  double india_mix = 0, china_mix = 0;
  int n_india = 0, n_china = 0;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    if (firms.sector[f] != 0) continue;
    const double m = firms.mix[f * firms.n_markets + india_market];
    if (spec.sites[firms.plants[f][0].site].bloc == Bloc::India) {
      india_mix += m;
      ++n_india;
    } else if (spec.sites[firms.plants[f][0].site].bloc == Bloc::China) {
      china_mix += m;
      ++n_china;
    }
  }
  // Dirichlet around 0.9 for Indian producers; China's exporters follow the
  // sector's export weights (0.4 to India of the markets other than its own).
  CHECK(india_mix / n_india == Approx(0.9).margin(0.02));
  CHECK(china_mix / n_china == Approx(0.4).margin(0.02));
}

TEST_CASE("an agent is the same whatever the thread count and the scenario's policies", "[population][rng]") {
  ModelSpec a = test::tiny_spec(1000), b = test::tiny_spec(1000);
  b.params.pli_enabled = false;
  b.params.logit_scale = 2;
  const Firms x = make_population(population_inputs(a)), y = make_population(population_inputs(b));
  for (std::size_t f = 0; f < x.size(); ++f) {
    CHECK(x.capacity(f) == y.capacity(f));
    CHECK(x.firm_size[f] == y.firm_size[f]);
    CHECK(x.plants[f][0].site == y.plants[f][0].site);
    CHECK(x.productivity[f] == y.productivity[f]);
  }
}

TEST_CASE("the population cache builds once per population inputs, and only the inputs tell them apart",
          "[population][cache]") {
  PopulationCache cache(2);
  const ModelSpec base = test::tiny_spec(1000);
  const auto first = cache.get(base);
  CHECK(cache.get(base) == first);
  // Parameters the population does not read share it.
  ModelSpec behaviour = base;
  behaviour.params.review_probability = 0.4;
  behaviour.params.logit_scale = 2;
  behaviour.params.pli_enabled = false;
  CHECK(cache.get(behaviour) == first);
  CHECK(cache.built() == 1);
  // Each of these changes what is drawn: a population of its own.
  ModelSpec seed = base, size = base, aversion = base, weight = base;
  seed.run.seed += 1;
  size.population.n_firms += 10;
  aversion.params.risk_aversion_max += 0.5;
  weight.sites[0].initial_weight *= 2;
  for (const ModelSpec* other : {&seed, &size, &aversion, &weight}) CHECK(cache.get(*other) != first);
  CHECK(cache.built() == 5);
  // It keeps two: the base was dropped, and is built again when asked for.
  const auto again = cache.get(base);
  CHECK(again != first);
  CHECK(cache.built() == 6);
  CHECK(again->firms.stratum == first->firms.stratum);
  CHECK(again->firms.stratum_capacity == first->firms.stratum_capacity);
  CHECK(again->firms.mix == first->firms.mix);
  CHECK(again->supply.links() == first->supply.links());
}

TEST_CASE("the population cache keeps no more memory than its budget", "[population][cache]") {
  const ModelSpec base = test::tiny_spec(1000);
  const std::size_t one = population_bytes(build_population(population_inputs(base)));
  CHECK(one > 1000 * 60);  // every firm's state is counted
  // Room for two in bytes (though four by count): a third drops the oldest.
  PopulationCache cache(4, 2 * one + one / 2);
  ModelSpec s1 = base, s2 = base;
  s1.run.seed = 11;
  s2.run.seed = 12;
  const auto p0 = cache.get(base);
  CHECK(cache.get(s1) != p0);
  CHECK(cache.get(base) == p0);  // kept: two fit
  CHECK(cache.get(s2) != p0);    // the base, oldest, is dropped for it
  CHECK(cache.get(base) != p0);
  CHECK(cache.built() == 4);
  // One larger than the whole budget is built for the run and not kept.
  PopulationCache small(4, one / 2);
  CHECK(small.get(base) != small.get(base));
  CHECK(small.built() == 2);
}

namespace {

using test::Capture;

Capture run(Simulation sim) {
  Capture r;
  sim.run(r);
  return r;
}

void require_same_run(const Capture& a, const Capture& b) {
  REQUIRE(a.records.size() == b.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    INFO("record " << i);
    CHECK(a.records[i].capacity == b.records[i].capacity);
    CHECK(a.records[i].employment == b.records[i].employment);
    CHECK(a.records[i].sales == b.records[i].sales);
    CHECK(a.records[i].pli_paid == b.records[i].pli_paid);
    CHECK(a.records[i].events.size() == b.records[i].events.size());
  }
  CHECK(a.firms.plant_site == b.firms.plant_site);
  CHECK(a.firms.plant_share == b.firms.plant_share);
  CHECK(a.firms.pli_received == b.firms.pli_received);
}

}  // namespace

TEST_CASE("a run whose firms come from the cache is the run that draws them itself", "[population][cache]") {
  ModelSpec a = test::tiny_spec(2000), b = test::tiny_spec(2000);
  a.params.review_probability = 0.3;
  b.params.review_probability = 0.5;  // shares a's population
  PopulationCache cache(4);
  const Capture a_cached = run(Simulation(a, cache));
  const Capture b_cached = run(Simulation(b, cache));
  CHECK(cache.built() == 1);
  require_same_run(a_cached, run(Simulation(a)));
  require_same_run(b_cached, run(Simulation(b)));
  // The runs changed their own copies: the kept population is as drawn.
  const Firms& kept = cache.get(a)->firms;
  const Firms drawn = make_population(population_inputs(a));
  int differ = 0;
  for (std::size_t f = 0; f < kept.size(); ++f)
    for (int j = 0; j < kMaxPlants; ++j)
      differ += kept.plants[f][j].site != drawn.plants[f][j].site || kept.plants[f][j].share != drawn.plants[f][j].share;
  CHECK(differ == 0);
  CHECK(cache.built() == 1);
}
