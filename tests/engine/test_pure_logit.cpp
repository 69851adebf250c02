// With every interaction off, each reviewing firm's choice must be exactly the
// nested logit over its option values. The test draws one step for many firms
// and compares the count of each choice with the sum of the closed-form
// probabilities over firms.
//
// Tolerance: for category c, the count is a sum of independent Bernoulli
// draws, so its standard deviation is sqrt(sum_f p_fc (1 - p_fc)). We accept
// |observed - expected| <= 4.5 sd for every category (about 1 in 150,000 per
// category by chance for a correct model; with a dozen categories the test
// fails by chance about once in ten thousand runs, and its seed is fixed, so
// it does not flicker). A wrong nest parameter or utility moves the counts by
// tens of sd.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/simulation.hpp"
#include "textbook_logit.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

namespace {

using Category = std::pair<int, int>;  // (site, kind); (-1, -1) is stay

std::map<Category, double> expected_choices(const Simulation& sim, std::map<Category, double>& variance) {
  const auto tables = sim.valuation_tables();
  std::map<Category, double> expected;
  OptionSet o;
  o.reserve(tables.n_sites);
  for (std::size_t f = 0; f < sim.firms().size(); ++f) {
    value_options(tables, view_of(sim.firms(), f, sim.proximity(f)), o);
    const auto p = test::textbook_nested_logit({o.utility.begin(), o.utility.begin() + o.count},
                                                {o.nest.begin(), o.nest.begin() + o.count}, tables.nests);
    for (std::size_t j = 0; j < p.size(); ++j) {
      const Category c{o.site[j], static_cast<int>(o.kind[j])};
      expected[c] += p[j];
      variance[c] += p[j] * (1 - p[j]);
    }
  }
  return expected;
}

void check_choices_match(ModelSpec spec) {
  Simulation sim(spec);
  std::map<Category, double> variance;
  const auto expected = expected_choices(sim, variance);
  sim.step();
  std::map<Category, double> observed;
  int movers = 0;
  for (const auto& e : sim.last_record().events) {
    if (e.kind == EventKind::MoveStarted) observed[{e.to_site, 0}] += 1, ++movers;
    if (e.kind == EventKind::AddStarted) observed[{e.to_site, 1}] += 1, ++movers;
  }
  observed[{-1, -1}] = static_cast<double>(spec.population.n_firms - movers);
  REQUIRE(sim.last_record().firms_reviewing == spec.population.n_firms);
  for (const auto& [category, mean] : expected) {
    const double sd = std::sqrt(variance.at(category));
    INFO("site " << category.first << " kind " << category.second << ": expected " << mean << " observed "
                 << observed[category] << " sd " << sd);
    CHECK(std::abs(observed[category] - mean) <= 4.5 * sd + 1e-9);
  }
  // Every observed choice was an option the closed form knows.
  for (const auto& [category, count] : observed) CHECK((count == 0 || expected.count(category) == 1));
}

}  // namespace

TEST_CASE("with interactions off the choice shares are the closed-form nested logit", "[logit][model]") {
  ModelSpec spec = test::pure_logit_spec(30000);
  // Strong enough preferences that moving is common and every nest matters.
  spec.params.logit_scale = 3;
  spec.params.nest_lambda = {0.5, 0.8, 0.65};
  check_choices_match(spec);
}

TEST_CASE("the closed-form check has power: a wrong nest parameter is detected", "[logit][model]") {
  ModelSpec spec = test::pure_logit_spec(30000);
  spec.params.logit_scale = 3;
  spec.params.nest_lambda = {0.5, 0.8, 0.65};
  Simulation sim(spec);
  std::map<Category, double> variance;
  // Expected shares computed as if every lambda were 1.
  auto tables = sim.valuation_tables();
  tables.nests.lambda = {1, 1, 1, 1};
  std::map<Category, double> wrong;
  OptionSet o;
  o.reserve(tables.n_sites);
  for (std::size_t f = 0; f < sim.firms().size(); ++f) {
    value_options(tables, view_of(sim.firms(), f, sim.proximity(f)), o);
    const auto p = test::textbook_nested_logit({o.utility.begin(), o.utility.begin() + o.count},
                                                {o.nest.begin(), o.nest.begin() + o.count}, tables.nests);
    for (std::size_t j = 0; j < p.size(); ++j) {
      wrong[{o.site[j], static_cast<int>(o.kind[j])}] += p[j];
      variance[{o.site[j], static_cast<int>(o.kind[j])}] += p[j] * (1 - p[j]);
    }
  }
  sim.step();
  double stay = spec.population.n_firms;
  for (const auto& e : sim.last_record().events)
    if (e.kind == EventKind::MoveStarted || e.kind == EventKind::AddStarted) stay -= 1;
  const double sd = std::sqrt(variance[{-1, -1}]);
  CHECK(std::abs(stay - wrong[{-1, -1}]) > 4.5 * sd);
}
