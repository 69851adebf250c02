#include <fmt/format.h>

#include <numeric>

#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {
namespace {

template <class T>
std::vector<T> indices(std::size_t n) {
  std::vector<T> v(n);
  std::iota(v.begin(), v.end(), T{0});
  return v;
}

template <class F>
std::vector<std::string> site_strings(const ModelSpec& spec, F field) {
  std::vector<std::string> out;
  for (const auto& s : spec.sites) out.push_back(field(s));
  return out;
}

void check_size(const std::vector<double>& v, std::size_t expected, const char* what) {
  if (v.size() != expected) {
    throw OutputError(fmt::format("run start: {} has {} values, expected {}", what, v.size(), expected));
  }
}

}  // namespace

Labels labels_of(const ModelSpec& spec) {
  Labels l;
  for (const auto& s : spec.sites) l.sites.push_back(s.id);
  for (const auto& s : spec.sectors) l.sectors.push_back(s.id);
  for (const auto& m : spec.markets) l.markets.push_back(m.id);
  l.blocs.assign(kBlocNames.begin(), kBlocNames.end());
  l.event_kinds.assign(kEventKindNames.begin(), kEventKindNames.end());
  l.homes = spec.population.home_countries;
  return l;
}

void define_axes(nc::Layout& layout, const RunStart& start, const Labels& labels) {
  const ModelSpec& spec = start.spec;
  using nc::Storage;
  layout.numeric_dimension<std::int32_t>("step", indices<std::int32_t>(static_cast<std::size_t>(start.records)),
                                         {"step; record 0 is the state before any decision", "1"});
  layout.label_dimension("site", labels.sites, {"site id"});
  layout.label_dimension("sector", labels.sectors, {"sector id"});
  layout.label_dimension("bloc", labels.blocs, {"bloc (group of producing countries)"});
  layout.label_dimension("market", labels.markets, {"destination market id"});
  layout.label_dimension("event_kind", labels.event_kinds, {"kind of event"});
  layout.label_dimension("home", labels.homes, {"home country of a firm"});
  layout.numeric_dimension<std::int32_t>("plant_slot", indices<std::int32_t>(kMaxPlants),
                                         {"slot in a firm's list of plants", "1"});
  layout.unlimited_dimension("event", {"event number, in the order events happened", "1"});

  layout.variable<double>("year", {"step"}, {"decimal year at the end of the step", "year"}, Storage::Contiguous);

  const std::vector<std::string> site{"site"};
  layout.string_variable("site_name", site, {"site name"}).write_strings(site_strings(spec, [](auto& s) {
    return s.name;
  }));
  std::vector<std::int8_t> bloc_codes;
  for (const auto& s : spec.sites) bloc_codes.push_back(static_cast<std::int8_t>(s.bloc));
  auto& bloc = layout.variable<std::int8_t>("site_bloc", site, {"bloc of the site", "1"}, Storage::Contiguous);
  bloc.write(std::span<const std::int8_t>(bloc_codes));
  nc::describe_codes<std::int8_t>(bloc, labels.blocs, "bloc");
  layout.string_variable("site_country", site, {"country of the site"})
      .write_strings(site_strings(spec, [](auto& s) { return s.country; }));
  layout.string_variable("site_state", site, {"state or province of the site"})
      .write_strings(site_strings(spec, [](auto& s) { return s.state; }));
  layout.string_variable("site_corridor", site, {"industrial corridor of the site; empty when none"})
      .write_strings(site_strings(spec, [](auto& s) { return s.corridor; }));

  std::vector<std::string> sector_names, market_names;
  for (const auto& k : spec.sectors) sector_names.push_back(k.name);
  for (const auto& m : spec.markets) market_names.push_back(m.name);
  layout.string_variable("sector_name", {"sector"}, {"sector name"}).write_strings(sector_names);
  layout.string_variable("market_name", {"market"}, {"market name"}).write_strings(market_names);

  const std::size_t routes = spec.sites.size() * spec.markets.size();
  check_size(start.route_cost, routes, "route_cost");
  check_size(start.route_days, routes, "route_days");
  layout
      .variable<double>("route_cost", {"site", "market"},
                        {"generalised cost of the cheapest route from the site to the market, as a fraction of "
                         "the goods' value",
                         "1"},
                        Storage::Contiguous)
      .write(std::span<const double>(start.route_cost));
  layout
      .variable<double>("route_days", {"site", "market"}, {"transit time along the cheapest route", "day"},
                        Storage::Contiguous)
      .write(std::span<const double>(start.route_days));
}

}  // namespace relocsim::output
