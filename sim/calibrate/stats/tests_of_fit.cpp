// Hansen's J-test and the Wald test.
#include "checks.hpp"

#include <limits>

namespace relocsim::calibrate {

JTest j_test(const Vector& residual, const Matrix& omega, int parameters) {
  constexpr std::string_view fn = "j_test";
  detail::require_square(omega, residual.size(), fn, "omega");
  detail::require_finite(residual, fn, "residual");
  detail::require(parameters >= 0, fn, "parameters must be non-negative");
  JTest out;
  // The same floored inverse as the weighting the estimate used, so J is
  // the objective at the optimum when W = inverse_psd(omega).
  out.statistic = residual.dot(inverse_psd(omega) * residual);
  out.df = static_cast<int>(residual.size()) - parameters;
  out.p_value = out.df > 0 ? chi_square_upper_tail(out.statistic, out.df) : std::numeric_limits<double>::quiet_NaN();
  return out;
}

WaldTest wald_test(const Vector& estimate, const Vector& null_value, const Matrix& covariance) {
  constexpr std::string_view fn = "wald_test";
  const Eigen::Index P = estimate.size();
  detail::require(null_value.size() == P, fn, "estimate and null_value differ in length");
  detail::require_square(covariance, P, fn, "covariance");
  detail::require_finite(estimate, fn, "estimate");
  detail::require_finite(null_value, fn, "null_value");
  detail::require_finite(covariance, fn, "covariance (a singular estimate's NaN covariance?)");
  WaldTest out;
  out.df = static_cast<int>(P);
  Matrix inverse;
  // A covariance that is not positive definite has directions of zero
  // variance: the statistic would be infinite or arbitrary, so it is NaN.
  if (P == 0 || !detail::inverse_spd_scaled(covariance, 1e-12, inverse)) {
    out.statistic = std::numeric_limits<double>::quiet_NaN();
    out.p_value = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const Vector d = estimate - null_value;
  out.statistic = d.dot(inverse * d);
  out.p_value = chi_square_upper_tail(out.statistic, out.df);
  return out;
}

}  // namespace relocsim::calibrate
