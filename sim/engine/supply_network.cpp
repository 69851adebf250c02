#include "relocsim/engine/supply_network.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

#include "relocsim/engine/rng.hpp"

namespace relocsim {
namespace {

// [buyer][j]: the j-th supplier each buyer draws.
std::vector<std::uint32_t> draw_suppliers(const PopulationInputs& in, const std::vector<std::uint8_t>& firm_sector,
                                          std::size_t links) {
  const std::size_t n = firm_sector.size();
  std::vector<std::uint32_t> edges(n * links);
  if (edges.empty()) return edges;
  std::vector<std::vector<std::uint32_t>> members(in.sectors.size());
  for (std::size_t f = 0; f < n; ++f) members[firm_sector[f]].push_back(static_cast<std::uint32_t>(f));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t buyer = r.begin(); buyer != r.end(); ++buyer) {
      FirmStream stream(in.seed, buyer, 0, Purpose::SupplyLinks);
      const auto& mix = in.sectors[firm_sector[buyer]].supplier_mix;
      for (std::size_t j = 0; j < links; ++j) {
        const double u_sector = stream.uniform(), u_firm = stream.uniform();
        std::size_t supplier = n;
        if (!mix.empty()) {
          double acc = 0;
          std::size_t k = 0;
          for (; k + 1 < mix.size(); ++k) {
            acc += mix[k];
            if (u_sector < acc) break;
          }
          const auto& pool = members[k];
          const bool self_only = pool.size() == 1 && pool[0] == buyer;
          if (!pool.empty() && !self_only) {
            // Uniform over the pool less the buyer: skip over it when drawn.
            const bool has_self = firm_sector[buyer] == k;
            const auto size = pool.size() - (has_self ? 1 : 0);
            auto pick = static_cast<std::size_t>(u_firm * static_cast<double>(size));
            if (has_self) {
              const auto self_at = static_cast<std::size_t>(
                  std::lower_bound(pool.begin(), pool.end(), static_cast<std::uint32_t>(buyer)) - pool.begin());
              if (pick >= self_at) ++pick;
            }
            supplier = pool[pick];
          }
        }
        if (supplier == n) {
          supplier = static_cast<std::size_t>(u_firm * static_cast<double>(n - 1));
          if (supplier >= buyer) ++supplier;
        }
        edges[buyer * links + j] = static_cast<std::uint32_t>(supplier);
      }
    }
  });
  return edges;
}

}  // namespace

SupplyNetwork::SupplyNetwork(const PopulationInputs& in, const std::vector<std::uint8_t>& firm_sector) {
  const std::size_t n = firm_sector.size();
  per_firm_ = n > 1 ? static_cast<std::size_t>(in.population.supply_links) : 0;
  suppliers_ = draw_suppliers(in, firm_sector, per_firm_);
  // Buyers by supplier: count, prefix sums, then place in buyer order with
  // each row's start as its cursor (which leaves it at the row's end, so
  // shift the starts back by one row after).
  buyer_start_.assign(n + 1, 0);
  for (const std::uint32_t s : suppliers_) ++buyer_start_[s + 1];
  for (std::size_t f = 0; f < n; ++f) buyer_start_[f + 1] += buyer_start_[f];
  buyers_.resize(suppliers_.size());
  for (std::size_t buyer = 0; buyer < n; ++buyer)
    for (std::size_t j = buyer * per_firm_; j < (buyer + 1) * per_firm_; ++j)
      buyers_[buyer_start_[suppliers_[j]]++] = static_cast<std::uint32_t>(buyer);
  for (std::size_t f = n; f > 0; --f) buyer_start_[f] = buyer_start_[f - 1];
  buyer_start_[0] = 0;
}

PartnerCounts SupplyNetwork::partner_counts(std::size_t firm, const std::vector<std::int8_t>& main_bloc) const {
  PartnerCounts count{};
  for_each_partner(firm, [&](std::uint32_t other) {
    const int b = main_bloc[other];
    if (b >= 0) ++count[b];
  });
  return count;
}

std::array<float, kNumBlocs> SupplyNetwork::partner_blocs(std::size_t firm,
                                                          const std::vector<std::int8_t>& main_bloc) const {
  return shares_of(partner_counts(firm, main_bloc));
}

std::size_t SupplyNetwork::most_partners() const {
  std::size_t most = 0;
  for (std::size_t f = 0; f + 1 < buyer_start_.size(); ++f)
    most = std::max<std::size_t>(most, per_firm_ + buyer_start_[f + 1] - buyer_start_[f]);
  return most;
}

std::vector<std::uint32_t> SupplyNetwork::suppliers(std::size_t firm) const {
  return {suppliers_.begin() + static_cast<std::ptrdiff_t>(firm * per_firm_),
          suppliers_.begin() + static_cast<std::ptrdiff_t>((firm + 1) * per_firm_)};
}

}  // namespace relocsim
