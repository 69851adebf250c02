// The taste gap a project keeps: its distribution given the choice, and the
// abandonment rule it implies.
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "relocsim/engine/rng.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/engine/taste_gap.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

namespace {

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

// Uniform pairs from the project's own counter-based generator.
std::array<double, 4> pair_of_uniforms(std::uint64_t i) { return uniforms4(7, i, 1, Purpose::TasteGap); }

// Nothing changes after a project starts: no wage growth or feedback, no
// disruptions, peers, agglomeration, learning, PLI, subsidy or controls, and
// approval delays without spread, every site open from the start.
ModelSpec static_world() {
  ModelSpec spec = test::tiny_spec(3000);
  auto& p = spec.params;
  p.pli_enabled = p.wage_feedback = p.disruptions = p.herding = p.agglomeration = p.learning = false;
  p.japan_subsidy_enabled = p.export_controls = p.supplier_proximity = false;
  p.review_probability = 0.3;
  for (auto& s : spec.sites) {
    s.wage_growth = 0;
    s.approval_sd_months = 0;
    s.open_year = 0;
  }
  return spec;
}

}  // namespace

TEST_CASE("a known fall in value abandons the closed-form share of projects", "[taste_gap]") {
  // Stay (V0) against one option (V1), both alone in a nest of dissimilarity 1:
  // a binary logit, where U1 - U0 is logistic around d = V1 - V0. Given that 1
  // was chosen, the project is dropped after its value falls by D when
  // d - D + gap < 0, with probability (L(D - d) - L(-d)) / (1 - L(-d)).
  const double v0 = 0.3;
  for (const double d : {-1.0, 0.0, 1.5}) {
    for (const double fall : {0.5, 2.0}) {
      const double v1 = v0 + d;
      const double log_sum = std::log(std::exp(v0) + std::exp(v1));
      const int n = 200000;
      int dropped = 0;
      for (int i = 0; i < n; ++i) {
        const auto u = pair_of_uniforms(static_cast<std::uint64_t>(i));
        const double gap = draw_taste_gap(log_sum, v0, v1, u[0], u[1]);
        REQUIRE(d + gap > 0);  // the choice itself: U1 > U0
        if (d - fall + gap < 0) ++dropped;
      }
      const double expected = (logistic(fall - d) - logistic(-d)) / (1 - logistic(-d));
      const double se = std::sqrt(expected * (1 - expected) / n);
      INFO("d = " << d << ", fall = " << fall);
      CHECK(std::abs(static_cast<double>(dropped) / n - expected) < 4 * se);
    }
  }
}

TEST_CASE("the gap given the choice matches shocks drawn in full", "[taste_gap]") {
  // A plain multinomial logit (every nest's dissimilarity 1) over stay and
  // three options: draw every Gumbel shock, keep the draws where option 2
  // wins, and compare eps_2 - eps_0 with draw_taste_gap's draws (mean and
  // quartiles, within sampling error).
  const std::vector<double> v{0.0, 0.4, -0.2, 0.9};
  const int chosen = 2;
  double log_sum_terms = 0;
  for (double x : v) log_sum_terms += std::exp(x);
  const double log_sum = std::log(log_sum_terms);
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto gumbel = [&] { return -std::log(-std::log(std::max(unit(gen), 1e-300))); };
  std::vector<double> full, conditional;
  while (full.size() < 40000) {
    std::vector<double> eps(v.size());
    int best = 0;
    for (std::size_t j = 0; j < v.size(); ++j) {
      eps[j] = gumbel();
      if (v[j] + eps[j] > v[best] + eps[best]) best = static_cast<int>(j);
    }
    if (best == chosen) full.push_back(eps[chosen] - eps[0]);
  }
  for (std::size_t i = 0; i < full.size(); ++i) {
    const auto u = pair_of_uniforms(i);
    conditional.push_back(draw_taste_gap(log_sum, v[0], v[chosen], u[0], u[1]));
  }
  auto mean = [](const std::vector<double>& x) {
    double s = 0;
    for (double e : x) s += e;
    return s / static_cast<double>(x.size());
  };
  auto quantile = [](std::vector<double> x, double q) {
    std::sort(x.begin(), x.end());
    return x[static_cast<std::size_t>(q * static_cast<double>(x.size() - 1))];
  };
  // The gap's sd is about 1.5: 0.05 is several standard errors of each statistic at n = 40,000.
  CHECK(std::abs(mean(full) - mean(conditional)) < 0.05);
  for (double q : {0.25, 0.5, 0.75}) CHECK(std::abs(quantile(full, q) - quantile(conditional, q)) < 0.05);
}

TEST_CASE("a static world abandons no project", "[taste_gap][simulation]") {
  // Projects are chosen by noise as often as by value, and none may be undone.
  ModelSpec spec = static_world();
  Simulation sim(spec);
  int started = 0, abandoned = 0;
  for (int i = 0; i < spec.run.steps; ++i) {
    sim.step();
    for (const auto& e : sim.last_record().events) {
      started += e.kind == EventKind::MoveStarted || e.kind == EventKind::AddStarted;
      abandoned += e.kind == EventKind::Abandoned;
    }
  }
  CHECK(started > 200);
  CHECK(abandoned == 0);
}

TEST_CASE("projects are abandoned when conditions turn against them", "[taste_gap][simulation]") {
  // The same static world, but India's sites lose their market access a year
  // in (a prohibitive tariff on everything they sell): projects bound there
  // that are still under way must be dropped, and others not.
  ModelSpec spec = static_world();
  for (int m = 0; m < 2; ++m) {
    ScheduledEvent e;
    e.year = 2021.0;
    e.type = ScheduledType::Tariff;
    e.country = 2;  // India
    e.market = m;
    e.value = 1.0;
    spec.events.push_back(e);
  }
  Simulation sim(spec);
  int abandoned_india = 0, abandoned_elsewhere = 0;
  for (int i = 0; i < spec.run.steps; ++i) {
    sim.step();
    for (const auto& e : sim.last_record().events)
      if (e.kind == EventKind::Abandoned) (spec.sites[e.to_site].bloc == Bloc::India ? abandoned_india : abandoned_elsewhere)++;
  }
  CHECK(abandoned_india > 10);
  CHECK(abandoned_elsewhere == 0);
}
