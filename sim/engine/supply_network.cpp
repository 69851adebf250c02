#include "relocsim/engine/supply_network.hpp"

#include <utility>

#include <tbb/parallel_for.h>

#include "relocsim/engine/rng.hpp"

namespace relocsim {
namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> draw_links(std::size_t n, int links, std::uint64_t seed) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges(n > 1 ? n * static_cast<std::size_t>(links) : 0);
  if (edges.empty()) return edges;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t buyer = r.begin(); buyer != r.end(); ++buyer) {
      FirmStream stream(seed, buyer, 0, Purpose::SupplyLinks);
      for (int j = 0; j < links; ++j) {
        // Uniform over the other n - 1 firms: skip over the buyer itself.
        auto supplier = static_cast<std::size_t>(stream.uniform() * static_cast<double>(n - 1));
        if (supplier >= buyer) ++supplier;
        edges[buyer * links + j] = {static_cast<std::uint32_t>(supplier), static_cast<std::uint32_t>(buyer)};
      }
    }
  });
  return edges;
}

}  // namespace

SupplyNetwork::SupplyNetwork(std::size_t n_firms, int links, std::uint64_t seed) {
  const auto edges = draw_links(n_firms, links, seed);
  graph_ = Graph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), n_firms);
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
