// The parameter table of `relocsim describe`. It walks the resolved
// configuration itself rather than a list kept beside the loader, so that a
// test can compare it with the keys the loader read.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "csv_table.hpp"
#include "error_list.hpp"
#include "parameter_docs.hpp"
#include "range.hpp"
#include "relocsim/config/describe.hpp"

namespace relocsim::config {
namespace {

constexpr std::size_t kUndocumented = static_cast<std::size_t>(-1);

struct Sorted {
  std::size_t doc = kUndocumented;  // position in parameter_docs(); undocumented rows go last
  std::size_t seen = 0;             // order met, among rows of the same entry
  ParameterRow row;
};

// 10638 -> "10,638"; 2020.33 stays; exponents are left alone.
std::string grouped(double x) {
  std::string s = format_number(x);
  if (s.find_first_of("eEn") != std::string::npos) return s;
  const std::size_t sign = s[0] == '-' ? 1 : 0;
  const std::size_t end = std::min(s.find('.'), s.size());
  // Built by appending: GCC 12 warns falsely (-Wrestrict) on string::insert here.
  std::string out(s, 0, sign);
  for (std::size_t i = sign; i < end; ++i) {
    if (i > sign && (end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s, end, std::string::npos);
  return out;
}

std::string value_text(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return format_number(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) out += (i == 0 ? "" : ", ") + value_text((*a)[i]);
    return out + "]";
  }
  return "a table";
}

// [sources] in either spelling, as key path -> text.
void flatten_sources(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (auto&& [name, node] : table) {
    const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* sub = node.as_table()) {
      flatten_sources(*sub, key, out);
    } else if (const auto* text = node.as_string()) {
      out[key] = text->get();
    }
  }
}

// A source names a key or a table holding it (behaviour.nest_lambda covers its blocs).
std::string source_of(const std::string& key, const std::map<std::string, std::string>& sources) {
  std::string k = key;
  for (;;) {
    if (const auto it = sources.find(k); it != sources.end()) return it->second;
    const auto dot = k.rfind('.');
    if (dot == std::string::npos) return "";
    k.resize(dot);
  }
}

Sorted make_row(const std::string& name, std::string value, std::string source, std::size_t seen) {
  Sorted s;
  s.seen = seen;
  s.row.name = name;
  s.row.value = std::move(value);
  s.row.source = std::move(source);
  if (const ParameterDoc* doc = find_parameter_doc(name, &s.doc)) {
    s.row.meaning = doc->meaning;
    s.row.unit = doc->unit;
  }
  return s;
}

void event_rows(const toml::array& events, std::vector<Sorted>& out) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto* entry = events[i].as_table();
    if (entry == nullptr) continue;
    const std::string prefix = fmt::format("events[{}]", i);
    const auto* source = entry->get_as<std::string>("source");
    const std::string text = source != nullptr ? source->get() : "";
    for (auto&& [field, node] : *entry) {
      if (field.str() == "source") continue;  // it is the source of the event's other rows
      Sorted row = make_row(prefix + "." + std::string(field.str()), value_text(node), text, i);
      out.push_back(std::move(row));
    }
  }
}

void toml_rows(const toml::table& table, const std::string& prefix, const std::map<std::string, std::string>& sources,
               std::vector<Sorted>& out) {
  for (auto&& [name, node] : table) {
    const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (key == "sources") continue;
    if (const auto* sub = node.as_table()) {
      toml_rows(*sub, key, sources, out);
    } else if (key == "events" && node.is_array()) {
      event_rows(*node.as_array(), out);
    } else {
      out.push_back(make_row(key, value_text(node), source_of(key, sources), 0));
    }
  }
}

// "24 values, 3,673-10,638" for numbers; "24 values: China, ASEAN, India" for a
// few distinct words; "24 values, 24 distinct" for ids and names.
std::string summarise(const CsvTable& table, int column) {
  std::vector<std::string> cells;
  for (const auto& row : table.rows) {
    if (static_cast<std::size_t>(column) < row.cells.size()) cells.push_back(row.cells[static_cast<std::size_t>(column)]);
  }
  const std::string count = fmt::format("{} value{}", cells.size(), cells.size() == 1 ? "" : "s");
  if (cells.empty()) return count;
  bool numeric = true;
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < cells.size() && numeric; ++i) {
    const auto x = parse_number(cells[i]);
    numeric = x.has_value();
    if (!numeric) break;
    lo = i == 0 ? *x : std::min(lo, *x);
    hi = i == 0 ? *x : std::max(hi, *x);
  }
  if (numeric) return lo == hi ? fmt::format("{}, all {}", count, grouped(lo)) : fmt::format("{}, {}-{}", count, grouped(lo), grouped(hi));
  std::vector<std::string> distinct;
  for (const auto& c : cells) {
    const std::string shown = c.empty() ? "(empty)" : c;
    if (std::find(distinct.begin(), distinct.end(), shown) == distinct.end()) distinct.push_back(shown);
  }
  if (distinct.size() <= 4) {
    std::string list;
    for (const auto& d : distinct) list += (list.empty() ? "" : ", ") + d;
    return count + ": " + list;
  }
  return fmt::format("{}, {} distinct", count, distinct.size());
}

void csv_rows(const toml::table& root, const LoadedConfig& loaded, std::vector<Sorted>& out) {
  const auto* data = root.get_as<toml::table>("data");
  if (data == nullptr) return;
  for (auto&& [name, node] : *data) {
    const auto* path = node.as_string();
    if (path == nullptr) continue;
    const auto input = std::find_if(loaded.inputs.begin(), loaded.inputs.end(),
                                    [&](const InputFile& f) { return f.path == path->get(); });
    if (input == loaded.inputs.end()) continue;
    ErrorList ignored;  // the loader accepted this file
    const auto table = parse_csv(input->path, input->contents, ignored);
    if (!table) continue;
    for (std::size_t c = 0; c < table->header.size(); ++c) {
      const std::string key = std::string(name.str()) + "." + table->header[c];
      // The source column is the source of the others; columns no entry
      // documents are notes the loader ignores.
      if (table->header[c] == "source" || find_parameter_doc(key) == nullptr) continue;
      out.push_back(make_row(key, summarise(*table, static_cast<int>(c)), "per row: source column of " + input->path, 0));
    }
  }
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<ParameterRow> parameter_table(const LoadedConfig& loaded) {
  const toml::table root = toml::parse(loaded.resolved_toml);
  std::map<std::string, std::string> sources;
  if (const auto* s = root.get_as<toml::table>("sources")) flatten_sources(*s, "", sources);
  std::vector<Sorted> sorted;
  toml_rows(root, "", sources, sorted);
  csv_rows(root, loaded, sorted);
  // In the documentation's order (run, data, population, ..., events, tables);
  // an event's fields stay together, in event order, where the events' entries are.
  std::size_t events_at = 0;
  (void)find_parameter_doc("events[].year", &events_at);
  auto order = [&](const Sorted& s) {
    const bool event = s.row.name.rfind("events[", 0) == 0;
    return event ? std::make_tuple(events_at, s.seen, s.doc) : std::make_tuple(s.doc, std::size_t{0}, std::size_t{0});
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Sorted& a, const Sorted& b) { return order(a) < order(b); });
  std::vector<ParameterRow> rows;
  rows.reserve(sorted.size());
  for (auto& s : sorted) rows.push_back(std::move(s.row));
  return rows;
}

std::string parameter_markdown(const std::vector<ParameterRow>& rows) {
  std::string out = "| name | meaning | unit | value | source |\n|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", markdown_cell(r.name), markdown_cell(r.meaning),
                       markdown_cell(r.unit), markdown_cell(r.value), markdown_cell(r.source));
  }
  return out;
}

std::string parameter_csv(const std::vector<ParameterRow>& rows) {
  std::string out = "name,meaning,unit,value,source\n";
  for (const auto& r : rows) {
    out += fmt::format("{},{},{},{},{}\n", csv_cell(r.name), csv_cell(r.meaning), csv_cell(r.unit),
                       csv_cell(r.value), csv_cell(r.source));
  }
  return out;
}

}  // namespace relocsim::config
