#include <catch2/catch.hpp>

#include <cmath>

#include "relocsim/sweep/compare.hpp"

using namespace relocsim::sweep;

TEST_CASE("paired statistics: mean and Student t interval over replicates", "[sweep][compare]") {
  PairedAccumulator acc;
  for (double d : {1.0, 2.0, 3.0, 4.0}) acc.add(d);
  acc.add(std::nan(""));  // a ratio with nothing to divide by is left out
  const PairedStats s = acc.stats();
  CHECK(s.n == 4);
  CHECK(s.mean == Approx(2.5));
  // sd = 1.2909944, t(0.975, 3) = 3.1824463
  const double half = 3.1824463 * 1.2909944 / 2.0;
  CHECK(s.ci_low == Approx(2.5 - half).epsilon(1e-6));
  CHECK(s.ci_high == Approx(2.5 + half).epsilon(1e-6));
}

TEST_CASE("paired statistics: no interval from fewer than two pairs", "[sweep][compare]") {
  PairedAccumulator none;
  CHECK(none.stats().n == 0);
  CHECK(std::isnan(none.stats().mean));
  PairedAccumulator one;
  one.add(5.0);
  CHECK(one.stats().mean == 5.0);
  CHECK(std::isnan(one.stats().ci_low));
  // Identical differences (common random numbers, no effect): a zero-width interval.
  PairedAccumulator same;
  for (int i = 0; i < 3; ++i) same.add(0.0);
  CHECK(same.stats().ci_low == 0.0);
  CHECK(same.stats().ci_high == 0.0);
}
