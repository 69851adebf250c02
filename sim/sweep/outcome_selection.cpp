// Selection lists to flat indices. A site is taken when it passes every list
// given (blocs, sites, corridors): blocs = ["India"] with corridors =
// ["DMIC"] is India's DMIC sites.
#include "outcome_selection.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "suggest.hpp"

namespace relocsim::sweep {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Reports each name of `list` that is not among `known`; a mask over `known`.
std::vector<bool> mask_of(const std::vector<std::string>& list, const std::vector<std::string>& known,
                          const std::string& key, const char* what, const Reject& reject) {
  for (const auto& name : list) {
    if (!contains(known, name)) {
      reject(key, known.empty() ? fmt::format("unknown {} '{}': the scenario has none", what, name)
                                : fmt::format("unknown {} '{}'{}; the scenario has {}", what, name,
                                              config::did_you_mean(name, known), fmt::join(known, ", ")));
    }
  }
  std::vector<bool> mask(known.size());
  for (std::size_t i = 0; i < known.size(); ++i) mask[i] = list.empty() || contains(list, known[i]);
  return mask;
}

}  // namespace

SelectionLists numerator_lists(const OutcomeDefinition& d) {
  return {d.blocs, d.sites, d.corridors, d.sectors, d.markets, d.abroad, ""};
}

SelectionLists denominator_lists(const OutcomeDefinition& d) {
  SelectionLists l{d.of_blocs, d.of_sites, d.of_corridors, d.of_sectors, d.of_markets, false, "of_"};
  if (d.of_sectors.empty()) l.sectors = d.sectors;
  if (d.of_markets.empty()) {
    l.markets = d.markets;
    l.abroad = d.abroad;
  }
  return l;
}

std::vector<std::size_t> select_cells(const OutcomeVariable& v, const ModelSpec& spec, const SelectionLists& l,
                                      const Reject& report) {
  const std::string& p = l.key_prefix;
  int unknown = 0;  // a list with an unknown name selects less; that is the error to show
  const Reject reject = [&](const std::string& key, const std::string& problem) {
    ++unknown;
    report(key, problem);
  };
  const std::vector<std::string> blocs(kBlocNames.begin(), kBlocNames.end());
  std::vector<std::string> site_ids, corridors, sectors, markets;
  std::set<std::string> corridor_set;
  for (const auto& s : spec.sites) {
    site_ids.push_back(s.id);
    if (!s.corridor.empty()) corridor_set.insert(s.corridor);
  }
  corridors.assign(corridor_set.begin(), corridor_set.end());
  for (const auto& k : spec.sectors) sectors.push_back(k.id);
  for (const auto& m : spec.markets) markets.push_back(m.id);

  const auto bloc_mask = mask_of(l.blocs, blocs, p + "blocs", "bloc", reject);
  const auto id_mask = mask_of(l.sites, site_ids, p + "sites", "site", reject);
  mask_of(l.corridors, corridors, p + "corridors", "corridor", reject);
  const auto sector_mask = mask_of(l.sectors, sectors, p + "sectors", "sector", reject);
  const auto market_mask = mask_of(l.markets, markets, p + "markets", "market", reject);

  // The first dimension: sites (through blocs, ids and corridors), or blocs.
  std::vector<bool> first;
  if (by_site(v.shape)) {
    for (std::size_t s = 0; s < spec.sites.size(); ++s) {
      const auto& site = spec.sites[s];
      first.push_back(bloc_mask[static_cast<std::size_t>(site.bloc)] && id_mask[s] &&
                      (l.corridors.empty() || contains(l.corridors, site.corridor)));
    }
  } else if (v.shape == VariableShape::BlocSector) {
    first = bloc_mask;
  } else {
    first = {true};
  }
  const std::size_t K = by_sector(v.shape) ? sectors.size() : 1;
  const std::size_t M = v.shape == VariableShape::SiteSectorMarket ? markets.size() : 1;
  std::vector<std::size_t> cells;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (!first[i]) continue;
    for (std::size_t k = 0; k < K; ++k) {
      if (by_sector(v.shape) && !sector_mask[k]) continue;
      for (std::size_t m = 0; m < M; ++m) {
        if (v.shape == VariableShape::SiteSectorMarket) {
          if (!market_mask[m]) continue;
          // A market named after a bloc is that bloc's home market.
          if (l.abroad && markets[m] == kBlocNames[static_cast<std::size_t>(spec.sites[i].bloc)]) continue;
        }
        cells.push_back((i * K + k) * M + m);
      }
    }
  }
  if (cells.empty() && unknown == 0) {
    // Named after the last list given: the one that emptied the selection.
    std::string key = p + "blocs";
    const std::pair<const char*, bool> given[] = {{"blocs", !l.blocs.empty()},         {"sites", !l.sites.empty()},
                                                  {"corridors", !l.corridors.empty()}, {"sectors", !l.sectors.empty()},
                                                  {"markets", !l.markets.empty() || l.abroad}};
    for (const auto& [k, yes] : given) {
      if (yes) key = p + k;
    }
    report(key, fmt::format("the selection takes nothing of {}: no element passes every list given", v.name));
  }
  return cells;
}

}  // namespace relocsim::sweep
