// truncated_normal_draws.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace relocsim::calibrate;
using relocsim::calibrate::test::spd;

namespace {
auto uniform_source(std::uint64_t seed) {
  return [rng = std::mt19937_64(seed), u = std::uniform_real_distribution<double>(0.0, 1.0)]() mutable { return u(rng); };
}
}  // namespace

TEST_CASE("truncated_normal_draws: wide bounds reproduce the mean and covariance") {
  std::mt19937_64 rng(3);
  const Matrix cov = spd(rng, 3);
  const Vector mean = (Vector(3) << 1.0, -2.0, 0.5).finished();
  const Vector sd = cov.diagonal().cwiseSqrt();
  const Vector lower = mean - 20 * sd, upper = mean + 20 * sd;
  const int n = 20000;
  const Matrix draws = truncated_normal_draws(mean, cov, lower, upper, n, uniform_source(1));
  REQUIRE(draws.rows() == n);
  const Vector sample_mean = draws.colwise().mean().transpose();
  const Matrix sample_cov = sample_covariance(draws);
  for (int p = 0; p < 3; ++p) CHECK(std::abs(sample_mean(p) - mean(p)) < 4 * sd(p) / std::sqrt(double(n)));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      const double tol = 4 * std::sqrt((cov(i, i) * cov(j, j) + cov(i, j) * cov(i, j)) / (n - 1));
      CHECK(std::abs(sample_cov(i, j) - cov(i, j)) < tol);
    }
}

TEST_CASE("truncated_normal_draws: inside the bounds, reproducible from the uniforms") {
  Matrix cov(2, 2);
  cov << 1.0, 0.8, 0.8, 1.0;
  const Vector mean = Vector::Zero(2);
  const Vector lower = (Vector(2) << -0.5, 0.0).finished();
  const Vector upper = (Vector(2) << 1.0, 0.3).finished();
  const Matrix a = truncated_normal_draws(mean, cov, lower, upper, 500, uniform_source(42));
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    CHECK((a.row(i).transpose().array() >= lower.array()).all());
    CHECK((a.row(i).transpose().array() <= upper.array()).all());
  }
  CHECK(truncated_normal_draws(mean, cov, lower, upper, 500, uniform_source(42)) == a);
  CHECK(truncated_normal_draws(mean, cov, lower, upper, 500, uniform_source(43)) != a);
  // A box the distribution (almost) never reaches: clipped, still inside.
  const Vector far_lower = Vector::Constant(2, 50.0), far_upper = Vector::Constant(2, 51.0);
  const Matrix clipped = truncated_normal_draws(mean, cov, far_lower, far_upper, 3, uniform_source(1));
  CHECK((clipped.array() >= 50.0).all());
  CHECK((clipped.array() <= 51.0).all());
  // A semi-definite covariance (a pinned parameter) and a source returning 0.
  Matrix pinned = Matrix::Zero(2, 2);
  pinned(0, 0) = 1.0;
  const Matrix p = truncated_normal_draws(mean, pinned, -Vector::Ones(2) * 10, Vector::Ones(2) * 10, 50,
                                          [] { return 0.0; });
  CHECK(p.allFinite());
  CHECK((p.col(1).array() == 0.0).all());
}
