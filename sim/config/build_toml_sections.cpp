#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "build_spec.hpp"

namespace relocsim::config {
namespace {

constexpr double kShareTolerance = 1e-6;  // as in check_spec

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

}  // namespace

void build_run(TomlReader& toml, RunSpec& run) {
  set(run.start_year, toml.number("run.start_year", Range::any()));
  set(run.steps, small_int(toml, "run.steps", Range::above(0)));
  set(run.steps_per_year, small_int(toml, "run.steps_per_year", Range::above(0)));
  if (const auto seed = toml.integer("run.seed", Range::at_least(0))) run.seed = static_cast<std::uint64_t>(*seed);
  set(run.choice_log_every, small_int(toml, "output.choice_log_every", Range::at_least(0)));
}

void build_population(TomlReader& toml, PopulationSpec& p) {
  set(p.n_firms, small_int(toml, "population.n_firms", Range::above(0)));
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
  const auto shares = toml.numbers("population.home_shares", Range::closed(0, 1), false);
  if (shares) {
    p.home_shares = *shares;
    double sum = 0;
    for (double s : *shares) sum += s;
    if (homes && shares->size() != homes->size()) {
      toml.reject("population.home_shares",
                  fmt::format("expected one share per home country ({}), got {}", homes->size(), shares->size()));
    } else if (std::abs(sum - 1) > kShareTolerance) {
      toml.reject("population.home_shares", fmt::format("expected shares that sum to 1, got a sum of {}", sum));
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
  const auto size_max = toml.number("population.size_max", Range::above(0));
  if (size_max && size_min && *size_max < *size_min) {
    toml.reject("population.size_max", fmt::format("expected a number >= population.size_min ({}), got {}",
                                                   format_number(*size_min), format_number(*size_max)));
  }
  set(p.size_max, size_max);
  set(p.productivity_sd, toml.number("population.productivity_sd", Range::at_least(0)));
  set(p.mix_concentration, toml.number("population.mix_concentration", Range::above(0)));
  set(p.supply_links, small_int(toml, "population.supply_links", Range::at_least(0)));
}

void build_params(TomlReader& toml, Params& b) {
  set(b.horizon_years, toml.number("behaviour.horizon_years", Range::above(0)));
  set(b.discount_rate, toml.number("behaviour.discount_rate", Range::above(0)));
  set(b.logit_scale, toml.number("behaviour.logit_scale", Range::above(0)));
  set(b.nest_lambda, toml.by_bloc("behaviour.nest_lambda", Range::open_closed(0, 1)));
  set(b.review_probability, toml.number("behaviour.review_probability", Range::closed(0, 1)));
  set(b.add_share, toml.number("behaviour.add_share", Range::open(0, 1)));
  const auto ra_min = toml.number("behaviour.risk_aversion_min", Range::at_least(0));
  const auto ra_max = toml.number("behaviour.risk_aversion_max", Range::at_least(0));
  if (ra_min && ra_max && *ra_max < *ra_min) {
    toml.reject("behaviour.risk_aversion_max",
                fmt::format("expected a number >= behaviour.risk_aversion_min ({}), got {}", format_number(*ra_min),
                            format_number(*ra_max)));
  }
  set(b.risk_aversion_min, ra_min);
  set(b.risk_aversion_max, ra_max);

  set(b.time_cost_per_day, toml.number("costs.time_cost_per_day", Range::at_least(0)));
  set(b.wage_pressure, toml.number("costs.wage_pressure", Range::at_least(0)));
  set(b.input_markup, toml.by_bloc("costs.input_markup", Range::at_least(0)));

  set(b.single_window_factor, toml.number("friction.single_window_factor", Range::open_closed(0, 1)));

  set(b.hazard, toml.by_bloc("risk.hazard", Range::closed(0, 1)));
  set(b.disruption_loss, toml.by_bloc("risk.disruption_loss", Range::closed(0, 1)));

  set(b.pli_enabled, toml.boolean("switches.pli"));
  set(b.wage_feedback, toml.boolean("switches.wage_feedback"));
  set(b.supplier_proximity, toml.boolean("switches.supplier_proximity"));
  set(b.approval_delays, toml.boolean("switches.approval_delays"));
  set(b.abandonment, toml.boolean("switches.abandonment"));
}

}  // namespace relocsim::config
