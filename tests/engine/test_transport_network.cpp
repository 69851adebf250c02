#include <catch2/catch.hpp>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

// Expected values are worked by hand from tiny_spec's legs, with the time cost
// of 0.006 per day: cost = sum of freight shares + 0.006 * sum of days.
TEST_CASE("cheapest routes price freight and transit time", "[transport]") {
  const ModelSpec spec = test::tiny_spec();
  const TransportNetwork net(spec);
  const auto routes = net.routes();
  const int M = 2;
  // cn_a -> shenzhen (road 0.005, 1 d) -> la (sea 0.03, 17 d)
  CHECK(routes[0 * M + 0].cost == Approx(0.005 + 0.03 + 0.006 * 18));
  CHECK(routes[0 * M + 0].days == Approx(18));
  // in_a -> mumbai (rail 0.01, 2 d): the home market
  CHECK(routes[4 * M + 1].cost == Approx(0.01 + 0.006 * 2));
  CHECK(routes[4 * M + 1].days == Approx(2));
}

TEST_CASE("upgrading a leg reroutes goods", "[transport]") {
  const ModelSpec spec = test::tiny_spec();
  TransportNetwork net(spec);
  // cn_a -> India goes straight across: shenzhen -> mumbai.
  CHECK(net.routes()[0 * 2 + 1].days == Approx(1 + 14));
  // Make that leg prohibitive: goods now go round by Los Angeles.
  net.upgrade_leg("shenzhen", "mumbai", 0.9, 14);
  const auto r = net.routes()[0 * 2 + 1];
  CHECK(r.days == Approx(1 + 17 + 30));
  CHECK(r.cost == Approx(0.005 + 0.03 + 0.04 + 0.006 * 48));
  CHECK_THROWS_AS(net.upgrade_leg("shenzhen", "nowhere", 0.1, 1), SpecError);
}

TEST_CASE("a site that cannot reach a market is an error naming both", "[transport]") {
  ModelSpec spec = test::tiny_spec();
  spec.sites[3].node = "island";
  CHECK_THROWS_WITH(TransportNetwork(spec), Catch::Contains("site vn_b (node island) cannot reach market US"));
}
