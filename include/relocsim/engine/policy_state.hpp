#pragma once
// The levers that change at dates (ModelSpec::events): tariffs, single-window
// clearance, transport legs, China's export controls and the initiatives
// that lower exposure to them, and dated disruptions. Each event takes effect
// at the start of the first step that begins at or after its date.
#include <cstdint>
#include <utility>
#include <vector>

#include "relocsim/engine/spec.hpp"
#include "relocsim/engine/transport_network.hpp"

namespace relocsim {

class PolicyState {
 public:
  explicit PolicyState(const ModelSpec& spec);

  struct Applied {
    bool network_changed = false;
    std::vector<std::pair<int, double>> disruptions;  // (bloc, severity) of dated disruptions
    double export_control_severity = 0;               // severity added by export controls this step
    int count = 0;                                    // events applied
  };
  // Applies every event dated before `until` that has not been applied yet,
  // in date order (ties in the order given). Leg events change `network`.
  Applied apply_due(double until, TransportNetwork& network);

  [[nodiscard]] double tariff(int country, int market, int sector) const {
    return tariffs_[(static_cast<std::size_t>(country) * markets_ + market) * sectors_ + sector];
  }
  [[nodiscard]] bool single_window(int site) const { return single_window_[site] != 0; }
  // Share of the site's critical-mineral supply processed in China, after initiatives.
  [[nodiscard]] double mineral_exposure(int site) const { return exposure_[site]; }
  // Export controls in force: cumulative severity, never below 0.
  [[nodiscard]] double export_control_severity() const { return severity_; }

 private:
  const ModelSpec& spec_;
  std::size_t markets_, sectors_;
  std::vector<double> tariffs_;
  std::vector<std::uint8_t> single_window_;
  std::vector<double> exposure_;
  double severity_ = 0;
  std::vector<std::size_t> order_;  // events by date
  std::size_t next_ = 0;
};

}  // namespace relocsim
