// Defined outcomes computed on the tiny model, each against the same number
// recomputed by hand from the run's StepRecords.
#include <catch2/catch.hpp>
#include <tbb/global_control.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstring>

#include "../engine/capture.hpp"
#include "../engine/tiny_spec.hpp"
#include "observer_pair.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

using namespace relocsim;
using namespace relocsim::sweep;

namespace {

using test::Capture;

std::vector<OutcomeDefinition> definitions(const std::string& text) {
  const toml::table root = toml::parse(text, std::string_view("o.toml"));
  return read_outcome_section(root, "o.toml");
}

struct Result {
  std::vector<StepRecord> records;
  std::vector<double> values;
};

Result run(const ModelSpec& spec, const std::string& text, int threads = 2) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto defs = definitions(text);
  check_outcome_definitions(defs, spec);
  Simulation sim(spec);
  Capture capture;
  DefinedOutcomeObserver defined(defs, spec);
  ObserverPair both(capture, defined);
  sim.run(both);
  return {capture.records, defined.values()};
}

// The record a date names: equal to it, or the last before it.
const StepRecord& at(const Result& r, double date) {
  const StepRecord* found = nullptr;
  for (const auto& rec : r.records) {
    if (rec.year <= date + 1e-9) found = &rec;
  }
  REQUIRE(found != nullptr);
  return *found;
}

std::size_t index_of(const std::vector<std::string>& ids, const std::string& id) {
  const auto it = std::find(ids.begin(), ids.end(), id);
  REQUIRE(it != ids.end());
  return static_cast<std::size_t>(it - ids.begin());
}

// Capacity of a bloc's sites in a sector, from the record itself.
double bloc_capacity(const ModelSpec& spec, const StepRecord& r, Bloc bloc, std::size_t sector) {
  const std::size_t K = spec.sectors.size();
  double s = 0;
  for (std::size_t i = 0; i < spec.sites.size(); ++i) {
    if (spec.sites[i].bloc == bloc) s += r.capacity[i * K + sector];
  }
  return s;
}

}  // namespace

TEST_CASE("sales split each site's capacity by market and sum back to it", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec();
  const Result r = run(spec, "");
  const std::size_t S = spec.sites.size(), K = spec.sectors.size(), M = spec.markets.size();
  double total = 0;
  for (const auto& rec : r.records) {
    REQUIRE(rec.sales.size() == S * K * M);
    for (std::size_t c = 0; c < S * K; ++c) {
      double over_markets = 0;
      for (std::size_t m = 0; m < M; ++m) {
        CHECK(rec.sales[c * M + m] >= 0);
        over_markets += rec.sales[c * M + m];
      }
      // The mix is stored in float and sums to 1 within float rounding.
      CHECK(over_markets == Approx(rec.capacity[c]).epsilon(1e-6).margin(1e-9));
      total += over_markets;
    }
  }
  CHECK(total > 0);
}

TEST_CASE("value, sum and mean of a site variable over blocs, sectors and windows", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec();
  const Result r = run(spec, R"(
[[outcome]]
name = "india_electronics"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
reduce = "value"
date = 2022.0

[[outcome]]
name = "india_electronics_between"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
reduce = "value"
date = 2022.1

[[outcome]]
name = "mean_fy"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
reduce = "mean"
window = [2021.25, 2022.25]
scale = 8.3

[[outcome]]
name = "sum_by_date"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
reduce = "sum"
window = [2021-03-31, 2022-03-31]
)");
  const double at_2022 = bloc_capacity(spec, at(r, 2022.0), Bloc::India, 0);
  CHECK(at_2022 > 0);
  CHECK(r.values[0] == at_2022);
  CHECK(r.values[1] == at_2022);  // 2022.1 falls between records: the one before
  double sum = 0;
  int n = 0;
  for (const auto& rec : r.records) {
    if (rec.year > 2021.25 + 1e-9 && rec.year <= 2022.25 + 1e-9) {
      sum += bloc_capacity(spec, rec, Bloc::India, 0);
      ++n;
    }
  }
  CHECK(n == spec.run.steps_per_year);
  CHECK(r.values[2] == Approx(8.3 * sum / n).epsilon(1e-12));
  CHECK(r.values[3] == Approx(sum).epsilon(1e-12));  // the same window, given as dates
}

TEST_CASE("sales abroad, by market, and a share of a market's sales", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec();
  const Result r = run(spec, R"(
[[outcome]]
name = "india_exports"
variable = "sales"
blocs = ["India"]
markets = "abroad"
reduce = "value"
date = 2023.0

[[outcome]]
name = "china_share_of_us"
variable = "sales"
blocs = ["China"]
markets = ["US"]
reduce = "share"
date = 2023.0

[[outcome]]
name = "dmic_pharma_share_of_india"
variable = "capacity"
corridors = ["DMIC"]
sectors = ["pharma"]
reduce = "share"
of_blocs = ["India"]
date = 2024.0
)");
  const std::size_t K = spec.sectors.size(), M = spec.markets.size();
  std::vector<std::string> markets;
  for (const auto& m : spec.markets) markets.push_back(m.id);
  const std::size_t us = index_of(markets, "US"), india = index_of(markets, "India");
  const StepRecord& rec = at(r, 2023.0);
  double exports = 0, china_us = 0, all_us = 0;
  for (std::size_t s = 0; s < spec.sites.size(); ++s) {
    for (std::size_t k = 0; k < K; ++k) {
      const double* sales = &rec.sales[(s * K + k) * M];
      if (spec.sites[s].bloc == Bloc::India) {
        for (std::size_t m = 0; m < M; ++m) exports += m == india ? 0 : sales[m];
      }
      if (spec.sites[s].bloc == Bloc::China) china_us += sales[us];
      all_us += sales[us];
    }
  }
  CHECK(exports > 0);
  CHECK(r.values[0] == Approx(exports).epsilon(1e-12));
  CHECK(r.values[1] == Approx(china_us / all_us).epsilon(1e-12));
  CHECK(r.values[1] > 0);
  CHECK(r.values[1] < 1);

  const StepRecord& end = at(r, 2024.0);
  std::vector<std::string> sites;
  for (const auto& s : spec.sites) sites.push_back(s.id);
  const double dmic = end.capacity[index_of(sites, "in_dmic") * K + 1];
  const double india_pharma = bloc_capacity(spec, end, Bloc::India, 1);
  CHECK(r.values[2] == Approx(dmic / india_pharma).epsilon(1e-12));
}

TEST_CASE("change, growth and ratio; sector, bloc and scalar variables", "[defined_outcomes]") {
  ModelSpec spec = test::tiny_spec();
  const Result r = run(spec, R"(
[[outcome]]
name = "cap_start"
variable = "capacity"
blocs = ["India"]
reduce = "value"
date = 2020.0

[[outcome]]
name = "cap_change"
variable = "capacity"
blocs = ["India"]
reduce = "change"
window = [2020.0, 2024.0]

[[outcome]]
name = "cap_growth"
variable = "capacity"
blocs = ["India"]
reduce = "growth"
window = [2020.0, 2024.0]

[[outcome]]
name = "change_per_start"
reduce = "ratio"
numerator = "cap_change"
denominator = "cap_start"

[[outcome]]
name = "pli_paid_2021"
variable = "pli_paid"
reduce = "sum"
window = [2021.0, 2022.0]

[[outcome]]
name = "pli_cumulative_end"
variable = "pli_paid_cumulative"
sectors = ["electronics"]
reduce = "value"
date = 2024.0

[[outcome]]
name = "china_share"
variable = "capacity_share"
blocs = ["China"]
sectors = ["pharma"]
reduce = "value"
date = 2023.5

[[outcome]]
name = "japan_paid"
variable = "japan_subsidy_paid"
reduce = "sum"
window = [2020.0, 2024.0]

[[outcome]]
name = "moves_into_india"
variable = "moves_completed"
blocs = ["India"]
reduce = "sum"
window = [2020.0, 2024.0]

[[outcome]]
name = "zero"
variable = "capacity"
sites = ["vn_b"]
sectors = ["pharma"]
reduce = "value"
date = 2020.0

[[outcome]]
name = "over_zero"
reduce = "ratio"
numerator = "cap_start"
denominator = "zero"
)");
  const double start = bloc_capacity(spec, at(r, 2020.0), Bloc::India, 0) +
                       bloc_capacity(spec, at(r, 2020.0), Bloc::India, 1);
  const double end = bloc_capacity(spec, at(r, 2024.0), Bloc::India, 0) +
                     bloc_capacity(spec, at(r, 2024.0), Bloc::India, 1);
  CHECK(r.values[0] == Approx(start).epsilon(1e-12));
  CHECK(r.values[1] == Approx(end - start).epsilon(1e-12));
  CHECK(r.values[2] == Approx(end / start - 1).epsilon(1e-12));
  CHECK(r.values[3] == Approx((end - start) / start).epsilon(1e-12));

  double pli = 0, japan = 0, moves = 0;
  for (const auto& rec : r.records) {
    if (rec.year > 2021.0 + 1e-9 && rec.year <= 2022.0 + 1e-9) {
      for (double p : rec.pli_paid) pli += p;
    }
    if (rec.year > 2020.0 + 1e-9) {
      japan += rec.japan_subsidy_paid;
      for (std::size_t s = 0; s < spec.sites.size(); ++s) {
        if (spec.sites[s].bloc == Bloc::India) moves += rec.moves_completed[s];
      }
    }
  }
  CHECK(r.values[4] == Approx(pli).epsilon(1e-12));
  CHECK(r.values[5] == at(r, 2024.0).pli_paid_cumulative[0]);
  const std::size_t K = spec.sectors.size();
  CHECK(r.values[6] == at(r, 2023.5).capacity_share[static_cast<std::size_t>(Bloc::China) * K + 1]);
  CHECK(r.values[7] == Approx(japan).epsilon(1e-12));
  CHECK(r.values[8] == moves);
  CHECK(r.values[9] == 0);  // vn_b has no initial weight: nothing there at the start
  CHECK(std::isnan(r.values[10]));  // a ratio over zero is undefined
}

TEST_CASE("defined outcomes are identical on one thread and on two", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec();
  const std::string text = R"(
[[outcome]]
name = "exports"
variable = "sales"
markets = "abroad"
reduce = "mean"
window = [2021.0, 2024.0]

[[outcome]]
name = "jobs"
variable = "employment"
reduce = "change"
window = [2020.0, 2024.0]
)";
  const Result one = run(spec, text, 1), two = run(spec, text, 2);
  REQUIRE(one.values.size() == 2);
  CHECK(std::memcmp(one.values.data(), two.values.data(), 2 * sizeof(double)) == 0);
  for (std::size_t i = 0; i < one.records.size(); ++i) CHECK(one.records[i].sales == two.records[i].sales);
}

TEST_CASE("a TOML date is the end of that day", "[defined_outcomes]") {
  CHECK(decimal_year(2023, 3, 31) == 2023.25);
  CHECK(decimal_year(2023, 12, 31) == 2024.0);
  CHECK(decimal_year(2024, 2, 29) == Approx(2024 + 2.0 / 12));
  CHECK(decimal_year(2023, 4, 15) == Approx(2023 + (3 + 15.0 / 30) / 12));
}

TEST_CASE("values exist only once the run has ended", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec();
  const auto defs = definitions("[[outcome]]\nname = \"a\"\nvariable = \"capacity\"\nreduce = \"value\"\ndate = 2021.0\n");
  DefinedOutcomeObserver observer(defs, spec);
  CHECK_THROWS_WITH(observer.values(), "defined outcomes: the run ended after 0 of 17 records");
}

TEST_CASE("a ratio of outcomes not defined before it is an error, not a guess", "[defined_outcomes]") {
  const ModelSpec spec = test::tiny_spec(100);
  // Read with its parts, then given without them, as a caller that builds
  // its own list might.
  const std::string part = "variable = \"capacity\"\nreduce = \"value\"\ndate = 2021.0\n";
  const auto all = definitions("[[outcome]]\nname = \"a\"\n" + part + "[[outcome]]\nname = \"b\"\n" + part +
                               "[[outcome]]\nname = \"r\"\nreduce = \"ratio\"\nnumerator = \"a\"\n"
                               "denominator = \"b\"\n");
  DefinedOutcomeObserver observer({all.back()}, spec);
  Simulation sim(spec);
  sim.run(observer);
  // Compared as a view: copying the message (CHECK_THROWS_WITH does) trips
  // GCC 12's false -Wrestrict warning here.
  bool threw = false;
  try {
    (void)observer.values();
  } catch (const Error& e) {
    threw = true;
    CHECK(std::string_view(e.what()) == "defined outcome r: a ratio of 'a' and 'b', which are not both defined before it");
  }
  CHECK(threw);
}

TEST_CASE("defined outcomes ask the run for the sales and unit costs they read, and only those",
          "[defined_outcomes][record_parts]") {
  const ModelSpec spec = test::tiny_spec();
  const std::string text = R"(
[[outcome]]
name = "india_exports"
variable = "sales"
blocs = ["India"]
markets = "abroad"
reduce = "sum"
window = [2021.0, 2024.0]

[[outcome]]
name = "china_unit_cost"
variable = "mean_unit_cost"
blocs = ["China"]
sectors = ["electronics"]
reduce = "mean"
window = [2021.0, 2024.0]

[[outcome]]
name = "india_capacity"
variable = "capacity"
blocs = ["India"]
reduce = "value"
date = 2024.0
)";
  const auto defs = definitions(text);
  check_outcome_definitions(defs, spec);
  // Watched by the definitions alone, the run computes what they ask for; with
  // a second observer that reads everything, every part is computed. The
  // values must be the same to the bit.
  DefinedOutcomeObserver alone(defs, spec);
  CHECK(alone.wants().sales);
  CHECK(alone.wants().mean_unit_cost);
  Simulation(spec).run(alone);
  const Result full = run(spec, text);
  REQUIRE(full.values.size() == 3);
  CHECK(alone.values() == full.values);
  CHECK(full.values[0] > 0);
  CHECK(std::isfinite(full.values[1]));

  const std::vector<OutcomeDefinition> capacity_only(defs.begin() + 2, defs.end());
  const DefinedOutcomeObserver capacity(capacity_only, spec);
  CHECK_FALSE(capacity.wants().sales);
  CHECK_FALSE(capacity.wants().mean_unit_cost);
}
