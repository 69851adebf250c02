// Each user-facing error: the exact message names the file, the line, the key
// and what was expected.
#include <cstring>

#include "config_test_support.hpp"

using namespace relocsim;
using namespace relocsim::config::test;
using Catch::Matchers::VectorContains;

TEST_CASE("error: malformed TOML", "[config][errors]") {
  CHECK(load_errors(broken("malformed.toml")) ==
        Messages{broken("malformed.toml") +
                 ":4: expected valid TOML: Error while parsing value: could not determine value type"});
}

TEST_CASE("error: unknown key, with the nearest valid key suggested", "[config][errors]") {
  // A misspelt key gives one error, not also "behaviour.logit_scale: missing".
  CHECK(load_errors(broken("unknown_key.toml")) ==
        Messages{broken("unknown_key.toml") +
                 ":5: behaviour.logit_scal: unknown key; did you mean behaviour.logit_scale?"});
}

TEST_CASE("error: unknown key inside a table by bloc", "[config][errors]") {
  // Inline tables merge key by key too: India still comes from tiny.toml.
  CHECK(load_errors(broken("bloc_table_key.toml")) ==
        Messages{broken("bloc_table_key.toml") + ":4: risk.hazard.Indai: unknown key; did you mean risk.hazard.India?"});
}

TEST_CASE("error: a misspelt table is one error, not one per key it should hold", "[config][errors]") {
  const std::string f = broken("misspelt_table.toml");
  CHECK(load_errors(f) ==
        Messages{f + ":182: sources.behaviour.logit_scale: names no key of the configuration; expected the key path "
                     "of a value; did you mean behavior.logit_scale?",
                 f + ":35: behavior: unknown key; did you mean behaviour?"});
}

TEST_CASE("error: wrong type", "[config][errors]") {
  CHECK(load_errors(broken("wrong_type.toml")) ==
        Messages{broken("wrong_type.toml") + ":4: run.steps: expected an integer in [1, 10000], got 12.5",
                 broken("wrong_type.toml") + ":7: behaviour.logit_scale: expected a number > 0, got \"high\""});
}

TEST_CASE("error: value out of range", "[config][errors]") {
  const std::string f = broken("out_of_range.toml");
  CHECK(load_errors(f) ==
        Messages{f + ":4: behaviour.logit_scale: expected a number > 0, got -1",
                 f + ":6: behaviour.nest_lambda.ASEAN: expected a number in (0, 1], got 0",
                 f + ":5: behaviour.review_probability: expected a number in [0, 1], got 1.5"});
}

TEST_CASE("error: NaN and infinity", "[config][errors]") {
  const std::string f = broken("nan.toml");
  CHECK(load_errors(f) == Messages{f + ":4: behaviour.discount_rate: expected a number > 0, got nan",
                                   f + ":7: costs.input_markup.India: expected a number >= 0, got inf"});
}

TEST_CASE("error: missing files", "[config][errors]") {
  const std::string why = std::strerror(ENOENT);
  CHECK(load_errors(broken("no_such_scenario.toml")) ==
        Messages{broken("no_such_scenario.toml") + ": cannot open file (" + why + ")"});
  // A missing base or data file is reported where it is named.
  CHECK(load_errors(broken("missing_extends.toml")) ==
        Messages{broken("missing_extends.toml") + ":1: extends: cannot open \"" + broken("no_such_base.toml") +
                 "\" (" + why + "); expected a scenario file"});
  CHECK(load_errors(broken("missing_csv.toml")) ==
        Messages{broken("missing_csv.toml") + ":4: data.sites: cannot open \"" + broken("no_such_sites.csv") + "\" (" +
                 why + ")"});
}

TEST_CASE("error: missing CSV column, with the nearest column suggested", "[config][errors]") {
  CHECK(load_errors(broken("missing_column.toml")) ==
        Messages{broken("sites_missing_column.csv") +
                 ":1: wage_usd_year: missing column; expected it in the header; did you mean wage_usd_yr?"});
}

TEST_CASE("error: non-numeric CSV cell", "[config][errors]") {
  CHECK(load_errors(broken("non_numeric.toml")) ==
        Messages{broken("sites_non_numeric.csv") + ":5: wage_usd_year: expected a number > 0, got \"abc\""});
}

TEST_CASE("error: malformed CSV quoting", "[config][errors]") {
  CHECK(load_errors(broken("malformed_csv.toml")) ==
        Messages{broken("markets_malformed.csv") +
                 ":3: malformed CSV; expected fields separated by commas, with any quotes around a whole field and "
                 "quotes inside it doubled"});
}

TEST_CASE("error: duplicate id", "[config][errors]") {
  CHECK(load_errors(broken("duplicate_id.toml")) ==
        Messages{broken("sites_duplicate_id.csv") +
                 ":8: id: duplicate id \"chennai\"; expected ids to be unique (first at line 6)"});
}

TEST_CASE("error: unknown sector in the market mix", "[config][errors]") {
  const std::string f = broken("market_mix_unknown_sector.csv");
  CHECK(load_errors(broken("unknown_sector.toml")) ==
        Messages{f + ":3: sector: unknown sector \"electronic\"; expected an id from " + tiny("sectors.csv") +
                     "; did you mean electronics?",
                 f + ": share: no row for sector electronics and market EU; expected a share for every sector and "
                     "market"});
}

TEST_CASE("error: PLI scheme for an unknown sector", "[config][errors]") {
  CHECK(load_errors(broken("unknown_pli_sector.toml")) ==
        Messages{broken("unknown_pli_sector.toml") + ":3: pli.electronic: unknown sector; expected a sector id from " +
                 tiny("sectors.csv") + "; did you mean electronics?"});
}

TEST_CASE("error: tariff origin that is neither a bloc nor a site's country", "[config][errors]") {
  CHECK(load_errors(broken("unknown_origin.toml")) ==
        Messages{broken("tariffs_unknown_origin.csv") +
                 ":8: origin: unknown origin \"Vietnm\"; expected a bloc (China, ASEAN or India) or the country of a "
                 "site in " +
                 tiny("sites.csv") + "; did you mean Vietnam?"});
}

TEST_CASE("error: a site's node that no leg connects", "[config][errors]") {
  CHECK(load_errors(broken("disconnected.toml")) ==
        Messages{tiny("sites.csv") +
                 ":8: node: node \"dholera\" is not connected to \"shanghai_port\" (site shanghai); expected a chain "
                 "of legs in " +
                 broken("legs_disconnected.csv") + " between them"});
}

TEST_CASE("error: circular extends, with the chain", "[config][errors]") {
  const std::string a = broken("cycle_a.toml"), b = broken("cycle_b.toml");
  CHECK(load_errors(a) == Messages{b + ":2: extends: circular extends (" + a + " -> " + b + " -> " + a +
                                   "); expected a chain of scenarios without a cycle"});
}

TEST_CASE("error: tariffs that do not cover a country, market and sector", "[config][errors]") {
  const std::string f = broken("tariffs_uncovered.csv");
  CHECK(load_errors(broken("uncovered_tariff.toml")) ==
        Messages{f + ": rate: no row covers goods from Thailand (bloc ASEAN) into US in sector pharma; expected a row "
                     "with origin Thailand or ASEAN, market US and sector pharma or *",
                 f + ": rate: no row covers goods from India into EU in any sector; expected a row with origin India, "
                     "market EU and sector *"});
}

TEST_CASE("error: [sources] naming a key that does not exist", "[config][errors]") {
  CHECK(load_errors(broken("unknown_source.toml")) ==
        Messages{broken("unknown_source.toml") +
                 ":4: sources.behaviour.logit_scal: names no key of the configuration; expected the key path of a "
                 "value; did you mean behaviour.logit_scale?"});
}

TEST_CASE("error: PLI threshold arrays", "[config][errors]") {
  const std::string f = broken("pli_thresholds.toml");
  CHECK(load_errors(f) ==
        Messages{f + ":4: pli.electronics.sales_threshold_global_inr_crore: expected 3 entries, one per rate, got 2",
                 f + ":5: pli.electronics.investment_threshold_domestic_inr_crore: expected non-decreasing values, "
                     "got 100 after 150 as entry 3"});
}

TEST_CASE("error: required keys have no defaults", "[config][errors]") {
  const std::string f = broken("minimal.toml");
  const auto messages = load_errors(f);
  CHECK_THAT(messages, VectorContains(f + ":2: run.seed: missing; expected an integer >= 0"));
  CHECK_THAT(messages, VectorContains(f + ": behaviour.logit_scale: missing; expected a number > 0"));
  CHECK_THAT(messages, VectorContains(f + ": data.sites: missing; expected the path of a CSV file"));
  CHECK_THAT(messages,
             VectorContains(f + ": risk.hazard: missing; expected a table {China = x, ASEAN = y, India = z} of "
                                "numbers in [0, 1]"));
  CHECK_THAT(messages, VectorContains(f + ": events: missing; expected an array of tables ([[events]] sections)"));
  CHECK_THAT(messages, VectorContains(f + ": japan_subsidy.destination_from: missing; expected a table naming some "
                                          "of China, ASEAN and India, of finite numbers"));
  CHECK_THAT(messages, VectorContains(f + ": data.sector_output: missing; expected the path of a CSV file"));
  CHECK(messages.size() == 68);  // every key of CONFIG.md but run.start_year, steps, steps_per_year
}

TEST_CASE("error: several problems are reported together", "[config][errors]") {
  const std::string f = broken("several.toml");
  CHECK(load_errors(f) ==
        Messages{f + ":7: behaviour.logit_scale: expected a number > 0, got -1",
                 broken("sites_non_numeric.csv") + ":5: wage_usd_year: expected a number > 0, got \"abc\"",
                 f + ":8: behaviour.horizon: unknown key; did you mean behaviour.horizon_years?"});
}

TEST_CASE("error: override of an unknown key, with the nearest key suggested", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"behaviour.logit_scal=3"}) ==
        Messages{"--set: behaviour.logit_scal: unknown key; did you mean behaviour.logit_scale?"});
  CHECK(load_errors(tiny("tiny.toml"), {"pli.electronics.rate=[0.1]"}) ==
        Messages{"--set: pli.electronics.rate: unknown key; did you mean pli.electronics.rates?"});
}

TEST_CASE("error: bad override values", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"behaviour.logit_scale=-3"}) ==
        Messages{"--set: behaviour.logit_scale: expected a number > 0, got -3"});
  CHECK(load_errors(tiny("tiny.toml"), {"behaviour.logit_scale"}) ==
        Messages{"--set: behaviour.logit_scale: expected dotted.key=value"});
  CHECK(load_errors(tiny("tiny.toml"), {"run.seed=abc"}) ==
        Messages{"--set: run.seed: expected a TOML value (a number, true or false, a \"string\", an [array] or an "
                 "{inline table}), got abc"});
  CHECK(load_errors(tiny("tiny.toml"), {"population.home_shares=[0.5, 0.5]"}) ==
        Messages{"--set: population.home_shares: expected one share per home country (3), got 2"});
  CHECK(load_errors(tiny("tiny.toml"), {"population.home_shares=[0.5, \"x\", 0.2]"}) ==
        Messages{"--set: population.home_shares: expected a non-empty array of numbers in [0, 1], got \"x\" as "
                 "entry 2"});
  // tiny.toml's [sources] names pli.electronics.rates, which the override removed.
  CHECK(load_errors(tiny("tiny.toml"), {"pli.electronics=5"}) ==
        Messages{"--set: pli.electronics: expected a table of PLI scheme parameters, got 5",
                 tiny("tiny.toml") + ":191: sources.pli.electronics.rates: names no key of the configuration; "
                                     "expected the key path of a value; did you mean pli.electronics?",
                 tiny("tiny.toml") + ":187: sources.pli.electronics.announce_year: names no key of the configuration; "
                                     "expected the key path of a value; did you mean pli.electronics?"});
}
