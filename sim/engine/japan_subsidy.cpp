#include "relocsim/engine/japan_subsidy.hpp"

#include <algorithm>

namespace relocsim {

JapanSubsidy::JapanSubsidy(const ModelSpec& spec)
    : spec_(spec.params.japan_subsidy),
      enabled_(spec.params.japan_subsidy_enabled && spec.params.japan_subsidy.share > 0),
      remaining_(spec.params.japan_subsidy.budget) {
  const auto& homes = spec.population.home_countries;
  const auto it = std::find(homes.begin(), homes.end(), spec_.home);
  if (it != homes.end()) home_ = static_cast<int>(it - homes.begin());
}

bool JapanSubsidy::qualifies(Bloc destination, double now) const {
  return enabled_ && home_ >= 0 && destination != Bloc::China && now >= spec_.start_year && now < spec_.end_year &&
         now >= spec_.destination_from[static_cast<int>(destination)];
}

double JapanSubsidy::expected_share(double now) const {
  if (!enabled_ || remaining_ <= 0) return 0;
  // As for the PLI: what is left over the grants expected at last step's pace
  // until applications close, capped at 1.
  const double years_left = std::max(0.0, spec_.end_year - now);
  const double expected = grants_per_year_ * years_left;
  const double lasts = expected <= 0 ? 1.0 : std::min(1.0, remaining_ / expected);
  return spec_.share * lasts;
}

double JapanSubsidy::settle(double grants, double step_years) {
  grants_per_year_ = grants / step_years;
  if (grants <= 0) return 1.0;
  const double paid = std::min(grants, remaining_);
  remaining_ -= paid;
  paid_ += paid;
  return paid / grants;
}

}  // namespace relocsim
