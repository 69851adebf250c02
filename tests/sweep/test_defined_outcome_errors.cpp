// Every way an [[outcome]] can be wrong, and the located message it gets.
#include <catch2/catch.hpp>
#include <toml++/toml.h>

#include "../engine/tiny_spec.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

using namespace relocsim;
using namespace relocsim::sweep;

namespace {

using Messages = std::vector<std::string>;

Messages messages(const config::ConfigErrors& e) {
  Messages out;
  for (const auto& err : e.errors()) out.emplace_back(err.what());
  return out;
}

// Errors of reading the text; with `check`, also of checking it against the tiny model.
Messages errors_of(const std::string& text, bool check = false, const std::vector<std::string>& reserved = {}) {
  try {
    const toml::table root = toml::parse(text, std::string_view("o.toml"));
    const auto defs = read_outcome_section(root, "o.toml", reserved);
    if (check) check_outcome_definitions(defs, test::tiny_spec());
  } catch (const config::ConfigErrors& e) {
    return messages(e);
  }
  return {};
}

// One outcome: a valid value of India's capacity, with `extra` lines added.
std::string one(const std::string& extra, const std::string& base = "name = \"x\"\nvariable = \"capacity\"\nreduce = "
                                                                   "\"value\"\ndate = 2021.0\n") {
  return "[[outcome]]\n" + base + extra;
}

}  // namespace

TEST_CASE("a valid outcome reads and checks without errors", "[defined_outcomes]") {
  CHECK(errors_of(one(""), true).empty());
}

TEST_CASE("names: missing, malformed, reserved, twice", "[defined_outcomes]") {
  CHECK(errors_of("[[outcome]]\nvariable = \"capacity\"\nreduce = \"value\"\ndate = 2021.0\n") ==
        Messages{"o.toml:1: outcome[0].name: missing; expected name = \"...\" (letters, digits and _)"});
  CHECK(errors_of(one("", "name = \"2x\"\nvariable = \"capacity\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:2: outcome[0].name: expected a name of letters, digits and _ not starting with a digit (as "
                 "h5py, pandas and R take it), got \"2x\""});
  CHECK(errors_of(one(""), false, {"x"}) ==
        Messages{"o.toml:1: outcome[0].name: 'x' is taken by a built-in output; choose another name"});
  CHECK(errors_of(one("") + one("")) == Messages{"o.toml:6: outcome[1].name: outcome 'x' defined twice (also at line 1)"});
  CHECK(errors_of("outcome = 1\n") == Messages{"o.toml:1: outcome: expected [[outcome]] entries (an array of tables)"});
  const toml::table mixed = toml::parse("outcome = [1]\n", std::string_view("o.toml"));
  try {
    read_outcome_definitions(*mixed.get_as<toml::array>("outcome"), "o.toml");
    FAIL("no error");
  } catch (const config::ConfigErrors& e) {
    CHECK(messages(e) == Messages{"o.toml:1: outcome[0]: expected a table, got 1"});
  }
}

TEST_CASE("reductions and variables: missing, unknown, misplaced", "[defined_outcomes]") {
  CHECK(errors_of("[[outcome]]\nname = \"x\"\nvariable = \"capacity\"\ndate = 2021.0\n") ==
        Messages{"o.toml:1: outcome[0].reduce: missing; expected one of value, sum, mean, change, growth, share, ratio"});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"meen\"\n")) ==
        Messages{"o.toml:4: outcome[0].reduce: unknown reduction 'meen'; expected one of value, sum, mean, change, "
                 "growth, share, ratio; did you mean mean?"});
  CHECK(errors_of(one("", "name = \"x\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:1: outcome[0].variable: missing; expected the name of a recorded variable, e.g. variable = "
                 "\"capacity\""});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capasity\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:3: outcome[0].variable: unknown variable 'capasity'; did you mean capacity?; see "
                 "docs/SWEEP.md, \"Defined outcomes\""});
  CHECK(errors_of(one("") + one("variable = \"capacity\"\n", "name = \"y\"\nreduce = \"ratio\"\nnumerator = \"x\"\n"
                                                          "denominator = \"x\"\n")) ==
        Messages{"o.toml:11: outcome[1].variable: a ratio divides two outcomes named by numerator and denominator; "
                 "remove variable"});
  CHECK(errors_of(one("scale = \"big\"\n")) ==
        Messages{"o.toml:6: outcome[0].scale: expected a finite number, got \"big\""});
  CHECK(errors_of(one("sector = [\"pharma\"]\n")) ==
        Messages{"o.toml:6: outcome[0].sector: unknown key; did you mean sectors?"});
  CHECK(errors_of(one("units = 3\n")) ==
        Messages{"o.toml:6: outcome[0].units: expected a non-empty string, got 3"});
}

TEST_CASE("selections: types, home countries, what each variable's dimensions allow", "[defined_outcomes]") {
  CHECK(errors_of(one("blocs = \"India\"\n")) ==
        Messages{"o.toml:6: outcome[0].blocs: expected a non-empty array of names, got \"India\""});
  CHECK(errors_of(one("sectors = []\n")) ==
        Messages{"o.toml:6: outcome[0].sectors: expected a non-empty array of names, got []"});
  CHECK(errors_of(one("markets = \"foreign\"\n",
                      "name = \"x\"\nvariable = \"sales\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:6: outcome[0].markets: expected a non-empty array of names or \"abroad\", got \"foreign\""});
  CHECK(errors_of(one("homes = [\"Japan\"]\n")) ==
        Messages{"o.toml:6: outcome[0].homes: selection by home country is not available for step variables: a run "
                 "records them by site, sector and market, not by the firms' home country; remove homes"});
  CHECK(errors_of(one("markets = [\"US\"]\n")) ==
        Messages{"o.toml:6: outcome[0].markets: variable capacity is step × site × sector: markets apply to variable "
                 "= \"sales\" only"});
  CHECK(errors_of(one("sectors = [\"pharma\"]\n",
                      "name = \"x\"\nvariable = \"japan_subsidy_paid\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:6: outcome[0].sectors: variable japan_subsidy_paid is step: it has no sector to select"});
  CHECK(errors_of(one("blocs = [\"India\"]\n",
                      "name = \"x\"\nvariable = \"pli_paid\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:6: outcome[0].blocs: variable pli_paid is step × sector: it has no site or bloc to select"});
  CHECK(errors_of(one("sites = [\"in_a\"]\n",
                      "name = \"x\"\nvariable = \"capacity_share\"\nreduce = \"value\"\ndate = 2021.0\n")) ==
        Messages{"o.toml:6: outcome[0].sites: variable capacity_share is step × bloc × sector; select blocs, not "
                 "sites"});
  CHECK(errors_of(one("of_blocs = [\"India\"]\n")) ==
        Messages{"o.toml:6: outcome[0].of_blocs: applies to reduce = \"share\" only"});
  CHECK(errors_of(one("") + one("blocs = [\"India\"]\n", "name = \"y\"\nreduce = \"ratio\"\nnumerator = \"x\"\n"
                                                       "denominator = \"x\"\n")) ==
        Messages{"o.toml:11: outcome[1].blocs: a ratio takes no selection; select in the outcomes it divides"});
}

TEST_CASE("dates and windows: what each reduction needs", "[defined_outcomes]") {
  const std::string mean = "name = \"x\"\nvariable = \"capacity\"\nreduce = \"mean\"\n";
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"value\"\n")) ==
        Messages{"o.toml:1: outcome[0].date: missing; reduce = \"value\" needs a date"});
  CHECK(errors_of(one("", mean)) == Messages{"o.toml:1: outcome[0].window: missing; reduce = \"mean\" needs window = "
                                             "[from, to]"});
  CHECK(errors_of(one("window = [2021.0, 2022.0]\ndate = 2021.0\n", mean)) ==
        Messages{"o.toml:6: outcome[0].date: applies to reduce = \"value\" or \"share\", not \"mean\"; give window = "
                 "[from, to]"});
  CHECK(errors_of(one("window = [2021.0, 2022.0]\n")) ==
        Messages{"o.toml:6: outcome[0].window: applies to reduce = \"sum\", \"mean\", \"change\" or \"growth\", not "
                 "\"value\"; give date"});
  CHECK(errors_of(one("window = [2021.0]\n", mean)) ==
        Messages{"o.toml:5: outcome[0].window: expected [from, to], two dates or decimal years, got [2021.0]"});
  CHECK(errors_of(one("window = [2022.0, 2021.0]\n", mean)) ==
        Messages{"o.toml:5: outcome[0].window: expected from < to, got 2022 to 2021"});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"value\"\ndate = \"2021\"\n")) ==
        Messages{"o.toml:5: outcome[0].date: expected a decimal year (2023.25) or a date (2023-03-31), got \"2021\""});
}

TEST_CASE("ratios: their parts are named and come first", "[defined_outcomes]") {
  const std::string ratio = "name = \"r\"\nreduce = \"ratio\"\n";
  CHECK(errors_of(one("", ratio)) ==
        Messages{"o.toml:1: outcome[0].numerator: missing; reduce = \"ratio\" needs numerator and denominator, names "
                 "of outcomes defined before this one",
                 "o.toml:1: outcome[0].denominator: missing; reduce = \"ratio\" needs numerator and denominator, names "
                 "of outcomes defined before this one"});
  CHECK(errors_of(one("") + one("numerator = \"total_sales\"\ndenominator = \"X\"\n", ratio)) ==
        Messages{"o.toml:9: outcome[1].numerator: no outcome named 'total_sales' is defined before this one; did you mean x?",
                 "o.toml:10: outcome[1].denominator: no outcome named 'X' is defined before this one; did you mean x?"});
  CHECK(errors_of(one("numerator = \"x\"\n")) ==
        Messages{"o.toml:6: outcome[0].numerator: applies to reduce = \"ratio\" only"});
}

TEST_CASE("against the scenario: names it lacks, empty selections, dates outside the run", "[defined_outcomes]") {
  CHECK(errors_of(one("blocs = [\"Inida\"]\n"), true) ==
        Messages{"o.toml:1: outcome[0].blocs: unknown bloc 'Inida'; did you mean India?; the scenario has China, ASEAN, "
                 "India"});
  CHECK(errors_of(one("sites = [\"in_dmc\"]\nsectors = [\"farma\"]\n"), true) ==
        Messages{"o.toml:1: outcome[0].sites: unknown site 'in_dmc'; did you mean in_dmic?; the scenario has cn_a, cn_b, "
                 "vn_a, vn_b, in_a, in_dmic",
                 "o.toml:1: outcome[0].sectors: unknown sector 'farma'; did you mean pharma?; the scenario has "
                 "electronics, pharma"});
  CHECK(errors_of(one("corridors = [\"DMCI\"]\n"), true) ==
        Messages{"o.toml:1: outcome[0].corridors: unknown corridor 'DMCI'; did you mean DMIC?; the scenario has DMIC"});
  CHECK(errors_of(one("markets = [\"EU\"]\n", "name = \"x\"\nvariable = \"sales\"\nreduce = \"value\"\n"
                                             "date = 2021.0\n"),
                  true) == Messages{"o.toml:1: outcome[0].markets: unknown market 'EU'; did you mean US?; the "
                                    "scenario has US, India"});
  CHECK(errors_of(one("blocs = [\"China\"]\ncorridors = [\"DMIC\"]\n"), true) ==
        Messages{"o.toml:1: outcome[0].corridors: the selection takes nothing of capacity: no element passes every "
                 "list given"});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"value\"\ndate = 2030.0\n"), true) ==
        Messages{"o.toml:1: outcome[0].date: 2030 is outside the run: its records are from 2020 to 2024, 4 a year"});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"growth\"\nwindow = [2019.0, 2021.0]\n"),
                  true) ==
        Messages{"o.toml:1: outcome[0].window: 2019 is outside the run: its records are from 2020 to 2024, 4 a year"});
  CHECK(errors_of(one("", "name = \"x\"\nvariable = \"capacity\"\nreduce = \"sum\"\nwindow = [2021.0, 2021.1]\n"),
                  true) == Messages{"o.toml:1: outcome[0].window: no record falls in (2021, 2021.1]: the records are "
                                    "from 2020 to 2024, 4 a year"});
}

// The calibration command builds definitions of its own: without a key from
// a file, an error names the outcome.
TEST_CASE("a definition not read from [[outcome]] is named by its name in errors", "[defined_outcomes]") {
  OutcomeDefinition d;
  d.name = "india_output";
  d.variable = "capacity";
  d.blocs = {"Inida"};
  d.date = 2021.0;
  d.file = "moments.toml";
  d.line = 4;
  try {
    check_outcome_definitions({d}, test::tiny_spec());
    FAIL("no error");
  } catch (const config::ConfigErrors& e) {
    CHECK(messages(e) == Messages{"moments.toml:4: india_output.blocs: unknown bloc 'Inida'; did you mean India?; the "
                                  "scenario has China, ASEAN, India"});
  }
}
