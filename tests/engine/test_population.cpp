#include <catch2/catch.hpp>
#include <cmath>

#include "relocsim/engine/population.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

TEST_CASE("initial firms respect the size bounds, sum their mix to one and start at open sites", "[population]") {
  const ModelSpec spec = test::tiny_spec(5000);
  const Firms firms = make_population(spec);
  REQUIRE(firms.size() == 5000);
  int china = 0;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    CHECK(firms.capacity[f] >= 5);
    CHECK(firms.capacity[f] <= 5000);
    double mix = 0;
    for (int m = 0; m < firms.n_markets; ++m) mix += firms.mix[f * firms.n_markets + m];
    CHECK(mix == Approx(1).epsilon(1e-6));
    const int site = firms.plants[f][0].site;
    CHECK(spec.sites[site].initial_weight > 0);
    CHECK(spec.sites[site].open_year <= spec.run.start_year);
    china += spec.sites[site].bloc == Bloc::China;
  }
  // Weights 4+4 of 10 are Chinese: 80 % expected, sd about 0.6 %.
  CHECK(china / 5000.0 == Approx(0.8).margin(0.03));
}

TEST_CASE("firm i is the same firm whatever the population size", "[population][rng]") {
  const Firms small = make_population(test::tiny_spec(100));
  const Firms large = make_population(test::tiny_spec(1000));
  for (std::size_t f = 0; f < 100; ++f) {
    CHECK(small.capacity[f] == large.capacity[f]);
    CHECK(small.sector[f] == large.sector[f]);
    CHECK(small.plants[f][0].site == large.plants[f][0].site);
    CHECK(small.productivity[f] == large.productivity[f]);
  }
}

TEST_CASE("firm sizes follow the truncated Pareto", "[population]") {
  ModelSpec spec = test::tiny_spec(20000);
  const Firms firms = make_population(spec);
  // P(X > x) for a Pareto truncated to [lo, hi]: ((lo/x)^a - (lo/hi)^a) / (1 - (lo/hi)^a).
  const double lo = 5, hi = 5000, a = 1.06, x = 50;
  const double tail = (std::pow(lo / x, a) - std::pow(lo / hi, a)) / (1 - std::pow(lo / hi, a));
  int above = 0;
  for (double c : firms.capacity) above += c > x;
  const double sd = std::sqrt(tail * (1 - tail) / 20000);
  CHECK(above / 20000.0 == Approx(tail).margin(4 * sd));
}
