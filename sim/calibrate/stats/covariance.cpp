// The moments' covariance, the floored inverse that turns it into a
// weighting, and the sandwich covariance of the estimates.
#include "checks.hpp"

#include <Eigen/Eigenvalues>

#include <limits>

namespace relocsim::calibrate {

Matrix sample_covariance(const Matrix& by_seed) {
  const Eigen::Index R = by_seed.rows();
  detail::require(R >= 2, "sample_covariance", fmt::format("{} rows (seeds): at least 2 are needed", R));
  // No finiteness check: a moment that failed in one seed makes its own row
  // and column NaN through the arithmetic, and only those.
  const Matrix centred = by_seed.rowwise() - by_seed.colwise().mean();
  return (centred.transpose() * centred) / static_cast<double>(R - 1);
}

Matrix moment_covariance(const Vector& target_se, const Matrix& sim_covariance, int replications) {
  constexpr std::string_view fn = "moment_covariance";
  detail::require_square(sim_covariance, target_se.size(), fn, "sim_covariance");
  detail::require(replications >= 1, fn, "replications must be at least 1");
  Matrix omega = sim_covariance / static_cast<double>(replications);
  omega.diagonal() += target_se.array().square().matrix();
  return omega;
}

Matrix inverse_psd(const Matrix& a, double relative_floor, int* floored) {
  constexpr std::string_view fn = "inverse_psd";
  detail::require_square(a, a.rows(), fn, "the matrix");
  detail::require_finite(a, fn, "the matrix");
  detail::require(relative_floor > 0 && relative_floor < 1, fn, "relative_floor must be in (0, 1)");
  if (floored != nullptr) *floored = 0;
  if (a.rows() == 0) return Matrix(0, 0);
  // Symmetrised first: a covariance assembled from sums is symmetric only up
  // to rounding, and the solver reads one triangle.
  const Matrix sym = 0.5 * (a + a.transpose());
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(sym);
  detail::require(eig.info() == Eigen::Success, fn, "the eigendecomposition did not converge");
  const double largest = eig.eigenvalues().maxCoeff();
  detail::require(largest > 0, fn, "the matrix has no positive eigenvalue (zero or negative definite)");
  const double floor = relative_floor * largest;
  Vector inverse_values(a.rows());
  int count = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    double value = eig.eigenvalues()(i);
    if (value < floor) {
      value = floor;
      ++count;
    }
    inverse_values(i) = 1.0 / value;
  }
  if (floored != nullptr) *floored = count;
  const Matrix& V = eig.eigenvectors();
  return V * inverse_values.asDiagonal() * V.transpose();
}

namespace detail {
bool inverse_spd_scaled(const Matrix& a, double relative_tolerance, Matrix& inverse) {
  const Eigen::Index n = a.rows();
  const Vector diagonal = a.diagonal();
  if ((diagonal.array() <= 0).any()) return false;
  const Vector scale = diagonal.cwiseSqrt().cwiseInverse();
  const Matrix scaled = scale.asDiagonal() * (0.5 * (a + a.transpose())) * scale.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(scaled);
  if (eig.info() != Eigen::Success) return false;
  const Vector& values = eig.eigenvalues();  // ascending
  if (n > 0 && !(values(0) > relative_tolerance * values(n - 1))) return false;
  const Matrix& V = eig.eigenvectors();
  inverse = scale.asDiagonal() * (V * values.cwiseInverse().asDiagonal() * V.transpose()) * scale.asDiagonal();
  return true;
}
}  // namespace detail

Estimates sandwich_covariance(const Matrix& G, const Matrix& W, const Matrix& omega) {
  constexpr std::string_view fn = "sandwich_covariance";
  const Eigen::Index M = G.rows();
  const Eigen::Index P = G.cols();
  detail::require_square(W, M, fn, "W");
  detail::require_square(omega, M, fn, "omega");
  detail::require_finite(G, fn, "G (a moment NaN at some design point? drop it first)");
  detail::require_finite(W, fn, "W");
  detail::require_finite(omega, fn, "omega");

  Estimates out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Matrix bread = G.transpose() * W * G;
  Matrix bread_inverse;
  // 1e-12 on the unit-diagonal scale: beyond it the inverse is rounding noise
  // (about 1e-4 relative error in double), and the report says "singular"
  // rather than print standard errors that mean nothing.
  if (!detail::inverse_spd_scaled(bread, 1e-12, bread_inverse)) {
    out.singular = true;
    out.covariance = Matrix::Constant(P, P, nan);
    out.std_error = Vector::Constant(P, nan);
    out.correlation = Matrix::Constant(P, P, nan);
    return out;
  }
  const Matrix WG = W * G;
  const Matrix meat = WG.transpose() * omega * WG;
  const Matrix V = bread_inverse * meat * bread_inverse;
  out.covariance = 0.5 * (V + V.transpose());
  out.std_error = out.covariance.diagonal().cwiseMax(0.0).cwiseSqrt();
  out.correlation = Matrix(P, P);
  for (Eigen::Index i = 0; i < P; ++i) {
    for (Eigen::Index j = 0; j < P; ++j) {
      const double denominator = out.std_error(i) * out.std_error(j);
      out.correlation(i, j) = denominator > 0 ? out.covariance(i, j) / denominator : nan;
    }
  }
  return out;
}

}  // namespace relocsim::calibrate
