#include "relocsim/engine/peers.hpp"

namespace relocsim {

PeerMoves::PeerMoves(const ModelSpec& spec, const std::vector<std::uint8_t>& firm_home,
                     const std::vector<std::uint8_t>& firm_sector)
    : sectors_(spec.sectors.size()),
      sites_(spec.sites.size()),
      persistence_(spec.params.herding_persistence),
      recent_(spec.population.home_countries.size() * sectors_ * sites_, 0.0),
      group_size_(spec.population.home_countries.size() * sectors_, 0.0) {
  for (std::size_t f = 0; f < firm_home.size(); ++f) group_size_[firm_home[f] * sectors_ + firm_sector[f]] += 1;
  for (double& g : group_size_) g = g > 0 ? g : 1;  // an empty group has no peers to learn from
}

void PeerMoves::update(std::span<const Event> events, const std::vector<std::uint8_t>& firm_home,
                       const std::vector<std::uint8_t>& firm_sector) {
  for (double& r : recent_) r *= persistence_;
  for (const auto& e : events)
    if (e.kind == EventKind::MoveStarted || e.kind == EventKind::AddStarted)
      recent_[index(firm_home[e.firm], firm_sector[e.firm], e.to_site)] += 1;
}

}  // namespace relocsim
