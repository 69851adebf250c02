#pragma once
// What firms believe about each bloc's yearly hazard of a disruption, by
// sector: the configured hazard plus an excess that jumps when a disruption
// strikes (or export controls tighten, for mineral-dependent sectors) and
// fades by a constant share each step. Beliefs are common knowledge within a
// sector: news of a disruption reaches every firm at once.
#include <array>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

class Beliefs {
 public:
  explicit Beliefs(const ModelSpec& spec);
  void fade();                                   // at the start of each step
  void disruption(int bloc, double severity);    // every sector
  void export_control(double severity);          // China, by each sector's mineral dependence
  [[nodiscard]] double hazard(int sector, int bloc) const;  // in [0, 1]
  [[nodiscard]] const std::vector<double>& excess() const { return excess_; }  // [sector][bloc]

 private:
  const ModelSpec& spec_;
  std::vector<double> excess_;
};

}  // namespace relocsim
