#include "relocsim/engine/learning.hpp"

#include <cmath>

namespace relocsim {

Learning::Learning(const ModelSpec& spec)
    : elasticity_(spec.params.learning_elasticity),
      reference_(spec.params.learning_reference),
      enabled_(spec.params.learning && spec.params.learning_elasticity > 0),
      cumulative_(spec.sites.size() * spec.sectors.size(), 0.0),
      factor_(cumulative_.size(), 1.0) {}

void Learning::add_output(const std::vector<double>& capacity, double years) {
  if (!enabled_) return;
  for (std::size_t i = 0; i < cumulative_.size(); ++i) {
    cumulative_[i] += capacity[i] * years;
    factor_[i] = std::pow(1 + cumulative_[i] / reference_, elasticity_);
  }
}

}  // namespace relocsim
