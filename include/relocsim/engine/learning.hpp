#pragma once
// Learning by doing: a sector's productivity at a site rises with its
// cumulative output there since the start,
//   factor = (1 + cumulative output / learning_reference)^learning_elasticity.
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

class Learning {
 public:
  explicit Learning(const ModelSpec& spec);
  // Adds a step's output (capacity [site][sector] times the step's length in years).
  void add_output(const std::vector<double>& capacity, double years);
  [[nodiscard]] const std::vector<double>& factor() const { return factor_; }  // [site][sector]

 private:
  double elasticity_, reference_;
  bool enabled_;
  std::vector<double> cumulative_, factor_;
};

}  // namespace relocsim
