#include <catch2/catch.hpp>
#include <cmath>

#include "relocsim/engine/beliefs.hpp"
#include "relocsim/engine/japan_subsidy.hpp"
#include "relocsim/engine/pli.hpp"
#include "relocsim/engine/policy_state.hpp"
#include "relocsim/engine/transport_network.hpp"
#include "relocsim/engine/valuation.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

namespace {

struct Fixture {
  ModelSpec spec = test::tiny_spec();
  TransportNetwork net{spec};
  std::vector<Route> routes = net.routes();
  std::vector<double> wages;
  PliPrograms pli{spec};
  PolicyState policy{spec};
  Beliefs beliefs{spec};
  JapanSubsidy subsidy{spec};
  std::vector<double> capacity = std::vector<double>(spec.sites.size() * spec.sectors.size(), 0.0);
  std::vector<double> learning = std::vector<double>(capacity.size(), 1.0);
  std::vector<float> mix{0.6F, 0.4F};
  Fixture() {
    for (const auto& s : spec.sites) wages.push_back(s.wage);
  }
  ValuationTables tables(double now = 2020.0) const {
    return make_valuation_tables(spec, {routes, wages, pli, policy, beliefs, nullptr, capacity, learning, subsidy, now});
  }
  FirmView firm(double capacity, double risk_aversion = 1.0) const {
    FirmView v;
    v.sector = 0;
    v.capacity = capacity;
    v.firm_size = capacity;  // the agent is one firm
    v.risk_aversion = risk_aversion;
    v.mix = mix.data();
    v.plants[0] = Plant{0, 1.0F};  // in cn_a
    return v;
  }
};

}  // namespace

TEST_CASE("staying is worth the annuity of after-tax profit less the risk term", "[valuation]") {
  Fixture fx;
  const auto t = fx.tables();
  OptionSet o;
  o.reserve(t.n_sites);
  value_options(t, fx.firm(10), o);
  // Worked by hand for an electronics firm in cn_a selling 60 % to the US, 40 % to India.
  const double route_us = 0.005 + 0.03 + 0.006 * 18, route_in = 0.005 + 0.02 + 0.006 * 15;
  const double sales = 0.6 * (1 - 0.25 - route_us) + 0.4 * (1 - 0.15 - route_in);
  const double g = sales - (0.5 + 0.03) - 6 * 10000 / 1e6;
  const double profit = 0.8 * g;
  const double risk = 0.05 * 0.15 + 1.0 * std::sqrt(0.05 * 0.95 * 0.15 * 0.15);
  const double annuity = (1 - std::pow(1.08, -10)) / 0.08;
  CHECK(o.value[0] == Approx(annuity * (profit - risk)));
  CHECK(o.utility[0] == Approx(6 * o.value[0]));
}

TEST_CASE("options cover open sites outside the footprint, move and add", "[valuation]") {
  Fixture fx;
  OptionSet o;
  const auto before = fx.tables(2020.0);
  o.reserve(before.n_sites);
  // in_dmic opens in 2021; cn_a is the firm's own site.
  CHECK(value_options(before, fx.firm(10), o) == 4);
  CHECK(o.count == 1 + 2 * 4);
  const auto after = fx.tables(2021.0);
  CHECK(value_options(after, fx.firm(10), o) == 5);
  for (int j = 1; j < o.count; ++j) {
    CHECK(o.site[j] != 0);
    CHECK(o.nest[j] == 1 + static_cast<int>(fx.spec.sites[o.site[j]].bloc));
  }
}

TEST_CASE("the PLI raises an Indian option's value only for firms above the threshold", "[valuation]") {
  Fixture fx;
  auto t = fx.tables(2020.25);
  OptionSet o;
  o.reserve(t.n_sites);
  const int india = 4;
  auto move_value = [&](const FirmView& f, const ValuationTables& tables) {
    value_options(tables, f, o);
    for (int j = 0; j < o.count; ++j)
      if (o.site[j] == india && o.kind[j] == ProjectKind::Move) return o.value[j];
    FAIL("no move option to in_a");
    return 0.0;
  };
  fx.spec.params.pli_enabled = false;
  const auto no_pli = fx.tables(2020.25);
  // Production would start after 12 months' approval and 12 months' build: 2022.25,
  // scheme year 3, which needs 15 units of incremental sales.
  CHECK(move_value(fx.firm(100), t) > move_value(fx.firm(100), no_pli));
  CHECK(move_value(fx.firm(10), t) == Approx(move_value(fx.firm(10), no_pli)));
}

TEST_CASE("single-window clearance shortens the expected delay", "[valuation]") {
  Fixture fx;
  const auto t = fx.tables(2021.0);
  // in_dmic has single-window (factor 0.6), in_a not; both 12 months' mean approval, 12 months' build.
  CHECK(t.delay_years[t.ks(0, 5)] == Approx(0.6 * 12 / 12.0 + 1.0));
  CHECK(t.delay_years[t.ks(0, 4)] == Approx(1.0 + 1.0));
  CHECK(t.delay_sd[5] == Approx(0.6 * 6 / 12.0));
}
