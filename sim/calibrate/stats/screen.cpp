// The global screen over the bounds (statistics.hpp: global_screen).
#include "checks.hpp"

#include <limits>

namespace relocsim::calibrate {

Screen global_screen(const Matrix& thetas, const Matrix& moments) {
  constexpr std::string_view fn = "global_screen";
  const Eigen::Index n = thetas.rows();
  const Eigen::Index P = thetas.cols();
  const Eigen::Index M = moments.cols();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  detail::require(moments.rows() == n, fn,
                  fmt::format("thetas has {} rows (points), moments has {}", n, moments.rows()));
  detail::require_finite(thetas, fn, "thetas");

  // Standardised regressors: the coefficients are then the standardised
  // regression coefficients once divided by the moment's standard deviation.
  // A parameter the design holds fixed has no coefficient (NaN).
  std::vector<Eigen::Index> moved;
  Matrix Z(n, 0);
  {
    std::vector<Vector> columns;
    for (Eigen::Index p = 0; p < P; ++p) {
      const Vector x = thetas.col(p);
      if (n < 2 || x.maxCoeff() == x.minCoeff()) continue;
      const Vector centred = x.array() - x.mean();
      const double sd = std::sqrt(centred.squaredNorm() / static_cast<double>(n - 1));
      moved.push_back(p);
      columns.push_back(centred / sd);
    }
    Z.resize(n, static_cast<Eigen::Index>(columns.size()));
    for (std::size_t j = 0; j < columns.size(); ++j) Z.col(static_cast<Eigen::Index>(j)) = columns[j];
  }
  const Eigen::Index k = Z.cols();
  detail::require(n >= k + 2, fn,
                  fmt::format("{} points for {} moved parameters: at least {} are needed for an R^2", n, k, k + 2));
  Matrix X(n, k + 1);
  X.col(0).setOnes();
  X.rightCols(k) = Z;
  const Eigen::ColPivHouseholderQR<Matrix> qr(X);
  detail::require(qr.rank() == k + 1, fn, "the design points are collinear");

  Screen out;
  out.src = Matrix::Constant(M, P, nan);
  out.r_squared = Vector::Constant(M, nan);
  for (Eigen::Index m = 0; m < M; ++m) {
    const Vector y = moments.col(m);
    if (!y.allFinite()) continue;  // a failed run: this moment's screen is NaN
    // Constant up to rounding: a sum of the same terms in another order
    // differs in the last bits, which must not read as a response.
    const double scale = y.cwiseAbs().maxCoeff();
    if (y.maxCoeff() - y.minCoeff() <= 1e-12 * scale) {
      out.src.row(m).setZero();
      continue;
    }
    const Vector centred = y.array() - y.mean();
    const double tss = centred.squaredNorm();
    const double sd = std::sqrt(tss / static_cast<double>(n - 1));
    const Vector beta = qr.solve(y);
    for (Eigen::Index j = 0; j < k; ++j) out.src(m, moved[static_cast<std::size_t>(j)]) = beta(j + 1) / sd;
    out.r_squared(m) = 1.0 - (y - X * beta).squaredNorm() / tss;
  }
  return out;
}

}  // namespace relocsim::calibrate
