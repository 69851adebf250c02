#include "relocsim/engine/supply_network.hpp"

#include <algorithm>
#include <utility>

#include <tbb/parallel_for.h>

#include "relocsim/engine/rng.hpp"

namespace relocsim {
namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> draw_links(const ModelSpec& spec,
                                                                const std::vector<std::uint8_t>& firm_sector) {
  const std::size_t n = firm_sector.size();
  const auto links = static_cast<std::size_t>(spec.population.supply_links);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges(n > 1 ? n * links : 0);
  if (edges.empty()) return edges;
  std::vector<std::vector<std::uint32_t>> members(spec.sectors.size());
  for (std::size_t f = 0; f < n; ++f) members[firm_sector[f]].push_back(static_cast<std::uint32_t>(f));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t buyer = r.begin(); buyer != r.end(); ++buyer) {
      FirmStream stream(spec.run.seed, buyer, 0, Purpose::SupplyLinks);
      const auto& mix = spec.sectors[firm_sector[buyer]].supplier_mix;
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
        edges[buyer * links + j] = {static_cast<std::uint32_t>(supplier), static_cast<std::uint32_t>(buyer)};
      }
    }
  });
  return edges;
}

}  // namespace

SupplyNetwork::SupplyNetwork(const ModelSpec& spec, const std::vector<std::uint8_t>& firm_sector) {
  const auto edges = draw_links(spec, firm_sector);
  graph_ = Graph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), firm_sector.size());
}

std::array<float, kNumBlocs> SupplyNetwork::partner_blocs(std::size_t firm,
                                                          const std::vector<std::int8_t>& main_bloc) const {
  std::array<float, kNumBlocs> share{};
  int partners = 0;
  const auto v = static_cast<Graph::vertex_descriptor>(firm);
  auto count = [&](std::size_t other) {
    const int b = main_bloc[other];
    if (b < 0) return;
    share[b] += 1;
    ++partners;
  };
  for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) count(boost::target(*e, graph_));
  for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) count(boost::source(*e, graph_));
  if (partners > 0)
    for (auto& s : share) s /= static_cast<float>(partners);
  return share;
}

std::vector<std::uint32_t> SupplyNetwork::suppliers(std::size_t firm) const {
  std::vector<std::uint32_t> out;
  const auto v = static_cast<Graph::vertex_descriptor>(firm);
  for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e)
    out.push_back(static_cast<std::uint32_t>(boost::source(*e, graph_)));
  return out;
}

}  // namespace relocsim
