#include "relocsim/engine/policy_state.hpp"

#include <algorithm>
#include <numeric>

namespace relocsim {

PolicyState::PolicyState(const ModelSpec& spec)
    : spec_(spec), markets_(spec.markets.size()), sectors_(spec.sectors.size()), tariffs_(spec.tariffs) {
  for (const auto& s : spec.sites) {
    single_window_.push_back(s.single_window ? 1 : 0);
    exposure_.push_back(s.mineral_exposure);
  }
  order_.resize(spec.events.size());
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return spec.events[a].year < spec.events[b].year; });
}

PolicyState::Applied PolicyState::apply_due(double until, TransportNetwork& network) {
  Applied applied;
  const auto& p = spec_.params;
  // Does the event's origin (a country, or every country of a bloc) cover site s?
  auto covers = [&](const ScheduledEvent& e, const SiteSpec& site) {
    return e.country >= 0 ? spec_.countries[e.country] == site.country : static_cast<int>(site.bloc) == e.bloc;
  };
  while (next_ < order_.size() && spec_.events[order_[next_]].year < until) {
    const ScheduledEvent& e = spec_.events[order_[next_++]];
    ++applied.count;
    switch (e.type) {
      case ScheduledType::Tariff:
        for (std::size_t c = 0; c < spec_.countries.size(); ++c) {
          const auto site = std::find_if(spec_.sites.begin(), spec_.sites.end(),
                                         [&](const SiteSpec& s) { return s.country == spec_.countries[c]; });
          if (site == spec_.sites.end() || !covers(e, *site)) continue;
          for (std::size_t k = 0; k < sectors_; ++k)
            if (e.sector < 0 || static_cast<std::size_t>(e.sector) == k)
              tariffs_[(c * markets_ + e.market) * sectors_ + k] = e.value;
        }
        break;
      case ScheduledType::SingleWindow:
        for (std::size_t s = 0; s < spec_.sites.size(); ++s)
          if (spec_.sites[s].state == e.state) single_window_[s] = e.enabled ? 1 : 0;
        break;
      case ScheduledType::Leg:
        network.set_leg(e.leg);
        applied.network_changed = true;
        break;
      case ScheduledType::ExportControl:
        if (!p.export_controls) break;
        applied.export_control_severity += e.value;
        severity_ = std::max(0.0, severity_ + e.value);
        break;
      case ScheduledType::MineralsInitiative:
        if (!p.export_controls) break;
        for (std::size_t s = 0; s < spec_.sites.size(); ++s)
          if (covers(e, spec_.sites[s])) exposure_[s] *= 1 - e.value;
        break;
      case ScheduledType::Disruption:
        applied.disruptions.emplace_back(e.bloc, e.value);
        break;
    }
  }
  return applied;
}

}  // namespace relocsim
