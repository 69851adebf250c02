// Chi-square, Student t and normal tails and quantiles (Boost.Math), NaN
// outside their domain instead of Boost's exceptions, since they sit at the
// end of a report that should still print.
#include "relocsim/calibrate/statistics.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace relocsim::calibrate {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
bool is_probability(double p) { return p >= 0 && p <= 1; }  // false for NaN
}  // namespace

double chi_square_upper_tail(double x, int df) {
  if (df <= 0 || std::isnan(x)) return nan;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), x));
}

double chi_square_quantile(double p, int df) {
  if (df <= 0 || !is_probability(p)) return nan;
  if (p == 0) return 0.0;
  if (p == 1) return inf;
  return boost::math::quantile(boost::math::chi_squared(df), p);
}

double t_quantile(double p, int df) {
  if (df <= 0 || !is_probability(p)) return nan;
  if (p == 0) return -inf;
  if (p == 1) return inf;
  return boost::math::quantile(boost::math::students_t(df), p);
}

double normal_quantile(double p) {
  if (!is_probability(p)) return nan;
  if (p == 0) return -inf;
  if (p == 1) return inf;
  return boost::math::quantile(boost::math::normal(), p);
}

}  // namespace relocsim::calibrate
