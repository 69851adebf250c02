#include <fmt/format.h>

#include <map>
#include <numeric>
#include <set>

#include "build_spec.hpp"
#include "csv_columns.hpp"

namespace relocsim::config {
namespace {

// Union-find over node names: enough to tell whether every site can reach
// every market; the engine computes the actual routes.
class Components {
 public:
  int id(const std::string& node) {
    const auto [it, inserted] = index_.emplace(node, static_cast<int>(parent_.size()));
    if (inserted) parent_.push_back(it->second);
    return it->second;
  }
  int root(int x) {
    while (parent_[static_cast<std::size_t>(x)] != x) {
      auto& p = parent_[static_cast<std::size_t>(x)];
      p = parent_[static_cast<std::size_t>(p)];
      x = p;
    }
    return x;
  }
  void join(const std::string& a, const std::string& b) {
    const int ra = root(id(a));
    const int rb = root(id(b));
    if (ra != rb) parent_[static_cast<std::size_t>(ra)] = rb;
  }
  bool connected(const std::string& a, const std::string& b) { return root(id(a)) == root(id(b)); }

 private:
  std::map<std::string, int> index_;
  std::vector<int> parent_;
};

}  // namespace

void build_legs(const CsvTable& table, Entities& entities, ModelSpec& spec, ErrorList& errors) {
  CsvColumns csv(table, {"from", "to", "mode", "cost_share", "days"}, errors);
  entities.legs_path = table.path;
  if (!csv.usable()) return;
  entities.legs = true;
  Components network;
  for (const auto& row : table.rows) {
    LegSpec leg;
    const auto from = csv.nonempty(row, "from");
    const auto to = csv.nonempty(row, "to");
    const auto mode = csv.one_of(row, "mode", {"sea", "rail", "road"});
    const auto cost = csv.number(row, "cost_share", Range::at_least(0));
    const auto days = csv.number(row, "days", Range::at_least(0));
    if (from && to) network.join(*from, *to);
    if (from) entities.nodes.insert(*from);
    if (to) entities.nodes.insert(*to);
    if (!(from && to && mode && cost && days)) continue;
    spec.legs.push_back({*from, *to, *mode, *cost, *days});
  }
  if (!entities.sites || !entities.markets || spec.sites.empty()) return;

  // Everything must be reachable from the first site's node; each node that is
  // not is reported once, at the first row that uses it.
  const SiteSpec& anchor = spec.sites.front();
  std::set<std::string> reported;
  auto check = [&](const std::string& node, const std::string& path, int line, const std::string& column) {
    if (node.empty() || network.connected(node, anchor.node) || !reported.insert(node).second) return;
    errors.add({path, line}, column,
               fmt::format("node \"{}\" is not connected to \"{}\" (site {}); expected a chain of legs in {} "
                           "between them",
                           node, anchor.node, anchor.id, table.path));
  };
  for (std::size_t i = 0; i < spec.sites.size(); ++i) {
    check(spec.sites[i].node, entities.sites_path, entities.site_lines[i], "node");
  }
  for (std::size_t i = 0; i < spec.markets.size(); ++i) {
    check(spec.markets[i].hub_node, entities.markets_path, entities.market_lines[i], "hub_node");
  }
}

}  // namespace relocsim::config
