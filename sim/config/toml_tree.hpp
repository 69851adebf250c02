#pragma once
// The configuration as one TOML tree: a scenario merged over the files it
// extends, then the command-line overrides. Every value keeps the file and
// line it came from so that later checks can point at it.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error_list.hpp"

namespace relocsim::config {

// The file name given to values set with --set; they have no line.
inline constexpr std::string_view kCommandLine = "--set";

// Where a node was written; file is "" when toml++ does not know.
Location location_of(const toml::node& node);

// How a value reads in a message: 8, -1.5, "abc", true, an array, a table.
std::string describe_value(const toml::node& node);

std::vector<std::string> split_key(std::string_view dotted);

// The node at a dotted key path, or nullptr; only tables are descended into.
const toml::node* find_node(const toml::table& root, std::string_view dotted);
toml::node* find_node(toml::table& root, std::string_view dotted);

// Every key path in the tree, tables and values alike, depth first in key order.
std::vector<std::string> key_paths(const toml::table& root);

// The file at `path` parsed as TOML, or nullopt when it cannot be read or is
// not TOML: for telling what kind of file a user gave (a scenario or a sweep
// definition) before loading it, when the loader will report any problem.
std::optional<toml::table> parse_file_quietly(const std::string& path);

// Reads `path` and every file it extends (recursively, paths relative to the
// file that names them). A file's values replace those of the file it extends;
// tables merge key by key. `extends` itself is dropped once resolved. Appends
// each file read to `inputs`. nullopt when the tree cannot be built; the
// reason is in `errors`.
std::optional<toml::table> load_tree(const std::string& path, std::vector<InputFile>& inputs,
                                     ErrorList& errors);

// Applies "dotted.key=toml-value" in order. Only keys that already exist may
// be set, so a typo cannot silently add an unused key.
void apply_overrides(toml::table& root, const std::vector<std::string>& overrides, ErrorList& errors);

}  // namespace relocsim::config
