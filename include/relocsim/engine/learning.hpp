#pragma once
// Learning by doing (Wright's law): a sector's productivity at a site rises
// with its experience, the output it has made,
//   factor = (1 + cumulative output since the start / E0)^learning_elasticity,
//   E0 = learning_prior_years x the site-sector's output at the start + learning_reference,
// so each doubling of a site's experience raises productivity by the same
// factor: a young site that grows learns fast, a mature cluster slowly.
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

class Learning {
 public:
  explicit Learning(const ModelSpec& spec);
  // The experience each site-sector has at the start, from its output then
  // (capacity [site][sector], a year's worth).
  void set_initial_output(const std::vector<double>& capacity);
  // Adds a step's output (capacity [site][sector] times the step's length in years).
  void add_output(const std::vector<double>& capacity, double years);
  [[nodiscard]] const std::vector<double>& factor() const { return factor_; }  // [site][sector]

 private:
  double elasticity_, reference_, prior_years_;
  bool enabled_;
  std::vector<double> experience_, cumulative_, factor_;
};

}  // namespace relocsim
