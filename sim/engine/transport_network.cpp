#include "relocsim/engine/transport_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>

#include "relocsim/engine/error.hpp"

namespace relocsim {

TransportNetwork::TransportNetwork(const ModelSpec& spec) : time_cost_per_day_(spec.params.time_cost_per_day) {
  auto vertex = [&](const std::string& name) {
    auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) return static_cast<int>(it - names_.begin());
    names_.push_back(name);
    return static_cast<int>(boost::add_vertex(graph_));
  };
  for (const auto& leg : spec.legs) {
    if (!(std::isfinite(leg.cost_share) && leg.cost_share >= 0 && std::isfinite(leg.days) && leg.days >= 0))
      throw SpecError("transport leg " + leg.from + " - " + leg.to + ": cost_share and days must be >= 0");
    const int a = vertex(leg.from), b = vertex(leg.to);
    boost::add_edge(a, b, LegProps{leg.cost_share, leg.days, leg.cost_share + time_cost_per_day_ * leg.days},
                    graph_);
  }
  for (const auto& site : spec.sites) site_vertex_.push_back(vertex(site.node));
  for (const auto& market : spec.markets) market_vertex_.push_back(vertex(market.hub_node));

  // Fail now, naming the pair, rather than price a market at infinity later.
  const auto all = routes();
  for (std::size_t s = 0; s < spec.sites.size(); ++s)
    for (std::size_t m = 0; m < spec.markets.size(); ++m)
      if (!std::isfinite(all[s * spec.markets.size() + m].cost))
        throw SpecError("transport network: site " + spec.sites[s].id + " (node " + spec.sites[s].node +
                        ") cannot reach market " + spec.markets[m].id + " (hub " + spec.markets[m].hub_node + ")");
}

int TransportNetwork::vertex_of(const std::string& name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  return it == names_.end() ? -1 : static_cast<int>(it - names_.begin());
}

std::vector<Route> TransportNetwork::routes() const {
  const auto n = boost::num_vertices(graph_);
  const auto n_sites = site_vertex_.size(), n_markets = market_vertex_.size();
  std::vector<Route> out(n_sites * n_markets);
  std::vector<double> dist(n);
  std::vector<Graph::vertex_descriptor> pred(n);
  for (std::size_t m = 0; m < n_markets; ++m) {
    boost::dijkstra_shortest_paths(
        graph_, static_cast<Graph::vertex_descriptor>(market_vertex_[m]),
        boost::weight_map(boost::get(&LegProps::weight, graph_))
            .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph_)))
            .predecessor_map(
                boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, graph_))));
    for (std::size_t s = 0; s < n_sites; ++s) {
      auto v = static_cast<Graph::vertex_descriptor>(site_vertex_[s]);
      Route r;
      if (dist[v] == std::numeric_limits<double>::max()) {
        r.cost = r.days = std::numeric_limits<double>::infinity();
      } else {
        // Walk back to the hub, summing freight and days; parallel legs
        // between two vertices: take the one Dijkstra would have used.
        while (v != pred[v]) {
          const auto u = pred[v];
          double best = std::numeric_limits<double>::infinity(), cost = 0, days = 0;
          for (auto [e, end] = boost::out_edges(u, graph_); e != end; ++e) {
            if (boost::target(*e, graph_) != v) continue;
            const auto& p = graph_[*e];
            if (p.weight < best) best = p.weight, cost = p.cost_share, days = p.days;
          }
          r.cost += cost;
          r.days += days;
          v = u;
        }
        r.cost += time_cost_per_day_ * r.days;
      }
      out[s * n_markets + m] = r;
    }
  }
  return out;
}

void TransportNetwork::set_leg(const LegSpec& leg) {
  int a = vertex_of(leg.from), b = vertex_of(leg.to);
  if (a >= 0 && b >= 0 && boost::edge(a, b, graph_).second) {
    upgrade_leg(leg.from, leg.to, leg.cost_share, leg.days);
    return;
  }
  auto vertex = [&](const std::string& name) {
    names_.push_back(name);
    return static_cast<int>(boost::add_vertex(graph_));
  };
  if (a < 0) a = vertex(leg.from);
  if (b < 0) b = vertex(leg.to);
  boost::add_edge(a, b, LegProps{leg.cost_share, leg.days, leg.cost_share + time_cost_per_day_ * leg.days}, graph_);
}

void TransportNetwork::upgrade_leg(const std::string& from, const std::string& to, double cost_share, double days) {
  const int a = vertex_of(from), b = vertex_of(to);
  if (a < 0 || b < 0) throw SpecError("no transport leg " + from + " - " + to);
  auto [e, found] = boost::edge(a, b, graph_);
  if (!found) throw SpecError("no transport leg " + from + " - " + to);
  graph_[e] = LegProps{cost_share, days, cost_share + time_cost_per_day_ * days};
}

}  // namespace relocsim
