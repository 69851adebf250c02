#include "relocsim/sweep/compare.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace relocsim::sweep {

void PairedAccumulator::add(double difference) {
  if (!std::isfinite(difference)) return;
  ++n_;
  const double delta = difference - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (difference - mean_);
}

PairedStats PairedAccumulator::stats(double level) const {
  PairedStats s;
  s.n = n_;
  if (n_ == 0) return s;
  s.mean = mean_;
  if (n_ < 2) return s;
  const double sd = std::sqrt(m2_ / static_cast<double>(n_ - 1));
  const boost::math::students_t_distribution<double> t(static_cast<double>(n_ - 1));
  const double half = boost::math::quantile(t, 0.5 + level / 2) * sd / std::sqrt(static_cast<double>(n_));
  s.ci_low = mean_ - half;
  s.ci_high = mean_ + half;
  return s;
}

}  // namespace relocsim::sweep
