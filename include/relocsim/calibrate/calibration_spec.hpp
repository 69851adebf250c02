#pragma once
// A calibration as the user wrote it in CALIB.toml (docs/CALIBRATE.md): the
// scenario, the parameters to fit with their bounds, the targets file and the
// fit window, the model outcomes the targets are compared with, replications,
// and the method's settings. Reading checks the file's own schema, every
// error located as file:line: key: problem; what needs the scenario (do the
// keys exist, do the outcomes' names exist) is checked by make_problem.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::calibrate {

struct FittedParameter {
  std::string key;  // a configuration key, e.g. behaviour.logit_scale
  double lower = 0, upper = 0;
  double start = std::numeric_limits<double>::quiet_NaN();  // NaN: the scenario's value
  // A normal prior adds ((theta - mean) / sd)^2 to the objective; NaN: none.
  double prior_mean = std::numeric_limits<double>::quiet_NaN();
  double prior_sd = std::numeric_limits<double>::quiet_NaN();
  std::string unit, description;
  int line = 0;
};

enum class Weighting {
  Targets,  // W = diag(1 / se^2) of the targets' own uncertainty
  TwoStep,  // then W = Omega^-1 at the first estimate, and estimate again
};

struct MethodSettings {
  std::string global = "crs2";  // NLopt GN_CRS2_LM, or "none"
  int global_evaluations = 200;
  std::string local = "sbplx";  // NLopt LN_SBPLX, or "none"
  int local_evaluations = 150;
  double xtol = 1e-3;  // local search: stop when each coordinate moves less than this share of its range
  Weighting weighting = Weighting::Targets;
  int screen_points = 32;                  // the global screen's Latin hypercube
  std::vector<double> jacobian_steps{0.05, 0.1};  // relative to the bounds' width; the first gives the standard errors
  double identification_step = 0.1;        // the pilot Jacobian's relative step
  int draws = 30;                          // parameter sets for the prediction intervals
  // A direction of the parameters along which crossing the whole box moves
  // the targets by fewer standard errors than this is not identified.
  double min_singular_value = 1.0;
  bool stop_if_unidentified = true;
};

struct CalibrationSpec {
  std::string path;  // CALIB.toml as given
  std::string text;  // its contents
  std::string scenario;  // resolved against CALIB.toml's directory
  std::string targets;   // the targets CSV, resolved likewise
  double fit_until = 0;  // decimal year; targets dated later are out of sample
  int replications = 1;
  std::uint64_t master_seed = 1;
  std::vector<std::string> set;  // "key=value" applied to every run before the parameters
  std::vector<FittedParameter> parameters;
  MethodSettings method;
  std::vector<sweep::OutcomeDefinition> outcomes;
};

// Reads and checks CALIB.toml; throws config::ConfigErrors listing every problem.
CalibrationSpec load_calibration_spec(const std::string& path);

}  // namespace relocsim::calibrate
