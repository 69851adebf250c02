#pragma once
// The derivative-free searches of the objective, on the unit cube of the
// parameters' bounds (so that one tolerance means the same share of every
// range). The objective is a step function of the parameters: discrete
// choices flip at thresholds even on common random numbers. So no gradient:
// NLopt's controlled random search with local mutation (CRS2-LM; Kaelo and
// Ali 2006) over the whole box, then Rowan's subplex (Sbplx), a Nelder-Mead
// on subspaces that copes with noise and plateaus better than the plain
// simplex, from the best point found.
#include <Eigen/Dense>

#include <cstdint>
#include <functional>
#include <string>

namespace relocsim::calibrate {

struct SearchResult {
  Eigen::VectorXd best;  // unit coordinates
  double value = 0;
  int evaluations = 0;
  std::string stop_reason;  // NLopt's, in words
  bool converged = false;   // stopped by its tolerance, not by the evaluation limit
};

using UnitObjective = std::function<double(const Eigen::VectorXd&)>;

// Throws whatever the objective throws (Interrupted, Error).
SearchResult global_search(const UnitObjective& f, const Eigen::VectorXd& start, int max_evaluations,
                           std::uint64_t seed);
SearchResult local_search(const UnitObjective& f, const Eigen::VectorXd& start, int max_evaluations, double xtol);

}  // namespace relocsim::calibrate
