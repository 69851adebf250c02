#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "relocsim/engine/nested_logit.hpp"
#include "textbook_logit.hpp"

using namespace relocsim;


TEST_CASE("nested logit probabilities match the textbook closed form", "[logit]") {
  const std::vector<double> u{0.3, -0.2, 0.5, 0.1, -1.0, 0.9};
  const std::vector<std::uint8_t> nest{0, 1, 1, 2, 3, 3};
  NestParams p;
  p.lambda = {1.0, 0.85, 0.5, 0.7};
  std::vector<double> prob(u.size());
  nested_logit_probabilities(u.data(), nest_ranges(nest.data(), static_cast<int>(u.size())), p, prob.data());
  const auto expected = test::textbook_nested_logit(u, nest, p);
  double sum = 0;
  for (std::size_t j = 0; j < u.size(); ++j) {
    CHECK(prob[j] == Approx(expected[j]).epsilon(1e-12));
    sum += prob[j];
  }
  CHECK(sum == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("with every lambda 1 the nested logit is the multinomial logit", "[logit]") {
  const std::vector<double> u{1.0, 0.0, 2.0, -0.5};
  const std::vector<std::uint8_t> nest{0, 1, 2, 2};
  std::vector<double> prob(u.size());
  nested_logit_probabilities(u.data(), nest_ranges(nest.data(), 4), NestParams{}, prob.data());
  const double z = std::exp(1.0) + std::exp(0.0) + std::exp(2.0) + std::exp(-0.5);
  for (std::size_t j = 0; j < u.size(); ++j) CHECK(prob[j] == Approx(std::exp(u[j]) / z).epsilon(1e-12));
}

TEST_CASE("large utilities do not overflow", "[logit]") {
  const std::vector<double> u{2000.0, 1999.0, -3000.0};
  const std::vector<std::uint8_t> nest{0, 1, 2};
  std::vector<double> prob(3);
  nested_logit_probabilities(u.data(), nest_ranges(nest.data(), 3), NestParams{}, prob.data());
  CHECK(prob[0] == Approx(1 / (1 + std::exp(-1.0))).epsilon(1e-12));
  CHECK(prob[2] == 0.0);
}

TEST_CASE("nest ranges need alternatives grouped by nest", "[logit]") {
  const std::vector<std::uint8_t> grouped{0, 2, 2, 3}, scattered{0, 2, 1};
  const NestRanges r = nest_ranges(grouped.data(), 4);
  CHECK(r.begin == std::array<int, kNumNests + 1>{0, 1, 1, 3, 4});
  CHECK_THROWS(nest_ranges(scattered.data(), 3));
}

TEST_CASE("sampling by inversion reproduces the probabilities on a grid of draws", "[logit]") {
  const std::vector<double> u{0.2, 0.4, -0.1, 0.7, 0.0};
  const std::vector<std::uint8_t> nest{0, 1, 1, 3, 3};
  NestParams p;
  p.lambda = {1.0, 0.6, 1.0, 0.8};
  std::vector<double> prob(u.size()), scratch(u.size()), freq(u.size(), 0.0);
  const NestRanges ranges = nest_ranges(nest.data(), 5);
  nested_logit_probabilities(u.data(), ranges, p, prob.data());
  // A regular grid of (u_nest, u_alt) pairs: the share landing on each
  // alternative equals its probability up to the grid's resolution.
  const int n = 400;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      freq[nested_logit_sample(u.data(), ranges, p, (a + 0.5) / n, (b + 0.5) / n, scratch.data())] += 1;
  for (std::size_t j = 0; j < u.size(); ++j) CHECK(freq[j] / (n * n) == Approx(prob[j]).margin(2.0 / n));
}

TEST_CASE("the sampler's log-sum is the closed form's to single precision", "[nested_logit]") {
  // Stay, two options in nest 1 and three in nest 3 (nest 2 empty), lambda 0.7.
  const std::vector<double> u{0.2, 1.5, -0.3, 0.9, 2.2, -1.0};
  const std::vector<std::uint8_t> nest{0, 1, 1, 3, 3, 3};
  const NestRanges r = nest_ranges(nest.data(), 6);
  NestParams params;
  params.lambda = {1, 0.7, 0.7, 0.7};
  std::vector<double> scratch(6);
  // log( e^0.2 + (e^(1.5/0.7) + e^(-0.3/0.7))^0.7 + (e^(0.9/0.7) + e^(2.2/0.7) + e^(-1/0.7))^0.7 )
  const double n1 = std::pow(std::exp(1.5 / 0.7) + std::exp(-0.3 / 0.7), 0.7);
  const double n3 = std::pow(std::exp(0.9 / 0.7) + std::exp(2.2 / 0.7) + std::exp(-1.0 / 0.7), 0.7);
  const double expected = std::log(std::exp(0.2) + n1 + n3);
  CHECK(nested_logit_log_sum(u.data(), r, params, scratch.data()) == Approx(expected).epsilon(1e-12));
  double from_sampler = 0;
  nested_logit_sample(u.data(), r, params, 0.5, 0.5, scratch.data(), &from_sampler);
  CHECK(from_sampler == Approx(expected).epsilon(1e-6));
}
