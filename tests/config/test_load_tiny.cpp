// The tiny scenario loads into the spec it describes.
#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>

#include "config_test_support.hpp"

using namespace relocsim;
using namespace relocsim::config::test;

namespace {

config::LoadedConfig load_tiny() { return config::load(tiny("tiny.toml")); }

}  // namespace

TEST_CASE("tiny scenario: sites, countries and sectors", "[config]") {
  const auto loaded = load_tiny();
  const ModelSpec& spec = loaded.spec;
  CHECK(loaded.path == tiny("tiny.toml"));
  // Countries in order of first appearance among the sites.
  CHECK(spec.countries == std::vector<std::string>{"China", "Vietnam", "Thailand", "India"});
  REQUIRE(spec.sites.size() == 7);
  const auto& chennai = spec.sites[static_cast<std::size_t>(spec.site_index("chennai"))];
  CHECK(chennai.name == "Sriperumbudur, Chennai");  // a quoted field holding a comma
  CHECK(chennai.bloc == Bloc::India);
  CHECK(chennai.state == "Tamil Nadu");
  CHECK(chennai.wage == 3000);
  CHECK(chennai.single_window);
  const auto& dholera = spec.sites.back();
  CHECK(dholera.id == "dholera");
  CHECK(dholera.corridor == "DMIC");
  CHECK(dholera.open_year == 2023.5);
  CHECK(dholera.initial_weight == 0);
  CHECK(dholera.corporate_tax == Approx(0.15));
  const auto& hanoi = spec.sites[2];
  CHECK(hanoi.country == "Vietnam");
  CHECK(hanoi.bloc == Bloc::ASEAN);
  CHECK_FALSE(hanoi.single_window);
  CHECK(hanoi.productivity == Approx(0.6));
  CHECK(hanoi.labour_pool == 500000);
  CHECK(spec.sites[0].corridor.empty());

  REQUIRE(spec.sectors.size() == 2);
  CHECK(spec.sectors[0].id == "electronics");
  CHECK(spec.sectors[0].name == "Electronics, mobile phones");
  CHECK(spec.sectors[0].firm_share == Approx(0.6));
  CHECK(spec.sectors[1].build_months == 18);
  // sector_output.csv: USD bn in the file, USD million in the spec.
  CHECK(spec.sectors[0].output == std::array<double, kNumBlocs>{20000, 5000, 2000});
  CHECK(spec.sectors[1].output == std::array<double, kNumBlocs>{10000, 0, 4000});
  CHECK(spec.sectors[0].domestic_share == std::array<double, kNumBlocs>{0, 0, 0});
  CHECK(spec.sectors[0].market_mix == std::vector<double>{0.4, 0.3, 0.3});
  CHECK(spec.sectors[1].market_mix == std::vector<double>{0.5, 0.3, 0.2});

  REQUIRE(spec.markets.size() == 3);
  CHECK(spec.markets[2].id == "IN");
  CHECK(spec.markets[2].hub_node == "delhi");
  REQUIRE(spec.legs.size() == 12);
  CHECK(spec.legs[5].from == "pune_icd");
  CHECK(spec.legs[5].mode == "road");
  CHECK(spec.legs[5].days == 1);
}

TEST_CASE("tiny scenario: the most specific tariff row applies", "[config]") {
  const auto spec = load_tiny().spec;
  const int china = spec.country_index("China"), vietnam = spec.country_index("Vietnam");
  const int thailand = spec.country_index("Thailand"), india = spec.country_index("India");
  const int us = spec.market_index("US"), eu = spec.market_index("EU"), in = spec.market_index("IN");
  const int elec = spec.sector_index("electronics"), pharma = spec.sector_index("pharma");
  CHECK(spec.tariffs.size() == 4 * 3 * 2);
  CHECK(spec.tariff(china, us, elec) == Approx(0.2));      // (country = bloc, sector)
  CHECK(spec.tariff(china, us, pharma) == Approx(0.25));   // (country = bloc, *)
  CHECK(spec.tariff(vietnam, us, elec) == Approx(0.04));   // (country, *) beats (bloc, sector)
  CHECK(spec.tariff(vietnam, us, pharma) == Approx(0.04));
  CHECK(spec.tariff(thailand, us, elec) == Approx(0.01));  // (country, sector)
  CHECK(spec.tariff(thailand, us, pharma) == Approx(0.05));  // (bloc, *)
  CHECK(spec.tariff(thailand, eu, elec) == Approx(0.02));
  CHECK(spec.tariff(vietnam, in, pharma) == Approx(0.1));
  CHECK(spec.tariff(india, in, elec) == 0);
  CHECK(spec.tariff(india, us, pharma) == Approx(0.03));
}

TEST_CASE("tiny scenario: PLI amounts are converted from INR crore to USD million", "[config]") {
  const auto spec = load_tiny().spec;
  CHECK(spec.params.inr_per_usd == 80);
  REQUIRE(spec.pli.size() == 1);
  const auto& p = spec.pli[0];
  CHECK(p.sector == spec.sector_index("electronics"));
  CHECK(p.start_year == 2021);
  CHECK(p.base_year == 2020);
  CHECK(p.rates == std::vector<double>{0.06, 0.05, 0.04});
  // crore * 1e7 INR / 80 INR per USD / 1e6 = crore / 8 USD million
  CHECK(p.outlay == Approx(5000));
  CHECK(p.cap_per_firm_year == Approx(125));
  CHECK(p.investment_threshold_global == std::vector<double>{31.25, 62.5, 93.75});
  CHECK(p.sales_threshold_global == std::vector<double>{125, 250, 375});
  CHECK(p.investment_threshold_domestic == std::vector<double>{6.25, 12.5, 18.75});
  CHECK(p.sales_threshold_domestic == std::vector<double>{12.5, 25, 37.5});
}

TEST_CASE("tiny scenario: parameters, population and run", "[config]") {
  const auto spec = load_tiny().spec;
  const auto& b = spec.params;
  CHECK(b.horizon_years == 10);  // written as an integer
  CHECK(b.discount_rate == Approx(0.08));
  CHECK(b.logit_scale == 4);
  CHECK(b.nest_lambda == std::array<double, kNumBlocs>{0.6, 0.7, 0.8});
  CHECK(b.review_probability == Approx(0.05));
  CHECK(b.add_share == Approx(0.3));
  CHECK(b.risk_aversion_min == 0);
  CHECK(b.risk_aversion_max == 2);
  CHECK(b.time_cost_per_day == Approx(0.0008));
  CHECK(b.wage_pressure == Approx(0.5));
  CHECK(b.input_markup == std::array<double, kNumBlocs>{0.0, 0.05, 0.08});
  CHECK(b.single_window_factor == Approx(0.6));
  CHECK(b.hazard == std::array<double, kNumBlocs>{0.1, 0.05, 0.04});
  CHECK(b.disruption_loss == std::array<double, kNumBlocs>{0.2, 0.15, 0.1});
  CHECK(b.pli_enabled);
  CHECK(b.wage_feedback);
  CHECK_FALSE(b.supplier_proximity);
  CHECK(b.approval_delays);
  CHECK_FALSE(b.abandonment);

  const auto& pop = spec.population;
  CHECK(pop.n_firms == 200);
  CHECK(pop.home_countries == std::vector<std::string>{"Japan", "US", "India"});
  CHECK(pop.home_shares[0] == std::vector<double>{0.5, 0.3, 0.2});
  CHECK(pop.home_shares[1] == std::vector<double>{0.6, 0.4, 0.0});
  CHECK(pop.home_shares[2] == std::vector<double>{0.2, 0.2, 0.6});
  CHECK(pop.domestic_home == "India");
  CHECK(pop.size_min == 1);
  CHECK(pop.size_alpha == Approx(1.1));
  CHECK(pop.size_max == 1000);
  CHECK(pop.productivity_sd == Approx(0.3));
  CHECK(pop.mix_concentration == 20);
  CHECK(pop.supply_links == 2);

  CHECK(spec.run.start_year == 2020);
  CHECK(spec.run.steps == 12);
  CHECK(spec.run.steps_per_year == 4);
  CHECK(spec.run.seed == 7);
}

TEST_CASE("tiny scenario: every input file is kept verbatim, in the order read", "[config]") {
  const auto loaded = load_tiny();
  const std::vector<std::string> expected{tiny("tiny.toml"),      tiny("sites.csv"), tiny("sectors.csv"),
                                          tiny("markets.csv"),    tiny("market_mix.csv"), tiny("legs.csv"),
                                          tiny("tariffs.csv"),    tiny("supplier_mix.csv"), tiny("sector_output.csv")};
  REQUIRE(loaded.inputs.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(loaded.inputs[i].path == expected[i]);
    CHECK(loaded.inputs[i].contents == slurp(expected[i]));
  }
}

TEST_CASE("tiny scenario: the resolved configuration is TOML that loads to the same spec", "[config]") {
  const auto loaded = load_tiny();
  const toml::table resolved = toml::parse(loaded.resolved_toml);
  CHECK(resolved["behaviour"]["logit_scale"].value<double>() == 4.0);
  CHECK(resolved["sources"]["behaviour.logit_scale"].value<std::string>() == "assumption: tiny test value");
  CHECK(resolved["sources"]["pli"]["electronics"]["rates"].is_string());
  // Data files appear as read, whichever file named them.
  CHECK(resolved["data"]["sites"].value<std::string>() == tiny("sites.csv"));

  const auto file = std::filesystem::temp_directory_path() / "relocsim_config_test_resolved.toml";
  {
    std::ofstream out(file);
    out << loaded.resolved_toml;
  }
  const auto again = config::load(file.string());
  std::filesystem::remove(file);
  CHECK(again.resolved_toml == loaded.resolved_toml);
  CHECK(again.spec.tariffs == loaded.spec.tariffs);
  CHECK(again.spec.countries == loaded.spec.countries);
  CHECK(again.spec.params.discount_rate == loaded.spec.params.discount_rate);
  CHECK(again.spec.pli[0].investment_threshold_global == loaded.spec.pli[0].investment_threshold_global);
  CHECK(again.spec.sites[3].land_power_cost == loaded.spec.sites[3].land_power_cost);
}
