#pragma once
// Paired differences over replicates: the mean and a Student t confidence
// interval, mean +- t(1 - alpha/2, n - 1) * sd / sqrt(n). The pairs share
// their random draws (common random numbers), so the interval is that of the
// policy's effect, without the noise the two runs have in common.
#include <limits>
#include <string>

namespace relocsim::sweep {

struct PairedStats {
  long long n = 0;  // pairs with a finite difference
  double mean = std::numeric_limits<double>::quiet_NaN();
  double ci_low = std::numeric_limits<double>::quiet_NaN();  // NaN with fewer than 2 pairs
  double ci_high = std::numeric_limits<double>::quiet_NaN();
};

// Welford's running mean and variance; NaN differences (a ratio with nothing
// to divide by, a failed run) are left out.
class PairedAccumulator {
 public:
  void add(double difference);
  [[nodiscard]] PairedStats stats(double level = 0.95) const;

 private:
  long long n_ = 0;
  double mean_ = 0, m2_ = 0;
};

struct CompareRow {
  std::string outcome;
  std::string sector;  // "" for outcomes that are not by sector
  PairedStats stats;
};

}  // namespace relocsim::sweep
