#pragma once
// Directed supplier -> buyer links among firms (Boost's compressed sparse row
// graph: a million firms cost a few bytes each). A firm's partners, both its
// suppliers and its buyers, make its inputs cheaper where they are.
#include <array>
#include <cstdint>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/spec.hpp"

namespace relocsim {

class SupplyNetwork {
 public:
  // Each firm draws `links` suppliers from its own random stream (so the
  // network does not depend on the thread count): a supplier sector by its
  // sector's supplier_mix, then a firm of that sector uniformly. With no
  // supplier_mix, or no other firm in the drawn sector, any other firm alike.
  SupplyNetwork(const ModelSpec& spec, const std::vector<std::uint8_t>& firm_sector);

  // Share of the firm's partners whose largest plant is in each bloc; zeros
  // for a firm with no partners.
  [[nodiscard]] std::array<float, kNumBlocs> partner_blocs(std::size_t firm, const std::vector<std::int8_t>& main_bloc) const;

  // fn(partner) for each supplier and buyer of the firm.
  template <class Fn>
  void for_each_partner(std::size_t firm, Fn fn) const {
    const auto v = static_cast<Graph::vertex_descriptor>(firm);
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e)
      fn(static_cast<std::uint32_t>(boost::target(*e, graph_)));
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e)
      fn(static_cast<std::uint32_t>(boost::source(*e, graph_)));
  }

  [[nodiscard]] std::size_t links() const { return boost::num_edges(graph_); }
  [[nodiscard]] std::vector<std::uint32_t> suppliers(std::size_t firm) const;

 private:
  using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                                   boost::no_property, std::uint32_t, std::uint32_t>;
  Graph graph_;
};

}  // namespace relocsim
