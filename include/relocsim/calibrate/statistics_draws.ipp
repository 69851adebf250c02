// truncated_normal_draws (statistics.hpp), a template because the caller's
// uniform source is: the draws are reproducible from its seed alone.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <stdexcept>

namespace relocsim::calibrate {

template <class Uniform>
Matrix truncated_normal_draws(const Vector& mean, const Matrix& covariance, const Vector& lower,
                              const Vector& upper, int n, Uniform&& uniform) {
  const Eigen::Index P = mean.size();
  if (covariance.rows() != P || covariance.cols() != P || lower.size() != P || upper.size() != P) {
    throw std::invalid_argument("truncated_normal_draws: mean, covariance and bounds differ in size");
  }
  if (!mean.allFinite() || !covariance.allFinite() || !lower.allFinite() || !upper.allFinite()) {
    throw std::invalid_argument("truncated_normal_draws: a non-finite mean, covariance or bound");
  }
  if ((lower.array() > upper.array()).any()) {
    throw std::invalid_argument("truncated_normal_draws: a lower bound is above its upper bound");
  }
  if (n < 0) throw std::invalid_argument("truncated_normal_draws: n must be non-negative");

  // Cholesky when the covariance is positive definite; an estimate's
  // covariance can be only semi-definite (a parameter pinned by a bound), and
  // then the symmetric square root, negative rounding set to zero.
  const Matrix sym = 0.5 * (covariance + covariance.transpose());
  Matrix factor;
  const Eigen::LLT<Matrix> llt(sym);
  if (llt.info() == Eigen::Success) {
    factor = llt.matrixL();
  } else {
    const Eigen::SelfAdjointEigenSolver<Matrix> eig(sym);
    if (eig.info() != Eigen::Success) {
      throw std::invalid_argument("truncated_normal_draws: the covariance's eigendecomposition did not converge");
    }
    factor = eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() *
             eig.eigenvectors().transpose();
  }

  // The smallest and largest doubles strictly inside (0, 1): a source that
  // returns exactly 0 (std::generate_canonical may) must not give -inf.
  constexpr double tiny = 0x1p-53;
  Matrix draws(n, P);
  Vector z(P);
  Vector x(P);
  for (int i = 0; i < n; ++i) {
    bool inside = false;
    for (int attempt = 0; attempt < 1000 && !inside; ++attempt) {
      for (Eigen::Index p = 0; p < P; ++p) {
        const double u = std::clamp(static_cast<double>(uniform()), tiny, 1.0 - tiny);
        z(p) = normal_quantile(u);
      }
      x = mean + factor * z;
      inside = (x.array() >= lower.array()).all() && (x.array() <= upper.array()).all();
    }
    // Bounds that the distribution almost never reaches: the last try clipped,
    // so the caller still gets n points in the box.
    if (!inside) x = x.cwiseMax(lower).cwiseMin(upper);
    draws.row(i) = x.transpose();
  }
  return draws;
}

}  // namespace relocsim::calibrate
