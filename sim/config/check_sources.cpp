#include <fmt/format.h>

#include "build_spec.hpp"
#include "suggest.hpp"
#include "toml_tree.hpp"

namespace relocsim::config {
namespace {

// [sources] may name a key either as a quoted dotted key
// ("behaviour.logit_scale" = "...") or as nested tables
// (behaviour.logit_scale = "..."); both spell the same key path.
void check_entries(const toml::table& sources, const std::string& prefix, const toml::table& root,
                   const std::vector<std::string>& keys, ErrorList& errors) {
  for (auto&& [name, node] : sources) {
    const std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* sub = node.as_table()) {
      check_entries(*sub, key, root, keys, errors);
      continue;
    }
    const Location at = location_of(node);
    if (const auto* text = node.as_string(); text == nullptr || text->get().empty()) {
      errors.add(at, "sources." + key, "expected a string saying where the value comes from, got " + describe_value(node));
      continue;
    }
    if (split_key(key).front() == "sources" || find_node(root, key) == nullptr) {
      errors.add(at, "sources." + key,
                 "names no key of the configuration; expected the key path of a value" + did_you_mean(key, keys));
    }
  }
}

}  // namespace

void check_sources(const toml::table& root, ErrorList& errors) {
  const toml::node* sources = root.get("sources");
  if (sources == nullptr) return;
  if (!sources->is_table()) {
    errors.add(location_of(*sources), "sources",
               "expected a table mapping key paths to their sources, got " + describe_value(*sources));
    return;
  }
  std::vector<std::string> keys;
  for (auto& k : key_paths(root)) {
    if (split_key(k).front() != "sources") keys.push_back(std::move(k));
  }
  check_entries(*sources->as_table(), "", root, keys, errors);
}

}  // namespace relocsim::config
