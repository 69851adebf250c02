#pragma once
// Shared by the statistics tests: seeded Gaussian draws and the binomial
// band a Monte Carlo rate must fall in.
#include "relocsim/calibrate/statistics.hpp"

#include <cmath>
#include <random>

namespace relocsim::calibrate::test {

inline Vector normal_vector(std::mt19937_64& rng, Eigen::Index n) {
  std::normal_distribution<double> normal;
  Vector v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = normal(rng);
  return v;
}

// A count of successes in `trials` Bernoulli(p) trials lies within four
// binomial standard deviations of its mean except with probability ~6e-5:
// wide enough not to flake, narrow enough to catch a wrong rate.
inline bool within_binomial_band(int count, int trials, double p) {
  const double mean = trials * p;
  const double sd = std::sqrt(trials * p * (1 - p));
  return std::abs(count - mean) <= 4 * sd;
}

// A fixed SPD matrix with unequal eigenvalues and correlations.
inline Matrix spd(std::mt19937_64& rng, Eigen::Index n) {
  Matrix a(n, n);
  for (Eigen::Index j = 0; j < n; ++j) a.col(j) = normal_vector(rng, n);
  return a * a.transpose() + 0.5 * Matrix::Identity(n, n);
}

}  // namespace relocsim::calibrate::test
