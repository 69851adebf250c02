#pragma once
// The calibration from start to finish (docs/CALIBRATE.md): a pilot run at
// the starting point, a global screen over the bounds, the identification
// report, the global then the local search, optionally a second step with
// efficient weighting, the Jacobian at two step sizes, standard errors, the
// J-test, and draws of the parameters for prediction intervals. Every run
// goes through the Evaluator, so a killed calibration resumes from its
// journal and ends with the same result as an uninterrupted one.
#include <Eigen/Dense>

#include <functional>
#include <string>
#include <vector>

#include "relocsim/calibrate/evaluator.hpp"
#include "relocsim/calibrate/problem.hpp"
#include "relocsim/calibrate/statistics.hpp"

namespace relocsim::calibrate {

struct FitResult {
  std::string status;  // "converged", "evaluation limit", "not identified"
  std::string stop_reason;
  Screen screen;                   // over all moments
  LocalJacobian pilot_jacobian;    // all moments, at the start
  Identification identification;   // fit moments
  std::vector<double> objective;   // [evaluation], with the final weighting
  int estimate_evaluation = -1;
  Eigen::VectorXd estimate;        // [parameter]; NaN unless estimated
  double objective_at_estimate = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd weighting;       // fit x fit
  Eigen::MatrixXd omega;           // fit x fit
  Eigen::MatrixXd sim_covariance;  // all x all, across replicates at the estimate
  LocalJacobian jacobian[2];       // all moments, at the two steps
  Estimates estimates[2];          // from each step's Jacobian
  JTest j;
  std::string j_kind;              // "J-test" (W = Omega^-1) or "diagnostic"
  Eigen::MatrixXd draw_theta;      // draws x parameters
  std::vector<int> draw_evaluations;
  Eigen::VectorXd prediction_lower, prediction_median, prediction_upper;  // [moment]
};

// Runs the calibration; `evaluator` holds every evaluation made. Throws
// Interrupted when stopped, Error when a run fails.
// on_identified, when given, hears the identification report the moment it
// is known, before the search (which is most of the time).
FitResult calibrate(const Problem& problem, Evaluator& evaluator,
                    const std::function<void(const FitResult&)>& on_identified = {});

// The objective at an evaluation: e'We over the fit moments plus the priors'
// penalties; +huge where a fit moment is NaN, so the search moves away.
double objective(const Problem& problem, const Eigen::MatrixXd& weighting, const Evaluation& e);

// The 5, 50 and 95% points of each column (type 7 quantiles, as numpy and R give by default).
void quantiles(const Eigen::MatrixXd& values, Eigen::VectorXd& lower, Eigen::VectorXd& median,
               Eigen::VectorXd& upper);

}  // namespace relocsim::calibrate
