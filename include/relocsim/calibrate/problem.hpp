#pragma once
// A calibration made concrete: the definition, its targets matched to the
// model outcomes, the scenario loaded once (so that every key exists and
// every outcome names what the scenario has), the parameters' bounds and
// starting point, which targets fall inside the fit window, and the
// calibration's identity.
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

#include "relocsim/calibrate/calibration_spec.hpp"
#include "relocsim/calibrate/targets.hpp"
#include "relocsim/sweep/plan.hpp"

namespace relocsim::calibrate {

struct Problem {
  CalibrationSpec spec;
  std::vector<Target> targets;
  std::vector<int> target_outcome;  // [target]: index into spec.outcomes
  std::vector<int> fit;             // targets dated on or before fit_until
  std::vector<int> held_out;        // the rest: judged, never fitted
  Eigen::VectorXd lower, upper, start;  // [parameter]
  std::string scenario_resolved;    // the scenario with `set` applied, as TOML
  std::vector<sweep::InputFile> inputs;  // CALIB.toml, the targets, every file the scenario read
  std::string identity;             // 32 hex digits over what determines the results

  [[nodiscard]] int parameters() const { return static_cast<int>(spec.parameters.size()); }
  [[nodiscard]] int moments() const { return static_cast<int>(targets.size()); }
  // The overrides of one run: the definition's `set`, the parameters, the seed.
  [[nodiscard]] std::vector<std::string> overrides(const Eigen::VectorXd& theta, std::uint64_t seed) const;
  // The seed of replicate r: the same at every parameter point (common random numbers).
  [[nodiscard]] std::uint64_t seed(int replicate) const;
};

// Throws config::ConfigErrors: a parameter key the scenario lacks or that
// is not a number, an outcome the scenario cannot compute, a target naming
// an unknown outcome, no target inside the fit window, more parameters than
// the fit window's targets minus three.
Problem make_problem(CalibrationSpec spec);

}  // namespace relocsim::calibrate
