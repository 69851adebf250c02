#include "toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include "file_io.hpp"
#include "suggest.hpp"
#include "toml_tree.hpp"

namespace relocsim::config {
namespace {

std::size_t depth(const std::string& key) { return static_cast<std::size_t>(std::count(key.begin(), key.end(), '.')); }

std::string bloc_table(const Range& each) {
  return "a table {China = x, ASEAN = y, India = z} of " + each.describe(false, true);
}

}  // namespace

TomlReader::TomlReader(const toml::table& root, std::string scenario, ErrorList& errors)
    : root_(root), scenario_(std::move(scenario)), errors_(errors) {}

void TomlReader::mark_known(const std::string& key, bool container) {
  if (container) {
    prefixes_.insert(key);
  } else if (known_.insert(key).second) {
    order_.push_back(key);
  }
  for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
    prefixes_.insert(key.substr(0, dot));
  }
}

void TomlReader::accept(const std::string& key) { mark_known(key); }

Location TomlReader::locate(const std::string& key) const {
  // The key itself, or else the closest table that would hold it: that is
  // where the user has to add it.
  std::string k = key;
  for (;;) {
    if (const toml::node* node = find_node(root_, k)) {
      Location at = location_of(*node);
      if (at.file.empty()) at = {scenario_, 0};
      return at;
    }
    const auto dot = k.rfind('.');
    if (dot == std::string::npos) return {scenario_, 0};
    k.resize(dot);
  }
}

std::string TomlReader::describe(const std::string& key) const {
  const toml::node* node = find_node(root_, key);
  return node == nullptr ? "nothing" : describe_value(*node);
}

void TomlReader::reject(const std::string& key, std::string problem) { errors_.add(locate(key), key, std::move(problem)); }

const toml::node* TomlReader::lookup(const std::string& key, const std::string& expected, bool container) {
  mark_known(key, container);
  const toml::table* table = &root_;
  std::string path;
  for (const auto& part : split_key(key)) {
    if (!path.empty()) path += '.';
    path += part;
    const toml::node* node = table->get(part);
    if (node == nullptr) {
      missing_.push_back({key, expected});
      return nullptr;
    }
    if (path == key) return node;
    table = node->as_table();
    if (table == nullptr) {
      if (bad_parents_.insert(path).second) reject(path, "expected a table, got " + describe_value(*node));
      return nullptr;
    }
  }
  return nullptr;
}

std::optional<double> TomlReader::number(const std::string& key, Range range) {
  const std::string expected = range.describe();
  const toml::node* node = lookup(key, expected);
  if (node == nullptr) return std::nullopt;
  std::optional<double> value;
  if (const auto* i = node->as_integer()) value = static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) value = f->get();
  if (!value || !range.contains(*value)) {
    reject(key, "expected " + expected + ", got " + describe_value(*node));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> TomlReader::integer(const std::string& key, Range range) {
  const std::string expected = range.describe(true);
  const toml::node* node = lookup(key, expected);
  if (node == nullptr) return std::nullopt;
  std::optional<std::int64_t> value;
  if (const auto* i = node->as_integer()) value = i->get();
  // n_firms = 1e6 is how people write a million; a float that is a whole
  // number (and fits in 64 bits: 2^63 itself does not) is accepted as one.
  if (const auto* f = node->as_floating_point();
      f != nullptr && std::trunc(f->get()) == f->get() && std::abs(f->get()) < 0x1p63) {
    value = static_cast<std::int64_t>(f->get());
  }
  if (!value || !range.contains(static_cast<double>(*value))) {
    reject(key, "expected " + expected + ", got " + describe_value(*node));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TomlReader::boolean(const std::string& key) {
  const toml::node* node = lookup(key, "true or false");
  if (node == nullptr) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  reject(key, "expected true or false, got " + describe_value(*node));
  return std::nullopt;
}

std::optional<std::string> TomlReader::string(const std::string& key) {
  const toml::node* node = lookup(key, "a string");
  if (node == nullptr) return std::nullopt;
  if (const auto* s = node->as_string(); s != nullptr && !s->get().empty()) return s->get();
  reject(key, "expected a non-empty string, got " + describe_value(*node));
  return std::nullopt;
}

std::optional<std::string> TomlReader::path(const std::string& key) {
  const toml::node* node = lookup(key, "the path of a CSV file");
  if (node == nullptr) return std::nullopt;
  const auto* s = node->as_string();
  if (s == nullptr || s->get().empty()) {
    reject(key, "expected the path of a CSV file, got " + describe_value(*node));
    return std::nullopt;
  }
  const Location at = location_of(*node);
  if (at.file == kCommandLine) return resolve_command_line_path(s->get());
  return resolve_path(at.file.empty() ? scenario_ : at.file, s->get());
}

std::optional<std::vector<std::string>> TomlReader::strings(const std::string& key) {
  const std::string expected = "a non-empty array of strings";
  const toml::node* node = lookup(key, expected);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr || array->empty()) {
    reject(key, "expected " + expected + ", got " + (array != nullptr ? "[]" : describe_value(*node)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* s = (*array)[i].as_string();
    if (s == nullptr || s->get().empty()) {
      Location at = location_of((*array)[i]);
      if (at.file.empty()) at = locate(key);
      errors_.add(at, key,
                  fmt::format("expected {}, got {} as entry {}", expected, describe_value((*array)[i]), i + 1));
      return std::nullopt;
    }
    out.push_back(s->get());
  }
  return out;
}

std::optional<std::vector<double>> TomlReader::numbers(const std::string& key, Range each, bool allow_empty) {
  const std::string expected =
      fmt::format("{} of {}", allow_empty ? "an array" : "a non-empty array", each.describe(false, true));
  const toml::node* node = lookup(key, expected);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr || (array->empty() && !allow_empty)) {
    reject(key, "expected " + expected + ", got " + (array != nullptr ? "[]" : describe_value(*node)));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = (*array)[i];
    std::optional<double> value;
    if (const auto* n = item.as_integer()) value = static_cast<double>(n->get());
    if (const auto* f = item.as_floating_point()) value = f->get();
    if (!value || !each.contains(*value)) {
      Location at = location_of(item);
      if (at.file.empty()) at = locate(key);
      errors_.add(at, key, fmt::format("expected {}, got {} as entry {}", expected, describe_value(item), i + 1));
      ok = false;
      continue;
    }
    out.push_back(*value);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::array<double, kNumBlocs>> TomlReader::by_bloc(const std::string& key, Range each) {
  const toml::node* node = lookup(key, bloc_table(each), true);
  if (node == nullptr) return std::nullopt;
  if (!node->is_table()) {
    reject(key, "expected " + bloc_table(each) + ", got " + describe_value(*node));
    return std::nullopt;
  }
  std::array<double, kNumBlocs> out{};
  bool ok = true;
  for (int b = 0; b < kNumBlocs; ++b) {
    const auto value = number(key + "." + kBlocNames[static_cast<std::size_t>(b)], each);
    if (value) out[static_cast<std::size_t>(b)] = *value;
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::array<std::optional<double>, kNumBlocs>> TomlReader::some_blocs(const std::string& key,
                                                                                Range each) {
  const std::string expected = "a table naming some of China, ASEAN and India, of " + each.describe(false, true);
  const toml::node* node = lookup(key, expected, true);
  // Every bloc is part of the schema, present or not, so that a misspelt one
  // is suggested its right name.
  for (const char* bloc : kBlocNames) mark_known(key + "." + bloc);
  if (node == nullptr) return std::nullopt;
  if (!node->is_table()) {
    reject(key, "expected " + expected + ", got " + describe_value(*node));
    return std::nullopt;
  }
  std::array<std::optional<double>, kNumBlocs> out{};
  bool ok = true;
  for (int b = 0; b < kNumBlocs; ++b) {
    const std::string sub = key + "." + kBlocNames[static_cast<std::size_t>(b)];
    if (find_node(root_, sub) == nullptr) continue;
    const auto value = number(sub, each);
    out[static_cast<std::size_t>(b)] = value;
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::pair<std::string, double>>> TomlReader::named_numbers(const std::string& key,
                                                                                     Range each) {
  const std::string expected = "a table of names to " + each.describe(false, true);
  const toml::node* node = lookup(key, expected, true);
  if (node == nullptr) return std::nullopt;
  const auto* table = node->as_table();
  if (table == nullptr) {
    reject(key, "expected " + expected + ", got " + describe_value(*node));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, double>> out;
  bool ok = true;
  // Read entry by entry rather than through number(): a name may hold a dot.
  for (auto&& [name, child] : *table) {
    const std::string sub = key + "." + std::string(name.str());
    mark_known(sub);
    std::optional<double> value;
    if (const auto* i = child.as_integer()) value = static_cast<double>(i->get());
    if (const auto* f = child.as_floating_point()) value = f->get();
    if (!value || !each.contains(*value)) {
      Location at = location_of(child);
      if (at.file.empty()) at = locate(key);
      errors_.add(at, sub, "expected " + each.describe() + ", got " + describe_value(child));
      ok = false;
      continue;
    }
    out.emplace_back(std::string(name.str()), *value);
  }
  if (!ok) return std::nullopt;
  return out;
}

const toml::array* TomlReader::tables(const std::string& key) {
  const std::string expected = "an array of tables ([[" + key + "]] sections)";
  // A container: its entries' keys are the caller's (keys_read() lists them as it records them).
  const toml::node* node = lookup(key, expected, true);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  if (array == nullptr || !std::all_of(array->begin(), array->end(), [](const toml::node& n) { return n.is_table(); })) {
    reject(key, "expected " + expected + ", got " + describe_value(*node));
    return nullptr;
  }
  return array;
}

void TomlReader::record_read(const std::string& key) {
  if (recorded_.insert(key).second) order_.push_back(key);
}

std::vector<std::string> TomlReader::keys_read() const {
  std::vector<std::string> out;
  for (const auto& key : order_) {
    // Keys of array entries ("events[2].year") are not dotted paths; they were recorded only when present.
    if (key.find('[') != std::string::npos || find_node(root_, key) != nullptr) out.push_back(key);
  }
  return out;
}

std::vector<std::string> TomlReader::children(const std::string& key) const {
  std::vector<std::string> names;
  const toml::node* node = find_node(root_, key);
  if (node == nullptr || !node->is_table()) return names;
  for (auto&& [name, child] : *node->as_table()) names.emplace_back(name.str());
  return names;
}

bool TomlReader::is_table(const std::string& key) const {
  const toml::node* node = find_node(root_, key);
  return node != nullptr && node->is_table();
}

std::optional<std::size_t> TomlReader::array_size(const std::string& key) const {
  const toml::node* node = find_node(root_, key);
  if (node == nullptr || !node->is_array()) return std::nullopt;
  return node->as_array()->size();
}

std::string TomlReader::suggestion(const std::string& key) const {
  // Close: a few typing mistakes, not a different word ("seeds" is 4 edits
  // from "costs", the nearest table, and suggesting it would mislead).
  const auto close = [](std::string_view wanted, std::string_view found) {
    return edit_distance(wanted, found) <= std::max<std::size_t>(2, wanted.size() / 2);
  };
  const std::string same_level = nearest(key, candidates_like(key));
  if (!same_level.empty() && close(key, same_level)) return same_level;
  // A key in the wrong table (seed at the top level for run.seed): compare
  // the last parts of every key the schema has.
  const auto last = [](const std::string& k) { return std::string_view(k).substr(k.rfind('.') + 1); };
  std::string anywhere;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  for (const auto& k : known_) {
    const std::size_t d = edit_distance(last(key), last(k));
    if (d < best) {
      best = d;
      anywhere = k;
    }
  }
  if (!anywhere.empty() && close(last(key), last(anywhere))) return anywhere;
  return {};
}

std::vector<std::string> TomlReader::candidates_like(const std::string& key) const {
  // Compare like with like: a misspelt table against tables at its level, a
  // misspelt value against the values in its table's level.
  std::vector<std::string> out;
  const std::size_t d = depth(key);
  for (const auto* set : {&known_, &prefixes_}) {
    for (const auto& k : *set) {
      if (depth(k) == d) out.push_back(k);
    }
  }
  if (d == 0) out.emplace_back("sources");
  return out;
}

void TomlReader::find_unknown(const toml::table& table, const std::string& prefix, std::set<std::string>& suggested) {
  for (auto&& [name, node] : table) {
    const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (key == "sources" || known_.count(key) != 0) continue;
    if (prefixes_.count(key) != 0) {
      // A table the schema expects; a value here was already reported as a type error.
      if (const auto* sub = node.as_table()) find_unknown(*sub, key, suggested);
      continue;
    }
    const std::string best = suggestion(key);
    suggested.insert(best);
    Location at = location_of(node);
    if (at.file.empty()) at = locate(prefix);
    errors_.add(at, key, "unknown key" + (best.empty() ? std::string() : "; did you mean " + best + "?"));
  }
}

void TomlReader::finish() {
  std::set<std::string> suggested;
  find_unknown(root_, "", suggested);
  for (const auto& m : missing_) {
    // A key the user misspelt, or one inside a misspelt table, is not also missing.
    const bool explained = std::any_of(suggested.begin(), suggested.end(), [&](const std::string& s) {
      return !s.empty() && (m.key == s || m.key.compare(0, s.size() + 1, s + ".") == 0);
    });
    if (explained) continue;
    errors_.add(locate(m.key), m.key, "missing; expected " + m.expected);
  }
}

}  // namespace relocsim::config
