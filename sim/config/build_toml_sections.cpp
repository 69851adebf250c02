#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

#include "build_spec.hpp"
#include "relocsim/engine/memory_estimate.hpp"

namespace relocsim::config {
namespace {

constexpr double kShareTolerance = 1e-6;  // as in check_spec
constexpr double kMaxFirmSize = 1e9;
constexpr double kMaxRiskAversion = 1000;
constexpr double kMaxSteps = 10000;
constexpr double kMaxStepsPerYear = 365;

template <class T>
void set(T& field, const std::optional<T>& value) {
  if (value) field = *value;
}

// An int field: TOML integers are 64-bit, the spec's are not.
std::optional<int> small_int(TomlReader& toml, const std::string& key, Range range) {
  const auto value = toml.integer(key, range);
  if (!value) return std::nullopt;
  if (*value > INT_MAX) {
    toml.reject(key, fmt::format("expected {} and at most {}, got {}", range.describe(true), INT_MAX, *value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// population.n_firms: the engine numbers firms with int. A count beyond that
// is also far beyond any machine's memory, which the message says, since the
// memory check after loading never sees it.
std::optional<int> firm_count(TomlReader& toml) {
  const std::string key = "population.n_firms";
  const auto value = toml.integer(key, Range::above(0));
  if (!value) return std::nullopt;
  if (*value > INT_MAX) {
    RunSize size;
    size.firms = static_cast<std::uint64_t>(*value);
    toml.reject(key, fmt::format("expected an integer in [1, {}], got {}: so many firms would need at least {} of "
                                 "memory",
                                 INT_MAX, *value, format_bytes(memory_needed(size).total())));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

}  // namespace

bool build_run(TomlReader& toml, RunSpec& run) {
  // A calendar year: a typo such as 20200 would put every other date out of
  // the run (see check_dates) and be reported there instead of here.
  const auto start = toml.number("run.start_year", Range::closed(1900, 2200));
  // Bounded, as every size is: 2e9 steps would validate, then run for ever
  // or overflow the record count (steps + 1). kMaxSteps is 2,500 years
  // quarterly; kMaxStepsPerYear is daily steps.
  const auto steps = small_int(toml, "run.steps", Range::closed(1, kMaxSteps));
  const auto per_year = small_int(toml, "run.steps_per_year", Range::closed(1, kMaxStepsPerYear));
  set(run.start_year, start);
  set(run.steps, steps);
  set(run.steps_per_year, per_year);
  if (const auto seed = toml.integer("run.seed", Range::at_least(0))) run.seed = static_cast<std::uint64_t>(*seed);
  set(run.choice_log_every, small_int(toml, "output.choice_log_every", Range::at_least(0)));
  return start && steps && per_year;
}

void build_population(TomlReader& toml, PopulationSpec& p) {
  const auto n_firms = firm_count(toml);
  set(p.n_firms, n_firms);
  const auto homes = toml.strings("population.home_countries");
  if (homes) {
    for (std::size_t i = 0; i < homes->size(); ++i) {
      if (std::find(homes->begin(), homes->begin() + static_cast<std::ptrdiff_t>(i), (*homes)[i]) !=
          homes->begin() + static_cast<std::ptrdiff_t>(i)) {
        toml.reject("population.home_countries",
                    fmt::format("expected distinct countries, got \"{}\" twice", (*homes)[i]));
      }
    }
    p.home_countries = *homes;
  }
  // Who owns the capacity differs by where it is: one share array per bloc.
  const std::array<const char*, kNumBlocs> share_keys{"population.home_shares", "population.home_shares_asean",
                                                      "population.home_shares_india"};
  for (int b = 0; b < kNumBlocs; ++b) {
    const std::string key = share_keys[static_cast<std::size_t>(b)];
    const auto shares = toml.numbers(key, Range::closed(0, 1), false);
    if (!shares) continue;
    p.home_shares[static_cast<std::size_t>(b)] = *shares;
    double sum = 0;
    for (double s : *shares) sum += s;
    if (homes && shares->size() != homes->size()) {
      toml.reject(key, fmt::format("expected one share per home country ({}), got {}", homes->size(), shares->size()));
    } else if (std::abs(sum - 1) > kShareTolerance) {
      toml.reject(key, fmt::format("expected shares that sum to 1, got a sum of {}", format_sum(sum)));
    }
  }
  const auto domestic = toml.string("population.domestic_home");
  if (domestic) {
    p.domestic_home = *domestic;
    if (homes && std::find(homes->begin(), homes->end(), *domestic) == homes->end()) {
      toml.reject("population.domestic_home",
                  fmt::format("expected one of population.home_countries ({}), got \"{}\"",
                              fmt::join(*homes, ", "), *domestic));
    }
  }
  const auto size_min = toml.number("population.size_min", Range::above(0));
  set(p.size_min, size_min);
  set(p.size_alpha, toml.number("population.size_alpha", Range::above(0)));
  // Capacity is in USD million: 1e9 is ten times the world's output, and
  // beyond float range (where the engine keeps capacities) is not far off.
  const auto size_max = toml.number("population.size_max", Range::open_closed(0, kMaxFirmSize));
  if (size_max && size_min && *size_max < *size_min) {
    toml.reject("population.size_max", fmt::format("expected a number >= population.size_min ({}), got {}",
                                                   format_number(*size_min), format_number(*size_max)));
  }
  set(p.size_max, size_max);
  // Beyond these the engine's draws overflow or underflow into NaN (found by
  // running the engine on fuzzed configurations, tests/fuzz): a lognormal
  // with sd 20 exceeds the double range; gamma draws for a Dirichlet of
  // concentration below 1 can all underflow to 0, and above 1e6 overflow.
  set(p.productivity_sd, toml.number("population.productivity_sd", Range::closed(0, 5)));
  set(p.mix_concentration, toml.number("population.mix_concentration", Range::closed(1, 1e6)));
  const auto links = small_int(toml, "population.supply_links", Range::at_least(0));
  // The supply network numbers its links with 32-bit integers.
  constexpr std::int64_t kMaxLinks = UINT32_MAX;
  if (n_firms && links && static_cast<std::int64_t>(*n_firms) * *links > kMaxLinks) {
    toml.reject("population.supply_links",
                fmt::format("expected an integer in [0, {}] for {} firms (the supply network holds at most {} links), "
                            "got {}",
                            kMaxLinks / *n_firms, *n_firms, kMaxLinks, *links));
  } else {
    set(p.supply_links, links);
  }
}

void build_params(TomlReader& toml, Params& b) {
  set(b.horizon_years, toml.number("behaviour.horizon_years", Range::above(0)));
  set(b.discount_rate, toml.number("behaviour.discount_rate", Range::above(0)));
  set(b.logit_scale, toml.number("behaviour.logit_scale", Range::above(0)));
  set(b.nest_lambda, toml.by_bloc("behaviour.nest_lambda", Range::open_closed(0, 1)));
  set(b.review_probability, toml.number("behaviour.review_probability", Range::closed(0, 1)));
  set(b.add_share, toml.number("behaviour.add_share", Range::open(0, 1)));
  // The engine keeps risk aversion as a float; 1000 is far above any estimate.
  const auto ra_min = toml.number("behaviour.risk_aversion_min", Range::closed(0, kMaxRiskAversion));
  const auto ra_max = toml.number("behaviour.risk_aversion_max", Range::closed(0, kMaxRiskAversion));
  if (ra_min && ra_max && *ra_max < *ra_min) {
    toml.reject("behaviour.risk_aversion_max",
                fmt::format("expected a number >= behaviour.risk_aversion_min ({}), got {}", format_number(*ra_min),
                            format_number(*ra_max)));
  }
  set(b.risk_aversion_min, ra_min);
  set(b.risk_aversion_max, ra_max);
  set(b.herding_weight, toml.number("behaviour.herding_weight", Range::at_least(0)));
  set(b.herding_persistence, toml.number("behaviour.herding_persistence", Range::closed(0, 1)));

  set(b.time_cost_per_day, toml.number("costs.time_cost_per_day", Range::at_least(0)));
  set(b.wage_pressure, toml.number("costs.wage_pressure", Range::at_least(0)));
  set(b.input_markup, toml.by_bloc("costs.input_markup", Range::at_least(0)));
  set(b.agglomeration_scale, toml.number("costs.agglomeration_scale", Range::above(0)));
  set(b.learning_elasticity, toml.number("costs.learning_elasticity", Range::at_least(0)));
  set(b.learning_reference, toml.number("costs.learning_reference", Range::above(0)));
  set(b.learning_prior_years, toml.number("costs.learning_prior_years", Range::closed(0, 1000)));

  set(b.single_window_factor, toml.number("friction.single_window_factor", Range::open_closed(0, 1)));

  set(b.hazard, toml.by_bloc("risk.hazard", Range::closed(0, 1)));
  set(b.disruption_loss, toml.by_bloc("risk.disruption_loss", Range::closed(0, 1)));
  set(b.belief_jump, toml.number("risk.belief_jump", Range::at_least(0)));
  set(b.belief_persistence, toml.number("risk.belief_persistence", Range::closed(0, 1)));
  set(b.shock_review_probability, toml.number("risk.shock_review_probability", Range::closed(0, 1)));

  set(b.export_control_belief_jump, toml.number("minerals.export_control_belief_jump", Range::at_least(0)));
  set(b.mineral_price_shock, toml.number("minerals.mineral_price_shock", Range::at_least(0)));

  set(b.pli_enabled, toml.boolean("switches.pli"));
  set(b.wage_feedback, toml.boolean("switches.wage_feedback"));
  set(b.supplier_proximity, toml.boolean("switches.supplier_proximity"));
  set(b.approval_delays, toml.boolean("switches.approval_delays"));
  set(b.abandonment, toml.boolean("switches.abandonment"));
  set(b.disruptions, toml.boolean("switches.disruptions"));
  set(b.herding, toml.boolean("switches.herding"));
  set(b.agglomeration, toml.boolean("switches.agglomeration"));
  set(b.learning, toml.boolean("switches.learning"));
  set(b.japan_subsidy_enabled, toml.boolean("switches.japan_subsidy"));
  set(b.export_controls, toml.boolean("switches.export_controls"));
}

}  // namespace relocsim::config
