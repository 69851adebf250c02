// Scenario inheritance and command-line overrides.
#include <toml++/toml.h>

#include "config_test_support.hpp"

using namespace relocsim;
using namespace relocsim::config::test;

TEST_CASE("extends: the variant's values replace the base's, tables merge key by key", "[config]") {
  const auto loaded = config::load(tiny("variants/high_pli.toml"));
  const auto& spec = loaded.spec;
  CHECK(spec.params.logit_scale == 6);
  CHECK(spec.params.discount_rate == Approx(0.08));  // untouched keys of [behaviour] stay
  REQUIRE(spec.pli.size() == 1);
  CHECK(spec.pli[0].rates == std::vector<double>{0.08, 0.07, 0.06});
  CHECK(spec.pli[0].outlay == Approx(5000));  // inherited from tiny.toml's [pli.electronics]
  // The variant's path is relative to the variant, the inherited ones to tiny.toml.
  CHECK(spec.legs.size() == 13);
  CHECK(spec.sites.size() == 7);
  std::vector<std::string> paths;
  for (const auto& input : loaded.inputs) paths.push_back(input.path);
  CHECK(paths == std::vector<std::string>{tiny("variants/high_pli.toml"), tiny("tiny.toml"), tiny("sites.csv"),
                                          tiny("sectors.csv"), tiny("markets.csv"), tiny("market_mix.csv"),
                                          tiny("variants/legs_direct.csv"), tiny("tariffs.csv"),
                                          tiny("supplier_mix.csv"), tiny("sector_output.csv")});
  const toml::table resolved = toml::parse(loaded.resolved_toml);
  CHECK_FALSE(resolved.contains("extends"));
  CHECK(resolved["data"]["legs"].value<std::string>() == tiny("variants/legs_direct.csv"));
  CHECK(resolved["data"]["tariffs"].value<std::string>() == tiny("tariffs.csv"));
}

TEST_CASE("overrides: applied after extends, values are TOML", "[config]") {
  const auto loaded = config::load(tiny("variants/high_pli.toml"),
                                   {"behaviour.logit_scale=8", "run.seed = 42", "pli.electronics.rates=[0.1, 0.1, 0.1]",
                                    "behaviour.nest_lambda={China = 1, ASEAN = 0.5, India = 1}",
                                    "switches.pli=false", "population.home_countries=[\"Japan\", \"US\", \"India\"]",
                                    "behaviour.logit_scale=9"});
  const auto& spec = loaded.spec;
  CHECK(spec.params.logit_scale == 9);  // the last override of a key wins
  CHECK(spec.run.seed == 42);
  CHECK(spec.pli[0].rates == std::vector<double>{0.1, 0.1, 0.1});
  CHECK(spec.params.nest_lambda == std::array<double, kNumBlocs>{1, 0.5, 1});
  CHECK_FALSE(spec.params.pli_enabled);
  const toml::table resolved = toml::parse(loaded.resolved_toml);
  CHECK(resolved["behaviour"]["logit_scale"].value<double>() == 9.0);
  CHECK(resolved["run"]["seed"].value<std::int64_t>() == 42);
}

TEST_CASE("overrides: a data path given on the command line is taken as it stands", "[config]") {
  const auto spec = config::load(tiny("tiny.toml"), {"data.legs=\"" + tiny("variants/legs_direct.csv") + "\""}).spec;
  CHECK(spec.legs.size() == 13);
}
