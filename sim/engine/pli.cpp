#include "relocsim/engine/pli.hpp"

#include <algorithm>
#include <cmath>

namespace relocsim {

PliPrograms::PliPrograms(const ModelSpec& spec) : scheme_of_sector_(spec.sectors.size(), -1) {
  for (const auto& p : spec.pli) {
    scheme_of_sector_[p.sector] = static_cast<int>(schemes_.size());
    schemes_.push_back(Scheme{p, p.outlay, 0, 0, std::vector<double>(p.rates.size(), 0.0), {}});
  }
}

int PliPrograms::year_index(int scheme, double t) const {
  const auto& s = schemes_[scheme].spec;
  const double since = t - s.start_year;
  // Compared in double first: a cast of a huge value to int is undefined.
  if (since < 0 || since >= static_cast<double>(s.rates.size())) return -1;
  return static_cast<int>(std::floor(since));
}

double PliPrograms::probability_outlay_lasts(int scheme, double t) const {
  const auto& s = schemes_[scheme];
  const double end = s.spec.start_year + static_cast<double>(s.spec.rates.size());
  const double years_left = std::max(0.0, end - std::max(t, s.spec.start_year));
  const double expected = s.claims_per_year * years_left;
  if (expected <= 0) return s.remaining > 0 ? 1.0 : 0.0;
  return std::clamp(s.remaining / expected, 0.0, 1.0);
}

PliOffer PliPrograms::offer(int scheme, double now, double production_start, double discount_rate,
                            double capital_per_unit) const {
  PliOffer o;
  const auto& s = schemes_[scheme].spec;
  const int n = static_cast<int>(s.rates.size());
  // A scheme not yet announced is worth nothing to a firm deciding now.
  if (now < s.announce_year) return o;
  const double p_lasts = probability_outlay_lasts(scheme, now);
  if (p_lasts <= 0) return o;
  for (int i = 0; i < n; ++i) {
    const double from = std::max(production_start, s.start_year + i), to = s.start_year + i + 1;
    if (to <= from) continue;
    const double years = to - from;
    const double discount = std::pow(1 + discount_rate, -(0.5 * (from + to) - now));
    o.pv_per_unit += s.rates[i] * years * discount;
    o.cap_pv += s.cap_per_firm_year * years * discount;
  }
  // Payment comes disbursement_lag_years later.
  const double lag = std::pow(1 + discount_rate, -s.disbursement_lag_years);
  o.pv_per_unit *= p_lasts * lag;
  o.cap_pv *= p_lasts * lag;
  // The firm must qualify in the year it starts producing.
  const int first =
      static_cast<int>(std::clamp(std::floor(production_start - s.start_year), 0.0, static_cast<double>(n - 1)));
  auto needed = [&](double sales, double investment) {
    return std::max(sales, capital_per_unit > 0 ? investment / capital_per_unit : 0.0);
  };
  o.threshold_global = needed(s.sales_threshold_global[first], s.investment_threshold_global[first]);
  o.threshold_domestic = needed(s.sales_threshold_domestic[first], s.investment_threshold_domestic[first]);
  return o;
}

double PliPrograms::claim(int scheme, double t, double dt, double incremental_capacity, double firms, bool domestic,
                          double capital_per_unit) const {
  const int i = year_index(scheme, t);
  if (i < 0 || incremental_capacity <= 0 || !(firms > 0)) return 0;
  const auto& s = schemes_[scheme].spec;
  const double per_firm = incremental_capacity / firms;
  const double sales_needed = domestic ? s.sales_threshold_domestic[i] : s.sales_threshold_global[i];
  const double investment_needed = domestic ? s.investment_threshold_domestic[i] : s.investment_threshold_global[i];
  if (per_firm < sales_needed || capital_per_unit * per_firm < investment_needed) return 0;
  return std::min(s.rates[i] * incremental_capacity, s.cap_per_firm_year * firms) * dt;
}

double PliPrograms::settle(int scheme, double total_claims, double now, double dt) {
  auto& s = schemes_[scheme];
  s.claims_per_year = total_claims / dt;
  if (total_claims <= 0) return 1.0;
  double available = s.remaining;
  const int year = year_index(scheme, now);
  if (!s.spec.yearly_caps.empty() && year >= 0)
    available = std::min(available, std::max(0.0, s.spec.yearly_caps[year] - s.approved_in_year[year]));
  const double approved = std::min(total_claims, available);
  s.remaining = std::max(0.0, s.remaining - approved);
  if (year >= 0) s.approved_in_year[year] += approved;
  if (approved > 0) s.due.emplace_back(now + dt + s.spec.disbursement_lag_years, approved);
  return approved / total_claims;
}

double PliPrograms::disburse(int scheme, double until) {
  auto& s = schemes_[scheme];
  double paid = 0;
  // A small tolerance: dates are sums of step lengths.
  while (!s.due.empty() && s.due.front().first <= until + 1e-9) {
    paid += s.due.front().second;
    s.due.pop_front();
  }
  s.paid_cumulative += paid;
  return paid;
}

}  // namespace relocsim
