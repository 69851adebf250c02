#include "toml_tree.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "file_io.hpp"
#include "relocsim/config/quote.hpp"
#include "range.hpp"
#include "suggest.hpp"

namespace relocsim::config {
namespace {

// The files being extended, outermost first, to detect and print a cycle,
// and where each names the next (its `extends` line), so that a broken link
// deep in the chain is reported with every file and line that led to it.
struct Chain {
  std::vector<std::string> shown;
  std::vector<std::filesystem::path> canonical;
  std::vector<Location> links;  // links[i]: the `extends` of shown[i]

  // "top.toml:2 -> mid.toml:3 -> base.toml": how the loader reached the last file.
  [[nodiscard]] std::string path_to_last() const {
    // Appends rather than operator+: GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string out;
    for (std::size_t i = 0; i < shown.size(); ++i) {
      out.append(shown[i]);
      if (i < links.size()) out.append(":").append(std::to_string(links[i].line)).append(" -> ");
    }
    return out;
  }
  // " (extends chain: ...)" when the file is not the scenario asked for.
  [[nodiscard]] std::string via() const {
    if (links.empty()) return {};
    std::string out(" (extends chain: ");
    return out.append(path_to_last()).append(")");
  }
};

std::filesystem::path canonical_or_normal(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(path, ec);
  if (ec) p = std::filesystem::absolute(path, ec).lexically_normal();
  return p;
}

// An array whose entries are all tables ([[events]] sections); an empty array counts.
bool holds_only_tables(const toml::node& node) {
  const auto* array = node.as_array();
  return array != nullptr &&
         std::all_of(array->begin(), array->end(), [](const toml::node& entry) { return entry.is_table(); });
}

void merge_into(toml::table& base, toml::table&& top) {
  for (auto&& [key, node] : top) {
    toml::node* mine = base.get(key.str());
    if (mine != nullptr && mine->is_table() && node.is_table()) {
      merge_into(*mine->as_table(), std::move(*node.as_table()));
    } else if (mine != nullptr && holds_only_tables(*mine) && holds_only_tables(node)) {
      // Arrays of tables are lists of records, such as dated events: a
      // scenario adds its own to those of the file it extends.
      for (auto& entry : *node.as_array()) mine->as_array()->push_back(std::move(*entry.as_table()));
    } else {
      // Moving (not copying) keeps the node's file and line: toml++ drops them on copy.
      base.insert_or_assign(key, std::move(node));
    }
  }
}

struct Reference {
  std::string key;
  Location at;
};

std::optional<toml::table> load_file(const std::string& path, const Reference* referenced_by, Chain& chain,
                                     std::vector<InputFile>& inputs, ErrorList& errors) {
  std::string why;
  auto text = read_text(path, why);
  if (!text) {
    // A base that cannot be read is reported where it is named: that
    // `extends` line is what to fix.
    if (referenced_by != nullptr) {
      errors.add(referenced_by->at, referenced_by->key,
                 "cannot open " + config::quoted(path) + " (" + why + "); expected a scenario file" +
                     (chain.links.size() > 1 ? chain.via() : std::string()));
    } else {
      errors.add({path, 0}, "", "cannot open file (" + why + ")");
    }
    return std::nullopt;
  }
  inputs.push_back({path, *text});
  toml::table table;
  try {
    table = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    errors.add({path, static_cast<int>(e.source().begin.line)}, "",
               "expected valid TOML: " + std::string(e.description()) + chain.via());
    return std::nullopt;
  }
  const toml::node* extends = table.get("extends");
  if (extends == nullptr) return table;

  const Location at = location_of(*extends);
  if (!extends->is_string() || extends->as_string()->get().empty()) {
    errors.add(at, "extends", "expected the path of a scenario file, got " + describe_value(*extends));
    return std::nullopt;
  }
  const std::string base_path = resolve_path(path, extends->as_string()->get());
  const auto base_canonical = canonical_or_normal(base_path);
  chain.shown.push_back(base_path);
  for (const auto& seen : chain.canonical) {
    if (seen == base_canonical) {
      std::string cycle;
      for (const auto& s : chain.shown) cycle += (cycle.empty() ? "" : " -> ") + s;
      errors.add(at, "extends", "circular extends (" + cycle + "); expected a chain of scenarios without a cycle");
      return std::nullopt;
    }
  }
  chain.canonical.push_back(base_canonical);
  chain.links.push_back(at);
  const Reference reference{"extends", at};
  auto merged = load_file(base_path, &reference, chain, inputs, errors);
  if (!merged) return std::nullopt;
  table.erase("extends");
  merge_into(*merged, std::move(table));
  return merged;
}

void collect_paths(const toml::table& table, const std::string& prefix, std::vector<std::string>& out) {
  for (auto&& [key, node] : table) {
    std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    out.push_back(path);
    if (const auto* sub = node.as_table()) collect_paths(*sub, path, out);
  }
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

// Digits with an optional sign (and TOML's '_' separators): a whole number as typed.
bool looks_like_integer(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '_'; });
}

void apply_override(toml::table& root, const std::string& text, ErrorList& errors) {
  const Location here{std::string(kCommandLine), 0};
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    errors.add(here, text, "expected dotted.key=value");
    return;
  }
  const std::string key = trim(std::string_view(text).substr(0, eq));
  const std::string value = trim(std::string_view(text).substr(eq + 1));
  const auto parts = split_key(key);
  bool valid_key = !parts.empty();
  for (const auto& p : parts) valid_key = valid_key && !p.empty();
  if (!valid_key) {
    errors.add(here, key, "expected a dotted key such as behaviour.logit_scale before '='");
    return;
  }
  if (find_node(root, key) == nullptr) {
    errors.add(here, key, "unknown key" + did_you_mean(key, key_paths(root)));
    return;
  }
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + value, kCommandLine);
  } catch (const toml::parse_error&) {
  }
  if ((parsed.size() != 1 || parsed.get("v") == nullptr) && looks_like_integer(value)) {
    // TOML integers are signed 64-bit: "--set run.seed=2^64-1" is a number
    // to the user, and "expected a TOML value" would not tell them why.
    errors.add(here, key,
               "expected an integer from -9223372036854775808 to 9223372036854775807 (TOML integers are 64-bit), got " +
                   shortened(value));
    return;
  }
  if (parsed.size() != 1 || parsed.get("v") == nullptr) {
    errors.add(here, key,
               "expected a TOML value (a number, true or false, a \"string\", an [array] or an {inline table}), got " +
                   (value.empty() ? std::string("nothing") : shortened(value)));
    return;
  }
  toml::table* parent = &root;
  if (parts.size() > 1) {
    const auto dot = key.rfind('.');
    parent = find_node(root, std::string_view(key).substr(0, dot))->as_table();
  }
  parent->insert_or_assign(parts.back(), std::move(*parsed.get("v")));
}

}  // namespace

Location location_of(const toml::node& node) {
  const auto& source = node.source();
  Location where;
  if (source.path) where.file = *source.path;
  where.line = where.file == kCommandLine ? 0 : static_cast<int>(source.begin.line);
  return where;
}

std::string describe_value(const toml::node& node) {
  if (const auto* s = node.as_string()) return config::quoted(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return format_number(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

std::vector<std::string> split_key(std::string_view dotted) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = dotted.find('.', start);
    parts.emplace_back(trim(dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start)));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

const toml::node* find_node(const toml::table& root, std::string_view dotted) {
  const toml::table* table = &root;
  const toml::node* node = nullptr;
  for (const auto& part : split_key(dotted)) {
    if (table == nullptr) return nullptr;
    node = table->get(part);
    if (node == nullptr) return nullptr;
    table = node->as_table();
  }
  return node;
}

toml::node* find_node(toml::table& root, std::string_view dotted) {
  return const_cast<toml::node*>(find_node(static_cast<const toml::table&>(root), dotted));
}

std::vector<std::string> key_paths(const toml::table& root) {
  std::vector<std::string> out;
  collect_paths(root, "", out);
  return out;
}

std::optional<toml::table> load_tree(const std::string& path, std::vector<InputFile>& inputs, ErrorList& errors) {
  Chain chain;
  chain.shown.push_back(path);
  chain.canonical.push_back(canonical_or_normal(path));
  return load_file(path, nullptr, chain, inputs, errors);
}

void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, ErrorList& errors) {
  for (const auto& o : overrides) apply_override(root, o, errors);
}

std::optional<toml::table> parse_file_quietly(const std::string& path) {
  std::string why;
  const auto text = read_text(path, why);
  if (!text) return std::nullopt;
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

}  // namespace relocsim::config
