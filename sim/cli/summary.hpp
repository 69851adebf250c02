#pragma once
// The few numbers a user wants to see when a run ends: where capacity was and
// is, how many firms relocated to India and to ASEAN, what the PLI cost.
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "relocsim/engine/observer.hpp"

namespace relocsim::cli {

class Summary : public Observer {
 public:
  void on_start(const RunStart& start) override;
  void on_step(const StepRecord& record) override;

  // Firms whose plant opened in the bloc, coming from another bloc.
  [[nodiscard]] int relocated_to(Bloc b) const { return relocated_[static_cast<int>(b)]; }
  [[nodiscard]] double capacity_share(Bloc b, bool at_end) const;
  [[nodiscard]] double pli_paid() const { return pli_paid_; }
  void print(std::FILE* out, const std::string& output_path) const;

 private:
  std::vector<Bloc> site_bloc_;
  std::vector<std::string> sector_ids_;
  double inr_per_usd_ = 0;
  double start_year_ = 0, end_year_ = 0;
  std::array<double, kNumBlocs> start_capacity_{}, end_capacity_{};
  std::vector<double> india_share_start_, india_share_end_;  // [sector]
  std::array<int, kNumBlocs> relocated_{};
  std::vector<std::uint8_t> counted_;  // [firm][bloc] already counted
  double pli_paid_ = 0;
  bool first_ = true;
};

}  // namespace relocsim::cli
