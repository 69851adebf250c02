#pragma once
// What firms learn from peers (same home country and sector): where they
// recently decided to move or add a plant. A site's peer share is the decayed
// count of such decisions over the group's size; it adds to the value of the
// site for the group's firms, so herding can arise.
#include <cstdint>
#include <span>
#include <vector>

#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/spec.hpp"

namespace relocsim {

class PeerMoves {
 public:
  PeerMoves(const ModelSpec& spec, const std::vector<std::uint8_t>& firm_home, const std::vector<std::uint8_t>& firm_sector);
  // Fades the memory and adds this step's decisions (events *_started).
  void update(std::span<const Event> events, const std::vector<std::uint8_t>& firm_home,
              const std::vector<std::uint8_t>& firm_sector);
  // Share of the (home, sector) group that recently chose the site.
  [[nodiscard]] double share(int home, int sector, int site) const {
    return recent_[index(home, sector, site)] / group_size_[static_cast<std::size_t>(home) * sectors_ + sector];
  }

 private:
  [[nodiscard]] std::size_t index(int home, int sector, int site) const {
    return (static_cast<std::size_t>(home) * sectors_ + sector) * sites_ + site;
  }
  std::size_t sectors_, sites_;
  double persistence_;
  std::vector<double> recent_;      // [home][sector][site]
  std::vector<double> group_size_;  // [home][sector], at least 1
};

}  // namespace relocsim
