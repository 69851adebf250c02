#include "summary.hpp"

#include "date_label.hpp"
#include "open_hint.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace relocsim::cli {

void Summary::on_start(const RunStart& start) {
  for (const auto& s : start.spec.sites) site_bloc_.push_back(s.bloc);
  for (const auto& k : start.spec.sectors) sector_ids_.push_back(k.id);
  inr_per_usd_ = start.spec.params.inr_per_usd;
  counted_.assign(static_cast<std::size_t>(start.spec.population.n_firms) * kNumBlocs, 0);
}

void Summary::on_step(const StepRecord& r) {
  const std::size_t K = sector_ids_.size();
  std::array<double, kNumBlocs> cap{};
  for (std::size_t s = 0; s < site_bloc_.size(); ++s)
    for (std::size_t k = 0; k < K; ++k) cap[static_cast<int>(site_bloc_[s])] += r.capacity[s * K + k];
  std::vector<double> india(K);
  for (std::size_t k = 0; k < K; ++k) india[k] = r.capacity_share[static_cast<int>(Bloc::India) * K + k];
  if (first_) {
    start_capacity_ = cap;
    india_share_start_ = india;
    start_year_ = r.year;
    first_ = false;
  }
  end_capacity_ = cap;
  india_share_end_ = india;
  end_year_ = r.year;
  for (const auto& e : r.events) {
    if (e.kind != EventKind::MoveCompleted && e.kind != EventKind::AddCompleted) continue;
    const int to = static_cast<int>(site_bloc_[e.to_site]);
    if (e.from_site >= 0 && static_cast<int>(site_bloc_[e.from_site]) == to) continue;
    auto& seen = counted_[static_cast<std::size_t>(e.firm) * kNumBlocs + to];
    if (!seen) ++relocated_[to];
    seen = 1;
  }
  pli_paid_ = 0;
  for (double p : r.pli_paid_cumulative) pli_paid_ += p;
}

double Summary::capacity_share(Bloc b, bool at_end) const {
  const auto& c = at_end ? end_capacity_ : start_capacity_;
  const double total = c[0] + c[1] + c[2];
  return total > 0 ? c[static_cast<int>(b)] / total : 0;
}

void Summary::print(std::FILE* out, const std::string& output_path) const {
  fmt::print(out, "\nCapacity share by bloc (all sectors)\n");
  fmt::print(out, "  {:<8} {:>10} {:>10}\n", "bloc", date_label(start_year_), date_label(end_year_));
  for (int b = 0; b < kNumBlocs; ++b)
    fmt::print(out, "  {:<8} {:>9.1f}% {:>9.1f}%\n", kBlocNames[b], 100 * capacity_share(static_cast<Bloc>(b), false),
               100 * capacity_share(static_cast<Bloc>(b), true));
  fmt::print(out, "India's share of capacity by sector ({} to {})\n", date_label(start_year_), date_label(end_year_));
  for (std::size_t k = 0; k < sector_ids_.size(); ++k)
    fmt::print(out, "  {:<20} {:>8.1f}% {:>8.1f}%\n", sector_ids_[k], 100 * india_share_start_[k],
               100 * india_share_end_[k]);
  fmt::print(out, "Firms relocated (a plant opened there, coming from another bloc)\n");
  fmt::print(out, "  to India {:>8}\n  to ASEAN {:>8}\n", relocated_to(Bloc::India), relocated_to(Bloc::ASEAN));
  fmt::print(out, "PLI paid  USD {:.0f} million (INR {:.0f} crore)\n", pli_paid_, pli_paid_ * inr_per_usd_ / 10);
  fmt::print(out, "Results: {}\n", output_path);
  fmt::print(out, "{}", open_hint(output_path));
  fmt::print(out, "  layout: docs/OUTPUT.md\n");
}

}  // namespace relocsim::cli
