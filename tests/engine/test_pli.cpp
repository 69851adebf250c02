#include <catch2/catch.hpp>
#include <cmath>

#include "relocsim/engine/pli.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

// tiny_spec's scheme: sector 0 from 2020.25, rates 6,6,5,5,4 %, global sales
// thresholds 5,10,15,20,25 units, investment 1,2,3,4,4 at 0.5 per unit, cap 50
// a year, outlay 200.
TEST_CASE("claims need both thresholds of the scheme year and respect the cap", "[pli]") {
  const PliPrograms pli(test::tiny_spec());
  const double dt = 0.25;
  CHECK(pli.claim(0, 2020.0, dt, 100, 1, false, 0.5) == 0);        // before the start
  CHECK(pli.claim(0, 2020.5, dt, 4.9, 1, false, 0.5) == 0);        // sales below 5
  CHECK(pli.claim(0, 2020.5, dt, 5, 1, false, 0.5) == Approx(0.06 * 5 * dt));
  CHECK(pli.claim(0, 2022.5, dt, 14.9, 1, false, 0.5) == 0);       // year 3 needs 15
  CHECK(pli.claim(0, 2022.5, dt, 3, 1, true, 0.5) == Approx(0.05 * 3 * dt));  // domestic: 3 suffices
  CHECK(pli.claim(0, 2021.5, dt, 2000, 1, false, 0.5) == Approx(50 * dt));    // capped
  CHECK(pli.claim(0, 2025.25, dt, 100, 1, false, 0.5) == 0);       // after the end
  // An agent standing for 10 firms: thresholds and cap apply to each firm.
  CHECK(pli.claim(0, 2020.5, dt, 49, 10, false, 0.5) == 0);                      // 4.9 each, below 5
  CHECK(pli.claim(0, 2020.5, dt, 50, 10, false, 0.5) == Approx(0.06 * 50 * dt));  // 5 each
  CHECK(pli.claim(0, 2021.5, dt, 20000, 10, false, 0.5) == Approx(10 * 50 * dt)); // ten caps
  // A slice of one large firm (a quarter of it): the firm's threshold, a quarter of its cap.
  CHECK(pli.claim(0, 2021.5, dt, 1000, 0.25, false, 0.5) == Approx(0.25 * 50 * dt));
}

TEST_CASE("claims beyond the outlay are paid pro rata and the outlay ends at zero", "[pli]") {
  PliPrograms pli(test::tiny_spec());
  CHECK(pli.settle(0, 150, 2021.0, 0.25) == 1.0);
  CHECK(pli.remaining(0) == Approx(50));
  CHECK(pli.settle(0, 100, 2021.25, 0.25) == Approx(0.5));
  CHECK(pli.remaining(0) == 0);
  CHECK(pli.disburse(0, 2021.5) == Approx(200));  // no lag in tiny_spec: paid as approved
  CHECK(pli.paid_cumulative(0) == Approx(200));
  CHECK(pli.settle(0, 10, 2021.5, 0.25) == 0);
}

TEST_CASE("a yearly cap limits approvals within its scheme year, and the lag delays payment", "[pli]") {
  ModelSpec spec = test::tiny_spec();
  spec.pli[0].yearly_caps = {30, 30, 30, 30, 30};
  spec.pli[0].disbursement_lag_years = 0.5;
  PliPrograms pli(spec);
  // Scheme year 1 is [2020.25, 2021.25).
  CHECK(pli.settle(0, 20, 2020.25, 0.25) == 1.0);
  CHECK(pli.settle(0, 20, 2020.5, 0.25) == Approx(0.5));  // 10 left of the year's 30
  CHECK(pli.settle(0, 20, 2021.0, 0.25) == 0.0);          // the year's cap is spent
  CHECK(pli.settle(0, 20, 2021.25, 0.25) == 1.0);         // a new scheme year
  CHECK(pli.committed_cumulative(0) == Approx(50));
  // Approved for [2020.25, 2020.5) falls due at 2020.5 + 0.5.
  CHECK(pli.disburse(0, 2020.75) == 0.0);
  CHECK(pli.disburse(0, 2021.0) == Approx(20));
  CHECK(pli.disburse(0, 2022.0) == Approx(30));
  CHECK(pli.paid_cumulative(0) == Approx(50));
}

TEST_CASE("the expected chance that the outlay lasts falls as claims outpace it", "[pli]") {
  PliPrograms pli(test::tiny_spec());
  CHECK(pli.probability_outlay_lasts(0, 2021.0) == 1.0);  // no claims yet
  pli.settle(0, 40, 2020.75, 0.25);  // 160 a year; 160 left; 4.25 years to go from 2021.0
  CHECK(pli.probability_outlay_lasts(0, 2021.0) == Approx(160 / (160 * 4.25)));
  pli.settle(0, 1, 2020.75, 0.25);  // the pace slows to 4 a year: 159 left outlasts 4 * 4.25
  CHECK(pli.probability_outlay_lasts(0, 2021.0) == 1.0);
}

TEST_CASE("an offer values the scheme years after production starts", "[pli]") {
  const PliPrograms pli(test::tiny_spec());
  const double r = 0.08;
  // Production from 2023.25: scheme years 4 and 5 (rates 0.05, 0.04) remain.
  const auto o = pli.offer(0, 2022.25, 2023.25, r, 0.5);
  const double expected = 0.05 * std::pow(1 + r, -1.5) + 0.04 * std::pow(1 + r, -2.5);
  CHECK(o.pv_per_unit == Approx(expected));
  ModelSpec lagged = test::tiny_spec();
  lagged.pli[0].disbursement_lag_years = 1.0;
  CHECK(PliPrograms(lagged).offer(0, 2022.25, 2023.25, r, 0.5).pv_per_unit == Approx(expected / (1 + r)));
  CHECK(o.threshold_global == Approx(20));   // year 4's sales threshold binds over 4 / 0.5 = 8
  CHECK(o.threshold_domestic == Approx(4));  // max(4, 2 / 0.5)
  CHECK(pli.offer(0, 2025.5, 2026.0, r, 0.5).pv_per_unit == 0);
}
