// TOML keys whose values name entities defined elsewhere: corridors (of the
// sites) and Japan's subsidy's home country (of [population]), so they are
// read once those are known.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "build_spec.hpp"
#include "suggest.hpp"

namespace relocsim::config {
namespace {

// A JapanSubsidySpec bloc that never qualifies; see spec.hpp.
constexpr double kNever = 1e9;

void build_corridor_factors(TomlReader& toml, const Entities& entities, ModelSpec& spec) {
  const std::string key = "friction.corridor_delay_factor";
  // At most 10: a corridor that slows approvals tenfold; far beyond, delays
  // leave the engine's year arithmetic (found by fuzzing, tests/fuzz).
  const auto factors = toml.named_numbers(key, Range::open_closed(0, 10));
  if (!factors) return;
  std::vector<std::string> corridors;
  for (const auto& s : spec.sites) {
    if (!s.corridor.empty() && std::find(corridors.begin(), corridors.end(), s.corridor) == corridors.end()) {
      corridors.push_back(s.corridor);
    }
  }
  for (const auto& [corridor, factor] : *factors) {
    // A factor for a corridor no site lies in would do nothing: most likely a typo.
    if (entities.sites && std::find(corridors.begin(), corridors.end(), corridor) == corridors.end()) {
      toml.reject(key + "." + corridor,
                  fmt::format("unknown corridor \"{}\"; expected the corridor of a site in {}{}", corridor,
                              entities.sites_path,
                              corridors.empty() ? std::string(" (no site lies in a corridor)")
                                                : fmt::format(" ({}){}", fmt::join(corridors, ", "),
                                                              did_you_mean(corridor, corridors))));
      continue;
    }
    spec.params.corridor_delay_factor.emplace_back(corridor, factor);
  }
}

void build_japan_subsidy(TomlReader& toml, ModelSpec& spec) {
  JapanSubsidySpec& j = spec.params.japan_subsidy;
  const auto& homes = spec.population.home_countries;
  if (const auto home = toml.string("japan_subsidy.home")) {
    j.home = *home;
    // Empty when population.home_countries itself was unusable (reported there).
    if (!homes.empty() && std::find(homes.begin(), homes.end(), *home) == homes.end()) {
      toml.reject("japan_subsidy.home", fmt::format("expected one of population.home_countries ({}), got \"{}\"",
                                                    fmt::join(homes, ", "), *home));
    }
  }
  if (const auto share = toml.number("japan_subsidy.share", Range::closed(0, 1))) j.share = *share;
  const auto jpy_bn = toml.number("japan_subsidy.budget_jpy_bn", Range::at_least(0));
  const auto jpy_per_usd = toml.number("japan_subsidy.jpy_per_usd", Range::above(0));
  // JPY bn x 1e9 / (JPY per USD) / 1e6 = USD million.
  if (jpy_bn && jpy_per_usd) j.budget = *jpy_bn * 1000.0 / *jpy_per_usd;
  const auto start = toml.number("japan_subsidy.start_year", Range::any());
  const auto end = toml.number("japan_subsidy.end_year", Range::any());
  if (start) j.start_year = *start;
  if (end) j.end_year = *end;
  if (start && end && *end < *start) {
    toml.reject("japan_subsidy.end_year", fmt::format("expected a number >= japan_subsidy.start_year ({}), got {}",
                                                      format_number(*start), format_number(*end)));
  }
  if (const auto from = toml.some_blocs("japan_subsidy.destination_from", Range::any())) {
    for (std::size_t b = 0; b < from->size(); ++b) j.destination_from[b] = (*from)[b].value_or(kNever);
  }
}

}  // namespace

void build_policies(TomlReader& toml, const Entities& entities, ModelSpec& spec) {
  build_corridor_factors(toml, entities, spec);
  build_japan_subsidy(toml, spec);
}

}  // namespace relocsim::config
