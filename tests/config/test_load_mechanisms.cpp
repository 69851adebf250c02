// The keys of the model's mechanisms (beliefs, export controls, herding,
// agglomeration, learning, Japan's subsidy, PLI caps and lag, supplier mix)
// and the dated events load into the spec as tiny.toml states them.
#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>

#include "config_test_support.hpp"

using namespace relocsim;
using namespace relocsim::config::test;

namespace {

config::LoadedConfig load_tiny() { return config::load(tiny("tiny.toml")); }

}  // namespace

TEST_CASE("tiny scenario: mineral exposure, mineral dependence, agglomeration and the supplier mix", "[config]") {
  const auto spec = load_tiny().spec;
  CHECK(spec.sites[0].mineral_exposure == 0);
  CHECK(spec.sites[2].mineral_exposure == Approx(0.9));
  CHECK(spec.sites.back().mineral_exposure == Approx(0.95));
  CHECK(spec.sectors[0].mineral_dependence == Approx(0.1));
  CHECK(spec.sectors[1].mineral_dependence == Approx(0.02));
  CHECK(spec.sectors[0].agglomeration_gain == Approx(0.05));
  CHECK(spec.sectors[1].agglomeration_gain == Approx(0.03));
  // In sector order; a pair without a row weighs 0.
  CHECK(spec.sectors[0].supplier_mix == std::vector<double>{0.8, 0.2});
  CHECK(spec.sectors[1].supplier_mix == std::vector<double>{0.0, 1.0});
}

TEST_CASE("tiny scenario: beliefs, export controls, herding, agglomeration and learning", "[config]") {
  const auto& b = load_tiny().spec.params;
  CHECK(b.belief_jump == Approx(0.05));
  CHECK(b.belief_persistence == Approx(0.9));
  CHECK(b.shock_review_probability == Approx(0.25));
  CHECK(b.export_control_belief_jump == Approx(0.1));
  CHECK(b.mineral_price_shock == Approx(0.5));
  CHECK(b.herding_weight == Approx(0.02));
  CHECK(b.herding_persistence == Approx(0.8));
  CHECK(b.agglomeration_scale == 50);
  CHECK(b.learning_elasticity == Approx(0.2));
  CHECK(b.learning_reference == 100);
  CHECK(b.learning_prior_years == 5);
  CHECK(b.corridor_delay_factor == std::vector<std::pair<std::string, double>>{{"DMIC", 0.8}});
  CHECK(b.disruptions);
  CHECK(b.herding);
  CHECK_FALSE(b.agglomeration);
  CHECK(b.learning);
  CHECK(b.japan_subsidy_enabled);
  CHECK(b.export_controls);
}

TEST_CASE("tiny scenario: Japan's subsidy, its budget converted from JPY bn to USD million", "[config]") {
  const auto& j = load_tiny().spec.params.japan_subsidy;
  CHECK(j.home == "Japan");
  CHECK(j.share == Approx(0.5));
  CHECK(j.budget == Approx(235));  // 23.5e9 JPY / 100 JPY per USD = USD 235 million
  CHECK(j.start_year == Approx(2020.33));
  CHECK(j.end_year == 2022);
  // China is left out of destination_from: it never qualifies.
  CHECK(j.destination_from == std::array<double, kNumBlocs>{1e9, 2020.33, 2020.67});
}

TEST_CASE("tiny scenario: PLI yearly caps in USD million and the disbursement lag", "[config]") {
  const auto spec = load_tiny().spec;
  REQUIRE(spec.pli.size() == 1);
  CHECK(spec.pli[0].yearly_caps == std::vector<double>{500, 750, 1000});  // crore / 8 at 80 INR per USD
  CHECK(spec.pli[0].disbursement_lag_years == Approx(0.5));
  // An empty array: no yearly cap.
  const auto uncapped = config::load(tiny("tiny.toml"), {"pli.electronics.yearly_caps_inr_crore=[]"}).spec;
  CHECK(uncapped.pli[0].yearly_caps.empty());
}

TEST_CASE("tiny scenario: events of every type, in the order written", "[config][events]") {
  const auto spec = load_tiny().spec;
  REQUIRE(spec.events.size() == 8);
  const auto& asean = spec.events[0];
  CHECK(asean.type == ScheduledType::Tariff);
  CHECK(asean.year == 2021);
  CHECK(asean.label == "ASEAN electronics into the US");
  CHECK(asean.country == -1);  // a bloc: every country of it
  CHECK(asean.bloc == static_cast<int>(Bloc::ASEAN));
  CHECK(asean.market == spec.market_index("US"));
  CHECK(asean.sector == spec.sector_index("electronics"));
  CHECK(asean.value == Approx(0.1));
  const auto& vietnam = spec.events[1];
  CHECK(vietnam.country == spec.country_index("Vietnam"));
  CHECK(vietnam.sector == -1);  // "*"
  CHECK(vietnam.value == Approx(0.2));

  const auto& window = spec.events[2];
  CHECK(window.type == ScheduledType::SingleWindow);
  CHECK(window.state == "Maharashtra");
  CHECK(window.enabled);

  const auto& leg = spec.events[3];
  CHECK(leg.type == ScheduledType::Leg);
  CHECK(leg.leg.from == "dholera");
  CHECK(leg.leg.to == "nhava_sheva");
  CHECK(leg.leg.mode == "rail");
  CHECK(leg.leg.cost_share == Approx(0.01));
  CHECK(leg.leg.days == 1);

  CHECK(spec.events[4].type == ScheduledType::ExportControl);
  CHECK(spec.events[4].value == Approx(0.5));
  CHECK(spec.events[5].value == Approx(-0.25));  // an easing

  const auto& initiative = spec.events[6];
  CHECK(initiative.type == ScheduledType::MineralsInitiative);
  CHECK(initiative.country == spec.country_index("India"));
  CHECK(initiative.value == Approx(0.2));

  const auto& disruption = spec.events[7];
  CHECK(disruption.type == ScheduledType::Disruption);
  CHECK(disruption.bloc == static_cast<int>(Bloc::ASEAN));
  CHECK(disruption.value == Approx(0.5));
}

TEST_CASE("events after the end of the run are accepted and never take effect", "[config][events]") {
  // A short run of a scenario must load: tiny.toml's run ends in 2023, its events reach 2022.75.
  const auto spec = config::load(tiny("tiny.toml"), {"run.steps=2"}).spec;
  CHECK(spec.events.size() == 8);
}

TEST_CASE("extends: a scenario's events add to those of the file it extends", "[config][events]") {
  const auto dir = std::filesystem::temp_directory_path() / "relocsim_config_test_events";
  std::filesystem::create_directories(dir);
  const auto file = dir / "more_events.toml";
  {
    std::ofstream out(file);
    out << "extends = \"" << tiny("tiny.toml") << "\"\n\n"
        << "[[events]]\nyear = 2022.0\ntype = \"disruption\"\nlabel = \"another\"\nsource = \"test\"\n"
        << "bloc = \"China\"\nseverity = 1.0\n";
  }
  const auto spec = config::load(file.string()).spec;
  std::filesystem::remove_all(dir);
  REQUIRE(spec.events.size() == 9);
  CHECK(spec.events[0].label == "ASEAN electronics into the US");
  CHECK(spec.events[8].label == "another");
  CHECK(spec.events[8].bloc == static_cast<int>(Bloc::China));
  // An override replaces the whole array, so that a run can drop every event.
  CHECK(config::load(tiny("tiny.toml"), {"events=[]"}).spec.events.empty());
}

TEST_CASE("the resolved configuration writes events as [[events]] sections and reloads them", "[config][events]") {
  const auto loaded = load_tiny();
  CHECK(loaded.resolved_toml.find("\n[[events]]\n") != std::string::npos);
  CHECK(toml::parse(loaded.resolved_toml)["data"]["supplier_mix"].value<std::string>() == tiny("supplier_mix.csv"));
  const auto file = std::filesystem::temp_directory_path() / "relocsim_config_test_resolved_events.toml";
  {
    std::ofstream out(file);
    out << loaded.resolved_toml;
  }
  const auto again = config::load(file.string());
  std::filesystem::remove(file);
  CHECK(again.resolved_toml == loaded.resolved_toml);
  REQUIRE(again.spec.events.size() == loaded.spec.events.size());
  for (std::size_t i = 0; i < again.spec.events.size(); ++i) {
    CHECK(again.spec.events[i].label == loaded.spec.events[i].label);
    CHECK(again.spec.events[i].value == loaded.spec.events[i].value);
  }
  CHECK(again.spec.sectors[0].supplier_mix == loaded.spec.sectors[0].supplier_mix);
  CHECK(again.spec.params.japan_subsidy.destination_from == loaded.spec.params.japan_subsidy.destination_from);
}

TEST_CASE("the loader lists the keys and columns it read", "[config]") {
  const auto loaded = load_tiny();
  const auto& keys = loaded.keys_read;
  auto has = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
  CHECK(keys.front() == "run.start_year");  // in the order read
  CHECK(has("behaviour.nest_lambda.ASEAN"));
  CHECK(has("pli.electronics.yearly_caps_inr_crore"));
  CHECK(has("friction.corridor_delay_factor.DMIC"));
  CHECK(has("japan_subsidy.destination_from.India"));
  CHECK_FALSE(has("japan_subsidy.destination_from.China"));  // part of the schema, but not set here
  CHECK(has("events[0].rate"));
  CHECK(has("events[7].bloc"));
  CHECK_FALSE(has("events"));
  const auto& columns = loaded.columns_read;
  CHECK(std::find(columns.begin(), columns.end(), "sites.mineral_exposure") != columns.end());
  CHECK(std::find(columns.begin(), columns.end(), "supplier_mix.weight") != columns.end());
  CHECK(std::find(columns.begin(), columns.end(), "sites.source") == columns.end());
}

TEST_CASE("an event's announcement date: read where given, its year where not, and written out", "[config][events]") {
  // tiny.toml gives no announcement dates: each defaults to the effective date.
  const auto tiny_spec = load_tiny().spec;
  for (const auto& e : tiny_spec.events) CHECK(e.announced == e.year);

  const auto loaded = config::load(
      tiny("tiny.toml"), {"events=[{year = 2021.5, announced = 2021.25, type = \"export_control\", label = \"x\", "
                          "source = \"y\", severity = 0.5}, {year = 2022.0, type = \"export_control\", label = \"z\", "
                          "source = \"y\", severity = 0.1}, {year = 2020.0, announced = 2019.5, "
                          "type = \"export_control\", label = \"before the run\", source = \"y\", severity = 0.1}]"});
  REQUIRE(loaded.spec.events.size() == 3);
  CHECK(loaded.spec.events[0].year == 2021.5);
  CHECK(loaded.spec.events[0].announced == 2021.25);
  CHECK(loaded.spec.events[1].announced == 2022.0);  // defaulted
  CHECK(loaded.spec.events[2].announced == 2019.5);  // announced before the run: allowed
  // The record of the run states every announcement date, the defaulted one too.
  const toml::table resolved = toml::parse(loaded.resolved_toml);
  const auto* events = resolved["events"].as_array();
  REQUIRE(events != nullptr);
  REQUIRE(events->size() == 3);
  CHECK((*events)[0].as_table()->get("announced")->value<double>() == 2021.25);
  CHECK((*events)[1].as_table()->get("announced")->value<double>() == 2022.0);
  CHECK((*events)[2].as_table()->get("announced")->value<double>() == 2019.5);
}
