// The Jacobian of the moments by least squares over a local design
// (statistics.hpp: local_regression_jacobian).
#include "checks.hpp"

#include <limits>

namespace relocsim::calibrate {

LocalJacobian local_regression_jacobian(const Matrix& thetas, const Matrix& moments, const Vector& center) {
  constexpr std::string_view fn = "local_regression_jacobian";
  const Eigen::Index n = thetas.rows();
  const Eigen::Index P = thetas.cols();
  const Eigen::Index M = moments.cols();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  detail::require(center.size() == P, fn,
                  fmt::format("center has {} entries, thetas has {} columns", center.size(), P));
  detail::require(moments.rows() == n, fn,
                  fmt::format("thetas has {} rows (points), moments has {}", n, moments.rows()));
  detail::require_finite(thetas, fn, "thetas");
  detail::require_finite(center, fn, "center");

  // Each axis scaled to [-1, 1] so that parameters in different units give
  // a well-conditioned least-squares problem; an axis the design never moves
  // carries no information about its slope and is left out.
  const Matrix offsets = thetas.rowwise() - center.transpose();
  std::vector<Eigen::Index> moved;
  Vector spread(P);
  for (Eigen::Index p = 0; p < P; ++p) {
    spread(p) = n > 0 ? offsets.col(p).cwiseAbs().maxCoeff() : 0.0;
    if (spread(p) > 0) moved.push_back(p);
  }
  const auto k = static_cast<Eigen::Index>(moved.size());
  detail::require(n >= k + 1, fn,
                  fmt::format("{} points for {} moved parameters: at least {} are needed (P + 1; "
                              "local_design's 3P + 1 = {} also give standard errors)",
                              n, k, k + 1, 3 * P + 1));

  Matrix X(n, k + 1);
  X.col(0).setOnes();
  for (Eigen::Index j = 0; j < k; ++j) X.col(j + 1) = offsets.col(moved[j]) / spread(moved[j]);
  const Eigen::ColPivHouseholderQR<Matrix> qr(X);
  detail::require(qr.rank() == k + 1, fn,
                  fmt::format("the design points span only {} of the {} directions needed (collinear points)",
                              qr.rank(), k + 1));

  // A failed run's NaN is solved as zero and its moment's outputs set to NaN
  // afterwards, so that it cannot leak into the other moments' fits.
  std::vector<bool> finite(static_cast<std::size_t>(M));
  Matrix Y = moments;
  for (Eigen::Index m = 0; m < M; ++m) {
    finite[static_cast<std::size_t>(m)] = Y.col(m).allFinite();
    if (!finite[static_cast<std::size_t>(m)]) Y.col(m).setZero();
  }
  const Matrix B = qr.solve(Y);  // (k + 1) x M
  const Eigen::Index df = n - (k + 1);
  const Vector rss = (Y - X * B).colwise().squaredNorm().transpose();
  const Matrix xtx_inverse = (X.transpose() * X).ldlt().solve(Matrix::Identity(k + 1, k + 1));

  LocalJacobian out;
  out.G = Matrix::Constant(M, P, nan);
  out.G_se = Matrix::Constant(M, P, nan);
  out.intercept = B.row(0).transpose();
  for (Eigen::Index m = 0; m < M; ++m) {
    if (!finite[static_cast<std::size_t>(m)]) {
      out.intercept(m) = nan;
      continue;
    }
    const double sigma2 = df > 0 ? rss(m) / static_cast<double>(df) : nan;
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index p = moved[j];
      out.G(m, p) = B(j + 1, m) / spread(p);
      out.G_se(m, p) = std::sqrt(sigma2 * xtx_inverse(j + 1, j + 1)) / spread(p);
    }
  }
  return out;
}

}  // namespace relocsim::calibrate
