#include "relocsim/engine/learning.hpp"

#include <cmath>

namespace relocsim {

Learning::Learning(const ModelSpec& spec)
    : elasticity_(spec.params.learning_elasticity),
      reference_(spec.params.learning_reference),
      prior_years_(spec.params.learning_prior_years),
      enabled_(spec.params.learning && spec.params.learning_elasticity > 0),
      experience_(spec.sites.size() * spec.sectors.size(), spec.params.learning_reference),
      cumulative_(experience_.size(), 0.0),
      factor_(experience_.size(), 1.0) {}

void Learning::set_initial_output(const std::vector<double>& capacity) {
  for (std::size_t i = 0; i < experience_.size(); ++i) experience_[i] = reference_ + prior_years_ * capacity[i];
}

void Learning::add_output(const std::vector<double>& capacity, double years) {
  if (!enabled_) return;
  for (std::size_t i = 0; i < cumulative_.size(); ++i) {
    cumulative_[i] += capacity[i] * years;
    factor_[i] = std::pow(1 + cumulative_[i] / experience_[i], elasticity_);
  }
}

}  // namespace relocsim
