#include "relocsim/engine/beliefs.hpp"

#include <algorithm>

namespace relocsim {

Beliefs::Beliefs(const ModelSpec& spec) : spec_(spec), excess_(spec.sectors.size() * kNumBlocs, 0.0) {}

void Beliefs::fade() {
  for (double& x : excess_) x *= spec_.params.belief_persistence;
}

void Beliefs::disruption(int bloc, double severity) {
  for (std::size_t k = 0; k < spec_.sectors.size(); ++k) excess_[k * kNumBlocs + bloc] += spec_.params.belief_jump * severity;
}

void Beliefs::export_control(double severity) {
  // Easing (negative severity) does not undo the lesson: beliefs only fade.
  if (severity <= 0) return;
  for (std::size_t k = 0; k < spec_.sectors.size(); ++k)
    excess_[k * kNumBlocs + static_cast<int>(Bloc::China)] +=
        spec_.params.export_control_belief_jump * severity * spec_.sectors[k].mineral_dependence;
}

double Beliefs::hazard(int sector, int bloc) const {
  return std::clamp(spec_.params.hazard[bloc] + excess_[static_cast<std::size_t>(sector) * kNumBlocs + bloc], 0.0, 1.0);
}

}  // namespace relocsim
