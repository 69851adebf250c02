// Each error of the mechanisms' keys, the supplier mix and the events: the
// exact message names the file, the line, the key and what was expected.
#include "config_test_support.hpp"

using namespace relocsim;
using namespace relocsim::config::test;

TEST_CASE("error: supplier mix with unknown sectors, a duplicate row and a buyer without rows", "[config][errors]") {
  const std::string f = broken("supplier_mix_errors.csv");
  CHECK(load_errors(broken("supplier_mix.toml")) ==
        Messages{f + ":3: supplier_sector: unknown sector \"pharmacy\"; expected an id from " + tiny("sectors.csv") +
                     "; did you mean pharma?",
                 f + ":4: buyer_sector,supplier_sector: duplicate row for buyer electronics and supplier electronics; "
                     "expected one (first at line 2)",
                 f + ":5: buyer_sector: unknown sector \"chemicals\"; expected an id from " + tiny("sectors.csv") +
                     "; did you mean pharma?",
                 f + ": buyer_sector: no row with buyer sector pharma; expected the weights of its supplier sectors, "
                     "summing to 1"});
}

TEST_CASE("error: supplier weights that do not sum to 1 or are negative", "[config][errors]") {
  const std::string f = broken("supplier_mix_sums.csv");
  CHECK(load_errors(broken("supplier_mix_sums.toml")) ==
        Messages{f + ":4: weight: expected a number >= 0, got -1",
                 f + ":2: weight: expected the weights of buyer sector electronics to sum to 1, got a sum of 0.8"});
}

TEST_CASE("error: a sites table without mineral_exposure", "[config][errors]") {
  CHECK(load_errors(broken("no_exposure.toml")) ==
        Messages{broken("sites_without_exposure.csv") +
                 ":1: mineral_exposure: missing column; expected it in the header"});
}

TEST_CASE("error: PLI yearly caps and disbursement lag", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"pli.electronics.yearly_caps_inr_crore=[4000.0, 6000.0]"}) ==
        Messages{"--set: pli.electronics.yearly_caps_inr_crore: expected no entries or 3, one per rate, got 2"});
  CHECK(load_errors(tiny("tiny.toml"), {"pli.electronics.yearly_caps_inr_crore=[4000.0, -1, 8000.0]"}) ==
        Messages{"--set: pli.electronics.yearly_caps_inr_crore: expected an array of numbers >= 0, got -1 as entry 2"});
  CHECK(load_errors(tiny("tiny.toml"), {"pli.electronics.disbursement_lag_years=-0.5"}) ==
        Messages{"--set: pli.electronics.disbursement_lag_years: expected a number >= 0, got -0.5"});
}

TEST_CASE("error: parameters of beliefs, export controls, herding and learning out of range", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"risk.belief_persistence=1.2", "minerals.mineral_price_shock=-1",
                                        "behaviour.herding_weight=-0.1", "costs.agglomeration_scale=0",
                                        "costs.learning_reference=0", "risk.shock_review_probability=2"}) ==
        Messages{"--set: behaviour.herding_weight: expected a number >= 0, got -0.1",
                 "--set: costs.agglomeration_scale: expected a number > 0, got 0",
                 "--set: costs.learning_reference: expected a number > 0, got 0",
                 "--set: risk.belief_persistence: expected a number in [0, 1], got 1.2",
                 "--set: risk.shock_review_probability: expected a number in [0, 1], got 2",
                 "--set: minerals.mineral_price_shock: expected a number >= 0, got -1"});
  CHECK(load_errors(tiny("tiny.toml"), {"switches.herding=1"}) ==
        Messages{"--set: switches.herding: expected true or false, got 1"});
}

TEST_CASE("error: a delay factor for a corridor no site lies in", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"friction.corridor_delay_factor={DMCI = 0.5, EEC = 0}"}) ==
        Messages{"--set: friction.corridor_delay_factor.EEC: expected a number in (0, 10], got 0"});
  CHECK(load_errors(tiny("tiny.toml"), {"friction.corridor_delay_factor={DMCI = 0.5}"}) ==
        Messages{"--set: friction.corridor_delay_factor.DMCI: unknown corridor \"DMCI\"; expected the corridor of a "
                 "site in " +
                 tiny("sites.csv") + " (EEC, DMIC); did you mean DMIC?"});
  CHECK(load_errors(tiny("tiny.toml"), {"friction.corridor_delay_factor=0.5"}) ==
        Messages{"--set: friction.corridor_delay_factor: expected a table of names to numbers in (0, 10], got 0.5"});
}

TEST_CASE("error: Japan's subsidy for a home country of no firm, ending before it starts", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"japan_subsidy.home=\"Korea\"", "japan_subsidy.end_year=2019.0"}) ==
        Messages{"--set: japan_subsidy.home: expected one of population.home_countries (Japan, US, India), got "
                 "\"Korea\"",
                 "--set: japan_subsidy.end_year: expected a number >= japan_subsidy.start_year (2020.33), got 2019"});
  CHECK(load_errors(tiny("tiny.toml"), {"japan_subsidy.jpy_per_usd=0"}) ==
        Messages{"--set: japan_subsidy.jpy_per_usd: expected a number > 0, got 0"});
}

TEST_CASE("error: a misspelt bloc in Japan's subsidy's destinations", "[config][errors]") {
  CHECK(load_errors(tiny("tiny.toml"), {"japan_subsidy.destination_from={ASEAN = 2020.33, Inida = 2020.67}"}) ==
        Messages{"--set: japan_subsidy.destination_from.Inida: unknown key; did you mean "
                 "japan_subsidy.destination_from.India?"});
}

TEST_CASE("error: an event dated far after the run, a typo", "[config][errors][events]") {
  CHECK(load_errors(tiny("tiny.toml"), {"events=[{year = 20210.0, type = \"export_control\", label = \"x\", "
                                        "source = \"y\", severity = 0.5}]"}) ==
        Messages{"--set: events[0].year: expected a date in [2020, 2073], from run.start_year to 50 years after the "
                 "end of the run (2023), got 20210"});
}

TEST_CASE("error: events that are not an array of tables", "[config][errors][events]") {
  CHECK(load_errors(tiny("tiny.toml"), {"events=5"}) ==
        Messages{"--set: events: expected an array of tables ([[events]] sections), got 5"});
  CHECK(load_errors(tiny("tiny.toml"), {"events=[{year = 2021.0}, 3]"}) ==
        Messages{"--set: events: expected an array of tables ([[events]] sections), got an array"});
}

TEST_CASE("error: one of each mistake in an event", "[config][errors][events]") {
  const std::string f = broken("events.toml");
  const std::string sites = tiny("sites.csv");
  CHECK(load_errors(f) ==
        Messages{
            f + ":7: events[8].year: expected a date in [2020, 2073], from run.start_year to 50 years after the end "
                "of the run (2023), got 2019.5",
            f + ":15: events[9].type: expected tariff, single_window, leg, export_control, minerals_initiative or "
                "disruption, got \"tarif\"; did you mean tariff?",
            f + ":24: events[10].origin: unknown origin \"Vietnm\"; expected a bloc (China, ASEAN or India) or the "
                "country of a site in " +
                sites + "; did you mean Vietnam?",
            f + ":25: events[10].market: unknown market \"USA\"; expected an id from " + tiny("markets.csv") +
                "; did you mean US?",
            f + ":26: events[10].sector: unknown sector \"electronic\"; expected \"*\" or an id from " +
                tiny("sectors.csv") + "; did you mean electronics?",
            f + ":27: events[10].rate: expected a rate in [0, 5] (a fraction: 0.25 for 25 %, at most 500 %), got 7; "
                "if 7 % was meant, write 0.07",
            f + ":34: events[11].state: unknown state \"Kerala\"; expected the state of a site in " + sites +
                "; did you mean Gujarat?",
            f + ":35: events[11].enabled: expected true or false, got 1",
            f + ":44: events[12].mode: expected sea, rail or road, got \"air\"; did you mean rail?",
            f + ":54: events[13].to: expected a node other than from (\"dholera\"), got \"dholera\"",
            f + ":64: events[14].severity: expected a number in [-1, 1], got -1.5",
            f + ":71: events[15].bloc: expected China, ASEAN or India, got \"Asean\"; did you mean ASEAN?",
            f + ":72: events[15].severty: unknown key for an event of type disruption; did you mean "
                "events[15].severity?",
            f + ":80: events[16].rate: unknown key for an event of type minerals_initiative; did you mean "
                "events[16].type?",
            f + ":74: events[16].reduction: missing; expected a number in [0, 1]",
            f + ":42: events[12].from: neither \"kochi\" nor \"kochi_port\" is a node of the network; expected at "
                "least one end to be a node of " +
                tiny("legs.csv") + " or of an earlier leg event; did you mean delhi?"});
}

TEST_CASE("error: an event announced after it takes effect, or not a date", "[config][errors][events]") {
  CHECK(load_errors(tiny("tiny.toml"), {"events=[{year = 2021.0, announced = 2021.5, type = \"export_control\", "
                                        "label = \"x\", source = \"y\", severity = 0.5}]"}) ==
        Messages{"--set: events[0].announced: expected a date no later than the event's year (2021), got 2021.5"});
  CHECK(load_errors(tiny("tiny.toml"), {"events=[{year = 2021.0, announced = \"Apr 2021\", type = \"export_control\", "
                                        "label = \"x\", source = \"y\", severity = 0.5}]"}) ==
        Messages{"--set: events[0].announced: expected a finite number, got \"Apr 2021\""});
  CHECK(load_errors(tiny("tiny.toml"), {"events=[{year = 2021.0, announced = 202.1, type = \"export_control\", "
                                        "label = \"x\", source = \"y\", severity = 0.5}]"}) ==
        Messages{"--set: events[0].announced: expected a date in [1970, 2021], from 50 years before run.start_year "
                 "to the event's year, got 202.1"});
}

TEST_CASE("error: an announcement after the effective date is located at its line", "[config][errors][events]") {
  const std::string f = broken("announced_after_year.toml");
  CHECK(load_errors(f) == Messages{f + ":7: events[8].announced: expected a date no later than the event's year "
                                       "(2021), got 2021.25"});
}
