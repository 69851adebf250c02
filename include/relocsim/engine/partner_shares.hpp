#pragma once
// Each firm's partners by the bloc of their largest plant (supplier
// proximity, docs/ODD.md section 7.2), held as counts: 6 bytes a firm instead
// of the 12 of three float shares. A firm's shares are its counts over their
// sum, in float, as SupplyNetwork::partner_blocs computes them, to the bit: a
// count below 2^24 is exact in a float. A network in which some firm has more
// partners than 16 bits count keeps the float shares instead.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

using PartnerCounts = std::array<std::uint32_t, kNumBlocs>;

// Shares from counts: zeros for a firm with no partners.
[[nodiscard]] inline std::array<float, kNumBlocs> shares_of(const PartnerCounts& c) {
  std::array<float, kNumBlocs> share{};
  std::uint32_t partners = 0;
  for (int b = 0; b < kNumBlocs; ++b) {
    share[b] = static_cast<float>(c[b]);
    partners += c[b];
  }
  if (partners > 0)
    for (auto& s : share) s /= static_cast<float>(partners);
  return share;
}

class PartnerShares {
 public:
  // Every firm with no partners counted; most_partners: the largest number of
  // partners any firm has.
  void reset(std::size_t firms, std::size_t most_partners) {
    narrow_ = most_partners <= std::numeric_limits<std::uint16_t>::max();
    counts_.assign(narrow_ ? firms : 0, {});
    shares_.assign(narrow_ ? 0 : firms, {});
  }
  void set(std::size_t f, const PartnerCounts& c) {
    if (narrow_) {
      counts_[f] = {static_cast<std::uint16_t>(c[0]), static_cast<std::uint16_t>(c[1]),
                    static_cast<std::uint16_t>(c[2])};
    } else {
      shares_[f] = shares_of(c);
    }
  }
  [[nodiscard]] std::array<float, kNumBlocs> operator[](std::size_t f) const {
    if (!narrow_) return shares_[f];
    const auto& c = counts_[f];
    return shares_of({c[0], c[1], c[2]});
  }

 private:
  static_assert(kNumBlocs == 3);
  bool narrow_ = true;
  std::vector<std::array<std::uint16_t, kNumBlocs>> counts_;
  std::vector<std::array<float, kNumBlocs>> shares_;
};

}  // namespace relocsim
