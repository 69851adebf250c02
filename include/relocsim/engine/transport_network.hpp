#pragma once
// Sites, ports and market hubs joined by sea, rail and road legs. The cheapest
// route from each site to each market prices market access; upgrading a leg
// (a freight corridor opening) and calling routes() again reprices it.
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

struct Route {
  double cost = 0;  // generalised cost: freight share plus time cost, fraction of goods value
  double days = 0;  // transit days along the cheapest route
};

class TransportNetwork {
 public:
  // Throws SpecError when a leg is negative, or a site or a market hub cannot
  // reach each other.
  TransportNetwork(const ModelSpec& spec);

  // Cheapest routes, [site][market]. Dijkstra once from each market hub: legs
  // are undirected, so a hub's distances are every site's distances to it.
  [[nodiscard]] std::vector<Route> routes() const;

  // Replace a leg's cost and time (scenario events); throws if there is no such leg.
  void upgrade_leg(const std::string& from, const std::string& to, double cost_share, double days);
  // Replace the leg, or add it (and any new vertex) when there is none.
  void set_leg(const LegSpec& leg);

  [[nodiscard]] int vertex_count() const { return static_cast<int>(boost::num_vertices(graph_)); }

 private:
  struct LegProps {
    double cost_share = 0;
    double days = 0;
    double weight = 0;  // cost_share + time_cost_per_day * days
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, LegProps>;

  int vertex_of(const std::string& name) const;

  Graph graph_;
  std::vector<std::string> names_;
  std::vector<int> site_vertex_, market_vertex_;
  double time_cost_per_day_ = 0;
};

}  // namespace relocsim
