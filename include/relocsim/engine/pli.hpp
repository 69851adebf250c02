#pragma once
// India's Production-Linked Incentive: what a scheme offers a firm weighing an
// Indian site, what an eligible firm claims each step, and the budget.
//
// A step's claims are approved (committed) against the outlay and the scheme
// year's cap; when they exceed what is left of either, every claim gets the
// same fraction, available / claims (pro rata), so the allocation depends on
// no processing order and the outlay ends at exactly 0. Approved claims are
// paid out disbursement_lag_years after the step that earned them.
#include <deque>
#include <utility>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

struct PliOffer {
  double pv_per_unit = 0;  // present value per unit of incremental capacity, expected payment
  double threshold_global = 0, threshold_domestic = 0;  // incremental capacity needed to qualify (units)
  double cap_pv = 0;  // present value of the per-firm cap over the same years
};

class PliPrograms {
 public:
  explicit PliPrograms(const ModelSpec& spec);

  [[nodiscard]] int scheme_of(int sector) const { return scheme_of_sector_[sector]; }
  [[nodiscard]] int count() const { return static_cast<int>(schemes_.size()); }
  [[nodiscard]] const PliSpec& spec(int scheme) const { return schemes_[scheme].spec; }
  // Outlay not yet committed to approved claims.
  [[nodiscard]] double remaining(int scheme) const { return schemes_[scheme].remaining; }
  [[nodiscard]] double committed_cumulative(int scheme) const { return schemes_[scheme].spec.outlay - schemes_[scheme].remaining; }
  // Paid out (disbursed) so far.
  [[nodiscard]] double paid_cumulative(int scheme) const { return schemes_[scheme].paid_cumulative; }

  // Scheme year containing t, or -1 before the start or after the end.
  [[nodiscard]] int year_index(int scheme, double t) const;

  // The firm's expectation that the outlay lasts: what is left over the claims
  // expected for the scheme's remaining years at last step's pace, capped at 1.
  [[nodiscard]] double probability_outlay_lasts(int scheme, double t) const;

  // What a plant that starts producing at production_start (decimal year) can
  // expect, valued at now with the given discount rate.
  [[nodiscard]] PliOffer offer(int scheme, double now, double production_start, double discount_rate,
                               double capital_per_unit) const;

  // One agent's claim for a step [t, t + dt): rate times incremental sales over
  // the step, when the firms it stands for (firms of them, each with
  // incremental_capacity / firms) meet both thresholds of the scheme year,
  // capped per firm and year.
  [[nodiscard]] double claim(int scheme, double t, double dt, double incremental_capacity, double firms, bool domestic,
                             double capital_per_unit) const;

  // Approves a step [now, now + dt)'s total claims; returns the fraction of
  // each claim approved.
  double settle(int scheme, double total_claims, double now, double dt);
  // Pays out the approved claims that fall due before `until`; returns the amount.
  double disburse(int scheme, double until);

 private:
  struct Scheme {
    PliSpec spec;
    double remaining = 0;
    double paid_cumulative = 0;
    double claims_per_year = 0;  // at last step's pace
    std::vector<double> approved_in_year;       // per scheme year, against yearly_caps
    std::deque<std::pair<double, double>> due;  // (date, amount) approved, not yet paid
  };
  std::vector<Scheme> schemes_;
  std::vector<int> scheme_of_sector_;
};

}  // namespace relocsim
