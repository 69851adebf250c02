#include "explain_table.hpp"

#include "date_label.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

namespace relocsim::cli {

namespace {

constexpr int kWidth = 15;

// Per year: the horizon value over the annuity factor, in USD per 100 USD of
// annual output (percent of output value); over the horizon: USD per USD.
// A part below the last printed digit shows as 0.00, not -0.00.
double shown(const OptionBreakdown& o, double value, bool horizon) {
  const double v = horizon ? value : 100 * value / o.annuity;
  return std::abs(v) < 0.005 ? 0.0 : v;
}

std::string site_label(const Explained& e, int site) {
  std::string name = e.spec->sites[static_cast<std::size_t>(site)].id;
  return name.size() > kWidth - 1 ? name.substr(0, kWidth - 1) : name;
}

void print_heading(std::FILE* out, const Explained& e, bool horizon) {
  const auto& sector = e.spec->sectors[static_cast<std::size_t>(e.sector)];
  const auto& site = e.spec->sites[static_cast<std::size_t>(e.from_site)];
  const double annuity = e.options.front().annuity;
  fmt::print(out, "{} ({}), {}: a firm from {} producing in {} at {} ({}), {:.0f} USD million of output a year\n",
             sector.name, sector.id, date_label(e.year), e.spec->population.home_countries[static_cast<std::size_t>(e.home)],
             kBlocNames[static_cast<int>(e.from)], site.name, site.id, e.firm_size);
  if (horizon)
    fmt::print(out, "Values over the horizon, USD per USD of annual capacity (annuity factor {:.2f})\n", annuity);
  else
    fmt::print(out,
               "Values per year, USD per 100 USD of annual output (horizon values / annuity factor {:.2f}; "
               "one-off costs as their annual equivalent)\n",
               annuity);
}

const char* kind_text(ProjectKind kind) { return kind == ProjectKind::Add ? "add a plant at" : "move all capacity to"; }

}  // namespace

void print_bloc_table(std::FILE* out, const Explained& e, bool horizon) {
  print_heading(out, e, horizon);
  const ProjectKind kind = e.options.size() > 1 ? e.options[1].kind : ProjectKind::Move;
  const auto best = best_option_per_bloc(*e.spec, e.options, kind);
  fmt::print(out, "Columns: staying, and the option to {} the best site of each bloc (highest total)\n\n",
             kind_text(kind));
  std::vector<const OptionBreakdown*> cols{&e.options.front()};
  fmt::print(out, "{:<20}{:>{}}", "part", "stay", kWidth);
  for (int b = 0; b < kNumBlocs; ++b)
    if (best[b] >= 0) {
      cols.push_back(&e.options[static_cast<std::size_t>(best[b])]);
      fmt::print(out, "{:>{}}", kBlocNames[b], kWidth);
    }
  fmt::print(out, "\n{:<20}{:>{}}", "", site_label(e, e.from_site), kWidth);
  for (std::size_t c = 1; c < cols.size(); ++c) fmt::print(out, "{:>{}}", site_label(e, cols[c]->site), kWidth);
  fmt::print(out, "\n");
  for (int j = 0; j < kNumParts; ++j) {
    fmt::print(out, "{:<20}", part_name(j));
    for (const auto* o : cols) fmt::print(out, "{:>{}.2f}", shown(*o, o->parts[j], horizon), kWidth);
    fmt::print(out, "\n");
  }
  fmt::print(out, "{:<20}", "total");
  for (const auto* o : cols) fmt::print(out, "{:>{}.2f}", shown(*o, o->total(), horizon), kWidth);
  fmt::print(out, "\n{:<20}", "gain over staying");
  for (const auto* o : cols) fmt::print(out, "{:>{}.2f}", shown(*o, o->total() - cols[0]->total(), horizon), kWidth);
  fmt::print(out, "\n");
}

void print_site_table(std::FILE* out, const Explained& e, bool horizon) {
  // Related parts summed so a row fits a wide terminal; the CSV has every part.
  struct Group {
    const char* name;
    std::vector<Part> parts;
  };
  const std::vector<Group> groups{
      {"market", {Part::Sales, Part::Tariffs, Part::Freight}},
      {"time", {Part::TimeCost}},
      {"labour", {Part::Labour}},
      {"land_pw", {Part::LandPower}},
      {"inputs", {Part::Materials, Part::InputMarkup, Part::Minerals}},
      {"agglom", {Part::Agglomeration}},
      {"supplier", {Part::SupplierProximity}},
      {"tax", {Part::Tax}},
      {"risk", {Part::RiskExpected, Part::RiskPremium}},
      {"pli", {Part::Pli}},
      {"subsidy", {Part::Subsidy}},
      {"peers", {Part::Peers}},
      {"setup", {Part::Setup}},
      {"waiting", {Part::Waiting}},
  };
  constexpr int w = 9;
  fmt::print(out, "\nEvery site open to the firm (market = sales - tariffs - freight; inputs = materials + markup + "
                  "minerals; risk = expected loss + premium)\n\n");
  fmt::print(out, "{:<14}{:<7}", "site", "bloc");
  for (const auto& g : groups) fmt::print(out, "{:>{}}", g.name, w);
  fmt::print(out, "{:>{}}{:>{}}\n", "total", w, "gain", w);
  std::vector<std::size_t> order(e.options.size());
  for (std::size_t n = 0; n < order.size(); ++n) order[n] = n;
  auto bloc_of = [&](std::size_t n) {
    return n == 0 ? static_cast<int>(e.from) : static_cast<int>(e.spec->sites[e.options[n].site].bloc);
  };
  std::stable_sort(order.begin() + 1, order.end(), [&](std::size_t a, std::size_t b) {
    if (bloc_of(a) != bloc_of(b)) return bloc_of(a) < bloc_of(b);
    return e.options[a].engine_value > e.options[b].engine_value;
  });
  const double stay = e.options.front().total();
  for (const std::size_t n : order) {
    const auto& o = e.options[n];
    const std::string label = n == 0 ? "stay:" + site_label(e, e.from_site) : site_label(e, o.site);
    fmt::print(out, "{:<14}{:<7}", label.substr(0, 13), kBlocNames[bloc_of(n)]);
    for (const auto& g : groups) {
      double v = 0;
      for (const Part p : g.parts) v += o.parts[static_cast<int>(p)];
      fmt::print(out, "{:>{}.2f}", shown(o, v, horizon), w);
    }
    fmt::print(out, "{:>{}.2f}{:>{}.2f}\n", shown(o, o.total(), horizon), w, shown(o, o.total() - stay, horizon), w);
  }
}

std::string explain_csv(const Explained& e) {
  const auto& spec = *e.spec;
  std::string out =
      "year,sector,from_bloc,from_site,firm_size_usd_million,option,site,bloc,part,value_horizon,value_per_year\n";
  const double stay = e.options.front().total();
  for (const auto& o : e.options) {
    const char* option = o.kind == ProjectKind::None ? "stay" : o.kind == ProjectKind::Move ? "move" : "add";
    const int site = o.kind == ProjectKind::None ? e.from_site : o.site;
    const auto& s = spec.sites[static_cast<std::size_t>(site)];
    auto row = [&](std::string_view part, double value) {
      out += fmt::format("{:.2f},{},{},{},{:.6g},{},{},{},{},{:.9g},{:.9g}\n", e.year,
                         spec.sectors[static_cast<std::size_t>(e.sector)].id, kBlocNames[static_cast<int>(e.from)],
                         spec.sites[static_cast<std::size_t>(e.from_site)].id, e.firm_size, option, s.id,
                         kBlocNames[static_cast<int>(s.bloc)], part, value, value / o.annuity);
    };
    for (int j = 0; j < kNumParts; ++j) row(part_name(j), o.parts[j]);
    row("total", o.total());
    row("gain_over_staying", o.total() - stay);
  }
  return out;
}

}  // namespace relocsim::cli
