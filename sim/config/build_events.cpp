// [[events]]: each entry is a table with year, type, label, source and the
// fields of its type. Entries are not dotted keys, so they are read here with
// the same checks and wording as TomlReader's, named "events[i].field" with i
// counted from 0 as in TOML's array.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "build_spec.hpp"
#include "csv_columns.hpp"
#include "suggest.hpp"
#include "tariff_rate.hpp"
#include "toml_tree.hpp"

namespace relocsim::config {
namespace {

struct TypeFields {
  ScheduledType type;
  std::vector<std::string> fields;  // besides the common ones
};

// announced is optional (it defaults to year); every other common field is required.
const std::vector<std::string> kCommonFields{"year", "announced", "type", "label", "source"};

// How far after the run an event may be dated, as for other dates (check_dates.cpp).
constexpr double kSlackYears = 50;

// The one list of what each type of event holds; the order follows kScheduledTypeNames.
const std::vector<TypeFields>& type_fields() {
  static const std::vector<TypeFields> fields{
      {ScheduledType::Tariff, {"origin", "market", "sector", "rate"}},
      {ScheduledType::SingleWindow, {"state", "enabled"}},
      {ScheduledType::Leg, {"from", "to", "mode", "cost_share", "days"}},
      {ScheduledType::ExportControl, {"severity"}},
      {ScheduledType::MineralsInitiative, {"origin", "reduction"}},
      {ScheduledType::Disruption, {"bloc", "severity"}},
  };
  return fields;
}

std::vector<std::string> type_names() { return {kScheduledTypeNames.begin(), kScheduledTypeNames.end()}; }
std::vector<std::string> bloc_names() { return {kBlocNames.begin(), kBlocNames.end()}; }

int bloc_index(const std::string& name) {
  for (int b = 0; b < kNumBlocs; ++b) {
    if (name == kBlocNames[static_cast<std::size_t>(b)]) return b;
  }
  return -1;
}

// One entry of the array: typed getters that record what they read, and the
// unknown and missing keys at the end, as TomlReader::finish() does for the tree.
class EventFields {
 public:
  EventFields(const toml::table& table, std::string name, Location at, TomlReader& toml, ErrorList& errors)
      : table_(table), name_(std::move(name)), at_(std::move(at)), toml_(toml), errors_(errors) {}

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string key(const std::string& field) const { return name_ + "." + field; }

  [[nodiscard]] Location locate(const std::string& field) const {
    if (const toml::node* node = table_.get(field)) {
      const Location at = location_of(*node);
      if (!at.file.empty()) return at;
    }
    return at_;
  }

  void reject(const std::string& field, const std::string& problem) {
    errors_.add(locate(field), key(field), problem);
    ok_ = false;
  }

  std::optional<double> number(const std::string& field, Range range) {
    const toml::node* node = get(field, range.describe());
    if (node == nullptr) return std::nullopt;
    std::optional<double> value;
    if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point()) value = f->get();
    if (!value || !range.contains(*value)) {
      reject(field, "expected " + range.describe() + ", got " + describe_value(*node));
      return std::nullopt;
    }
    return value;
  }

  // A tariff rate: the rule of tariffs.csv (tariff_rate.hpp), events and table alike.
  std::optional<double> rate(const std::string& field) {
    const toml::node* node = get(field, "a rate in [0, 5]");
    if (node == nullptr) return std::nullopt;
    std::optional<double> value;
    if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point()) value = f->get();
    if (!value || !tariff_rate_range().contains(*value)) {
      reject(field, tariff_rate_error(describe_value(*node), value));
      return std::nullopt;
    }
    if (const auto warning = percentage_warning(*value)) errors_.warn(locate(field), key(field), *warning);
    return value;
  }

  std::optional<std::string> string(const std::string& field) {
    const toml::node* node = get(field, "a string");
    if (node == nullptr) return std::nullopt;
    if (const auto* s = node->as_string(); s != nullptr && !s->get().empty()) return s->get();
    reject(field, "expected a non-empty string, got " + describe_value(*node));
    return std::nullopt;
  }

  std::optional<bool> boolean(const std::string& field) {
    const toml::node* node = get(field, "true or false");
    if (node == nullptr) return std::nullopt;
    if (const auto* b = node->as_boolean()) return b->get();
    reject(field, "expected true or false, got " + describe_value(*node));
    return std::nullopt;
  }

  // A string that must be one of `allowed`.
  std::optional<std::string> one_of(const std::string& field, const std::vector<std::string>& allowed) {
    auto value = string(field);
    if (!value) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
      reject(field, fmt::format("expected {}, got \"{}\"{}", or_list(allowed), *value, did_you_mean(*value, allowed)));
      return std::nullopt;
    }
    return value;
  }

  // Unknown keys (with the nearest of `allowed`), then missing keys that no
  // suggestion explains. Returns whether the entry was read without error.
  bool finish(const std::vector<std::string>& allowed, const std::string& type) {
    std::vector<std::string> suggested;
    for (auto&& [k, node] : table_) {
      const std::string field(k.str());
      if (std::find(allowed.begin(), allowed.end(), field) != allowed.end()) continue;
      const std::string best = nearest(field, allowed);
      suggested.push_back(best);
      Location at = location_of(node);
      if (at.file.empty()) at = at_;
      errors_.add(at, key(field),
                  fmt::format("unknown key for an event of type {}{}", type,
                              best.empty() ? std::string() : "; did you mean " + key(best) + "?"));
      ok_ = false;
    }
    for (const auto& [field, expected] : missing_) {
      if (std::find(suggested.begin(), suggested.end(), field) != suggested.end()) continue;
      errors_.add(at_, key(field), "missing; expected " + expected);
      ok_ = false;
    }
    return ok_;
  }

  [[nodiscard]] bool ok() const { return ok_; }

 private:
  const toml::node* get(const std::string& field, const std::string& expected) {
    const toml::node* node = table_.get(field);
    if (node == nullptr) {
      missing_.emplace_back(field, expected);
      return nullptr;
    }
    toml_.record_read(key(field));
    return node;
  }

  const toml::table& table_;
  std::string name_;
  Location at_;
  TomlReader& toml_;
  ErrorList& errors_;
  std::vector<std::pair<std::string, std::string>> missing_;
  bool ok_ = true;
};

// Everything an event's references are checked against.
struct Context {
  const Entities& entities;
  const ModelSpec& spec;
  std::vector<std::string> origins, market_ids, sector_ids, states;
};

Context context_of(const Entities& entities, const ModelSpec& spec) {
  Context c{entities, spec, bloc_names(), {}, {"*"}, {}};
  c.origins.insert(c.origins.end(), spec.countries.begin(), spec.countries.end());
  for (const auto& m : spec.markets) c.market_ids.push_back(m.id);
  for (const auto& k : spec.sectors) c.sector_ids.push_back(k.id);
  for (const auto& s : spec.sites) {
    if (!s.state.empty() && std::find(c.states.begin(), c.states.end(), s.state) == c.states.end()) {
      c.states.push_back(s.state);
    }
  }
  return c;
}

// A country of the sites (preferred: it is the more specific) or a bloc.
void read_origin(EventFields& f, const Context& c, ScheduledEvent& e) {
  const auto origin = f.string("origin");
  if (!origin || !c.entities.sites) return;
  e.country = c.spec.country_index(*origin);
  if (e.country >= 0) {
    for (const auto& s : c.spec.sites) {
      if (s.country == *origin) {
        e.bloc = static_cast<int>(s.bloc);
        break;
      }
    }
    return;
  }
  e.bloc = bloc_index(*origin);
  if (e.bloc >= 0) return;
  f.reject("origin", fmt::format("unknown origin \"{}\"; expected a bloc (China, ASEAN or India) or the country of a "
                                 "site in {}{}",
                                 *origin, c.entities.sites_path, did_you_mean(*origin, c.origins)));
}

void read_tariff(EventFields& f, const Context& c, ScheduledEvent& e) {
  read_origin(f, c, e);
  if (const auto market = f.string("market"); market && c.entities.markets) {
    e.market = c.spec.market_index(*market);
    if (e.market < 0) {
      f.reject("market", fmt::format("unknown market \"{}\"; expected an id from {}{}", *market,
                                     c.entities.markets_path, did_you_mean(*market, c.market_ids)));
    }
  }
  if (const auto sector = f.string("sector"); sector && c.entities.sectors) {
    e.sector = *sector == "*" ? -1 : c.spec.sector_index(*sector);
    if (*sector != "*" && e.sector < 0) {
      f.reject("sector", fmt::format("unknown sector \"{}\"; expected \"*\" or an id from {}{}", *sector,
                                     c.entities.sectors_path, did_you_mean(*sector, c.sector_ids)));
    }
  }
  // The rule of tariffs.csv (tariff_rate.hpp).
  if (const auto rate = f.rate("rate")) e.value = *rate;
}

void read_single_window(EventFields& f, const Context& c, ScheduledEvent& e) {
  if (const auto state = f.string("state")) {
    e.state = *state;
    if (c.entities.sites && std::find(c.states.begin(), c.states.end(), *state) == c.states.end()) {
      f.reject("state", fmt::format("unknown state \"{}\"; expected the state of a site in {}{}", *state,
                                    c.entities.sites_path, did_you_mean(*state, c.states)));
    }
  }
  if (const auto enabled = f.boolean("enabled")) e.enabled = *enabled;
}

void read_leg(EventFields& f, ScheduledEvent& e) {
  // Whether an end is a node of the network is checked once all events are read (see check_leg_nodes).
  if (const auto from = f.string("from")) e.leg.from = *from;
  if (const auto to = f.string("to")) e.leg.to = *to;
  if (const auto mode = f.one_of("mode", {"sea", "rail", "road"})) e.leg.mode = *mode;
  if (const auto cost = f.number("cost_share", Range::at_least(0))) e.leg.cost_share = *cost;
  if (const auto days = f.number("days", Range::at_least(0))) e.leg.days = *days;
  if (!e.leg.from.empty() && e.leg.from == e.leg.to) {
    f.reject("to", fmt::format("expected a node other than from (\"{}\"), got \"{}\"", e.leg.from, e.leg.to));
  }
}

void read_fields(EventFields& f, const Context& c, ScheduledEvent& e) {
  switch (e.type) {
    case ScheduledType::Tariff: read_tariff(f, c, e); break;
    case ScheduledType::SingleWindow: read_single_window(f, c, e); break;
    case ScheduledType::Leg: read_leg(f, e); break;
    case ScheduledType::ExportControl:
      // Negative: an easing of earlier controls.
      if (const auto severity = f.number("severity", Range::closed(-1, 1))) e.value = *severity;
      break;
    case ScheduledType::MineralsInitiative:
      read_origin(f, c, e);
      if (const auto reduction = f.number("reduction", Range::closed(0, 1))) e.value = *reduction;
      break;
    case ScheduledType::Disruption:
      if (const auto bloc = f.one_of("bloc", bloc_names())) e.bloc = bloc_index(*bloc);
      if (const auto severity = f.number("severity", Range::closed(0, 1))) e.value = *severity;
      break;
  }
}

// The announcement date, optional: a policy is often announced before it takes
// effect (a tariff a month ahead, an export control weeks ahead). Firms value
// tariffs and controls as in force, from `year`; the date is kept for the
// record and for what is valued from its announcement. Announced after it took
// effect is a typo; announced before the run is allowed (an event the run
// inherits was announced before it started), but not by more than the slack
// check_dates allows other dates.
void read_announced(EventFields& f, const toml::table& table, bool run_ok, bool year_ok, double start,
                    ScheduledEvent& e) {
  e.announced = e.year;
  if (table.get("announced") == nullptr) return;
  const auto announced = f.number("announced", Range::any());
  if (!announced) return;
  e.announced = *announced;
  if (!year_ok) return;  // nothing to compare with; the year's own error says why
  if (*announced > e.year) {
    f.reject("announced", fmt::format("expected a date no later than the event's year ({}), got {}",
                                      format_number(e.year), format_number(*announced)));
  } else if (run_ok && *announced < start - kSlackYears) {
    f.reject("announced", fmt::format("expected a date in [{}, {}], from {} years before run.start_year to the "
                                      "event's year, got {}",
                                      format_number(start - kSlackYears), format_number(e.year),
                                      format_number(kSlackYears), format_number(*announced)));
  }
}

struct LegEnds {
  std::size_t event;  // index into the events that were read
  double year;
  Location at;
  std::string name;  // events[i]
};

// A leg event may add a leg, but at least one end must already be in the
// network (the legs table, or a leg added by an event no later than this one):
// a leg between two new nodes could never be reached.
void check_leg_nodes(const std::vector<LegEnds>& legs, const std::vector<ScheduledEvent>& events,
                     const Entities& entities, ErrorList& errors, std::vector<bool>& valid) {
  std::vector<std::size_t> order(legs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return legs[a].year < legs[b].year; });
  std::set<std::string> known = entities.nodes;
  for (const std::size_t i : order) {
    const LegSpec& leg = events[legs[i].event].leg;
    if (known.count(leg.from) == 0 && known.count(leg.to) == 0) {
      const std::vector<std::string> candidates(known.begin(), known.end());
      errors.add(legs[i].at, legs[i].name + ".from",
                 fmt::format("neither \"{}\" nor \"{}\" is a node of the network; expected at least one end to be a "
                             "node of {} or of an earlier leg event{}",
                             leg.from, leg.to, entities.legs_path, did_you_mean(leg.from, candidates)));
      valid[legs[i].event] = false;
      continue;
    }
    known.insert(leg.from);
    known.insert(leg.to);
  }
}

}  // namespace

void build_events(TomlReader& toml, const Entities& entities, bool run_ok, ModelSpec& spec, ErrorList& errors) {
  const toml::array* array = toml.tables("events");
  if (array == nullptr) return;
  const Context c = context_of(entities, spec);
  const double start = spec.run.start_year;
  const double end = start + static_cast<double>(spec.run.steps) / spec.run.steps_per_year;

  std::vector<ScheduledEvent> events;
  std::vector<bool> valid;
  std::vector<LegEnds> legs;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *(*array)[i].as_table();
    Location at = location_of(table);
    if (at.file.empty()) at = toml.locate("events");
    EventFields f(table, fmt::format("events[{}]", i), at, toml, errors);
    ScheduledEvent e;
    bool year_ok = false;
    if (const auto year = f.number("year", Range::any())) {
      e.year = *year;
      year_ok = true;
      // Before the start an event would silently become part of the initial
      // state. After the end it never takes effect, which a short run of a
      // scenario (--set run.steps=4, a sweep over run.steps) must allow; far
      // after it, as check_dates allows other dates, is a typo (20250).
      if (run_ok && (*year < start || *year > end + kSlackYears)) {
        year_ok = false;
        f.reject("year", fmt::format("expected a date in [{}, {}], from run.start_year to {} years after the end of "
                                     "the run ({}), got {}",
                                     format_number(start), format_number(end + kSlackYears),
                                     format_number(kSlackYears), format_number(end), format_number(*year)));
      }
    }
    read_announced(f, table, run_ok, year_ok, start, e);
    const auto type = f.one_of("type", type_names());
    if (const auto label = f.string("label")) e.label = *label;
    (void)f.string("source");  // for the reader and `relocsim describe`; the engine has no use for it
    std::vector<std::string> allowed = kCommonFields;
    if (type) {
      const auto& tf = type_fields()[static_cast<std::size_t>(
          std::find(kScheduledTypeNames.begin(), kScheduledTypeNames.end(), *type) - kScheduledTypeNames.begin())];
      e.type = tf.type;
      allowed.insert(allowed.end(), tf.fields.begin(), tf.fields.end());
      read_fields(f, c, e);
      f.finish(allowed, *type);
    } else {
      // Without a type the other keys cannot be judged; only what every event needs is checked.
      for (auto&& [k, node] : table) {
        if (std::find(allowed.begin(), allowed.end(), std::string(k.str())) == allowed.end()) {
          allowed.emplace_back(k.str());
        }
      }
      f.finish(allowed, "untyped");
    }
    if (type && e.type == ScheduledType::Leg && !e.leg.from.empty() && !e.leg.to.empty()) {
      legs.push_back({events.size(), e.year, f.locate("from"), f.name()});
    }
    valid.push_back(f.ok() && type.has_value());
    events.push_back(std::move(e));
  }
  if (entities.legs) check_leg_nodes(legs, events, entities, errors, valid);
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (valid[i]) spec.events.push_back(std::move(events[i]));
  }
}

}  // namespace relocsim::config
