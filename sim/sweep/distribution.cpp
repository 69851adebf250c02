// From the unit cube to a parameter's values: each coordinate u is a
// probability and the value is the inverse CDF at u, so a design that is
// uniform (stratified, low-discrepancy) in the cube has the same property in
// the parameter's distribution.
#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "relocsim/sweep/sweep_spec.hpp"

namespace relocsim::sweep {

bool Distribution::bounded() const { return !std::isnan(lower) && !std::isnan(upper); }

double Distribution::value(double u) const {
  switch (kind) {
    case Kind::Uniform: {
      // Where upper - lower overflows (lower = -1e308, upper = 1e308), the
      // weighted mean does not. Rounding may step an ulp outside the range.
      const double span = upper - lower;
      const double x = std::isfinite(span) ? lower + u * span : lower * (1 - u) + upper * u;
      return std::clamp(x, lower, upper);
    }
    case Kind::LogUniform: {
      // exp(log(10)) is 10.000000000000002: keep the ends inside the range.
      const double x = std::exp(std::log(lower) + u * (std::log(upper) - std::log(lower)));
      return std::clamp(x, lower, upper);
    }
    case Kind::Normal: {
      const boost::math::normal_distribution<double> normal(mean, sd);
      const double lo = std::isnan(lower) ? 0.0 : boost::math::cdf(normal, lower);
      const double hi = std::isnan(upper) ? 1.0 : boost::math::cdf(normal, upper);
      // Quantiles at exactly 0 and 1 are infinite; the designs that can
      // produce them (grid, morris) require bounds, and the others never do
      // except by a 2^-53 chance.
      const double p = std::clamp(lo + u * (hi - lo), std::numeric_limits<double>::min(), 1.0 - 0x1p-53);
      const double x = boost::math::quantile(normal, p);
      return std::clamp(x, std::isnan(lower) ? x : lower, std::isnan(upper) ? x : upper);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::Uniform: return fmt::format("uniform({}, {})", lower, upper);
    case Kind::LogUniform: return fmt::format("loguniform({}, {})", lower, upper);
    case Kind::Normal: {
      std::string out = fmt::format("normal(mean={}, sd={})", mean, sd);
      if (!std::isnan(lower) || !std::isnan(upper)) {
        out += fmt::format(" truncated to [{}, {}]", std::isnan(lower) ? "-inf" : fmt::format("{}", lower),
                           std::isnan(upper) ? "inf" : fmt::format("{}", upper));
      }
      return out;
    }
  }
  return "unknown";
}

}  // namespace relocsim::sweep
