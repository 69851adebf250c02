// The designs' defining properties, each checked directly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "relocsim/sweep/design.hpp"
#include "sweep_test_support.hpp"

using namespace relocsim::sweep;

TEST_CASE("latin hypercube: exactly one point in each of the n strata of every parameter", "[sweep][design]") {
  for (const long long n : {1LL, 2LL, 7LL, 64LL}) {
    const std::size_t d = 4;
    const UnitDesign u = lhs_unit(n, d, 42);
    REQUIRE(u.rows == static_cast<std::size_t>(n));
    for (std::size_t j = 0; j < d; ++j) {
      std::vector<long long> strata;
      for (std::size_t row = 0; row < u.rows; ++row) {
        const double x = u.at(row, j);
        REQUIRE(x > 0.0);
        REQUIRE(x < 1.0);
        strata.push_back(static_cast<long long>(std::floor(x * static_cast<double>(n))));
      }
      std::sort(strata.begin(), strata.end());
      for (long long i = 0; i < n; ++i) CHECK(strata[static_cast<std::size_t>(i)] == i);
    }
  }
}

TEST_CASE("latin hypercube: the seed decides the design, nothing else", "[sweep][design]") {
  CHECK(lhs_unit(20, 3, 1).unit == lhs_unit(20, 3, 1).unit);
  CHECK(lhs_unit(20, 3, 1).unit != lhs_unit(20, 3, 2).unit);
  // Parameters are not stratified in lock step.
  const UnitDesign u = lhs_unit(20, 2, 1);
  bool differ = false;
  for (std::size_t row = 0; row < u.rows; ++row) {
    differ = differ || std::floor(u.at(row, 0) * 20) != std::floor(u.at(row, 1) * 20);
  }
  CHECK(differ);
}

namespace {

void check_saltelli(long long n, std::size_t d, bool second_order) {
  const UnitDesign u = saltelli_unit(n, d, second_order);
  const std::size_t per = second_order ? 2 * d + 2 : d + 2;
  REQUIRE(u.rows == static_cast<std::size_t>(n) * per);
  for (long long j = 0; j < n; ++j) {
    const std::size_t first = static_cast<std::size_t>(j) * per;
    const std::size_t a = first, b = first + per - 1;
    CHECK(u.role[a] == "A");
    CHECK(u.role[b] == "B");
    for (std::size_t r = first; r <= b; ++r) CHECK(u.group[r] == j);
    for (std::size_t i = 0; i < d; ++i) {
      const std::size_t ab = first + 1 + i;
      CHECK(u.role[ab] == "AB_" + std::to_string(i));
      for (std::size_t k = 0; k < d; ++k) CHECK(u.at(ab, k) == (k == i ? u.at(b, k) : u.at(a, k)));
      if (second_order) {
        const std::size_t ba = first + 1 + d + i;
        CHECK(u.role[ba] == "BA_" + std::to_string(i));
        for (std::size_t k = 0; k < d; ++k) CHECK(u.at(ba, k) == (k == i ? u.at(a, k) : u.at(b, k)));
      }
    }
  }
  for (double x : u.unit) {
    CHECK(x > 0.0);
    CHECK(x < 1.0);
  }
}

}  // namespace

TEST_CASE("saltelli: N(d+2) rows, or N(2d+2) with second order, in SALib's order", "[sweep][design]") {
  check_saltelli(8, 3, false);
  check_saltelli(8, 3, true);
  check_saltelli(1, 1, true);
  // On the Sobol sequence: the first base sample is its first point, the
  // centre of the cube, and A and B are its two halves.
  const UnitDesign u = saltelli_unit(2, 2, false);
  CHECK(u.at(0, 0) == 0.5);
  CHECK(u.at(0, 1) == 0.5);
  CHECK(u.at(3, 0) == 0.5);
  CHECK(u.at(4, 0) == 0.75);  // second point (0.75, 0.25, 0.25, 0.75)
  CHECK(u.at(4, 1) == 0.25);
}

TEST_CASE("morris: each step of a trajectory changes one parameter by Delta = p/(2(p-1))", "[sweep][design]") {
  for (const int p : {2, 4, 6}) {
    const std::size_t d = 5;
    const long long r = 6;
    const UnitDesign u = morris_unit(r, d, p, 9);
    REQUIRE(u.rows == static_cast<std::size_t>(r) * (d + 1));
    const double delta = morris_delta(p);
    CHECK(delta == Approx(static_cast<double>(p) / (2.0 * (p - 1))));
    for (long long t = 0; t < r; ++t) {
      std::set<std::size_t> moved;
      const std::size_t first = static_cast<std::size_t>(t) * (d + 1);
      CHECK(u.role[first] == "trajectory_" + std::to_string(t) + "_point_0");
      for (std::size_t m = 1; m <= d; ++m) {
        std::vector<std::size_t> changed;
        for (std::size_t j = 0; j < d; ++j) {
          const double step = u.at(first + m, j) - u.at(first + m - 1, j);
          if (step != 0.0) {
            changed.push_back(j);
            CHECK(std::abs(std::abs(step) - delta) < 1e-12);
          }
        }
        REQUIRE(changed.size() == 1);
        moved.insert(changed.front());
        CHECK(u.group[first + m] == t);
        CHECK(u.role[first + m] == "trajectory_" + std::to_string(t) + "_point_" + std::to_string(m));
      }
      CHECK(moved.size() == d);  // every parameter once
    }
    for (double x : u.unit) {
      CHECK(x >= 0.0);
      CHECK(x <= 1.0);
      const double level = x * (p - 1);
      CHECK(std::abs(level - std::round(level)) < 1e-12);  // on the grid
    }
  }
}

TEST_CASE("grid: every combination once, the first parameter slowest", "[sweep][design]") {
  const UnitDesign u = grid_unit({2, 3, 1});
  REQUIRE(u.rows == 6);
  std::set<std::vector<double>> points;
  for (std::size_t row = 0; row < u.rows; ++row) points.insert({u.at(row, 0), u.at(row, 1), u.at(row, 2)});
  CHECK(points.size() == 6);
  CHECK(u.at(0, 0) == 0.0);
  CHECK(u.at(2, 0) == 0.0);
  CHECK(u.at(3, 0) == 1.0);
  CHECK(u.at(1, 1) == 0.5);
  CHECK(u.at(0, 2) == 0.5);
}

TEST_CASE("values: inverse CDFs, levels, and whole numbers for integer keys", "[sweep][design]") {
  Distribution uniform{Distribution::Kind::Uniform, 2.0, 8.0, 0, 0};
  CHECK(uniform.value(0.0) == 2.0);
  CHECK(uniform.value(1.0) == 8.0);
  CHECK(uniform.value(0.5) == 5.0);
  Distribution log{Distribution::Kind::LogUniform, 0.1, 10.0, 0, 0};
  CHECK(log.value(0.5) == Approx(1.0));
  Distribution normal{Distribution::Kind::Normal, std::nan(""), std::nan(""), 3.0, 2.0};
  CHECK(normal.value(0.5) == Approx(3.0));
  CHECK(normal.value(0.975) == Approx(3.0 + 1.959964 * 2.0).epsilon(1e-6));
  CHECK(std::isfinite(normal.value(0.0)));
  Distribution truncated{Distribution::Kind::Normal, 2.0, 3.0, 3.0, 2.0};
  CHECK(truncated.value(0.0) == Approx(2.0));
  CHECK(truncated.value(1.0) == Approx(3.0));
  CHECK(truncated.value(0.5) > 2.0);

  SweepSpec spec;
  spec.method = Method::Grid;
  spec.n = 3;
  Parameter firms{"population.n_firms", 1, {}, Distribution{Distribution::Kind::Uniform, 100, 301, 0, 0}};
  Parameter flag{"switches.pli", 2, {"true", "false"}, std::nullopt};
  Parameter scale{"behaviour.logit_scale", 3, {}, Distribution{Distribution::Kind::Uniform, 1, 2, 0, 0}};
  spec.parameters = {firms, flag, scale};
  const Design d = make_design(spec, {KeyType::Integer, KeyType::Other, KeyType::Float});
  REQUIRE(d.rows == 18);
  CHECK(d.text[0 * 3 + 0] == "100");
  CHECK(d.text[6 * 3 + 0] == "201");  // 200.5, rounded half away from zero
  CHECK(d.value[6 * 3 + 0] == 201.0);  // the archive shows what the run used
  CHECK(d.text[1 * 3 + 1] == "true");
  CHECK(d.text[3 * 3 + 1] == "false");
  CHECK(d.value[3 * 3 + 1] == 0.0);
  CHECK(d.value[0 * 3 + 1] == 1.0);
  CHECK(d.text[0 * 3 + 2] == "1.0");
  CHECK(d.text[1 * 3 + 2] == "1.5");
  CHECK(d.overrides(1) == std::vector<std::string>{"population.n_firms=100", "switches.pli=true",
                                                    "behaviour.logit_scale=1.5"});
  CHECK(d.lower[1] == 0.0);
  CHECK(d.upper[1] == 1.0);
  CHECK(d.distribution[0] == "uniform(100, 301)");
}

TEST_CASE("a csv design: one column per key, one row per design row", "[sweep][design]") {
  relocsim::testing::ScratchDir dir;
  const std::string csv = test::write_file(dir, "design.csv",
                                           "behaviour.logit_scale,switches.pli,pli.electronics.rates\n"
                                           "2,true,\"[0.1, 0.2, 0.3]\"\n6.5,false,\"[0.1, 0.2, 0.3]\"\n");
  std::string contents;
  const Design d = read_csv_design(csv, "sweep.toml", 3, &contents);
  CHECK(d.rows == 2);
  CHECK(d.params == std::vector<std::string>{"behaviour.logit_scale", "switches.pli", "pli.electronics.rates"});
  CHECK(d.text == std::vector<std::string>{"2", "true", "[0.1, 0.2, 0.3]", "6.5", "false", "[0.1, 0.2, 0.3]"});
  CHECK(d.unit[0] == 0.0);
  CHECK(d.unit[3] == 1.0);
  CHECK(d.lower[0] == 2.0);
  CHECK(d.upper[0] == 6.5);
  CHECK(std::isnan(d.unit[2]));
  CHECK(contents.find("logit_scale") != std::string::npos);
}

TEST_CASE("error: a csv design cell that is no TOML value", "[sweep][design][errors]") {
  relocsim::testing::ScratchDir dir;
  const std::string csv = test::write_file(dir, "design.csv", "behaviour.logit_scale\n2\nabc\n");
  CHECK_THROWS_WITH(read_csv_design(csv, "sweep.toml", 3, nullptr),
                    csv + ":3: behaviour.logit_scale: 'abc' is not a TOML value; expected a number, true or false, a "
                          "\"quoted string\" or an [array]");
  CHECK_THROWS_WITH(read_csv_design(dir.file("absent.csv"), "sweep.toml", 3, nullptr),
                    "sweep.toml:3: sweep.design: cannot open design '" + dir.file("absent.csv") +
                        "' (No such file or directory)");
}
