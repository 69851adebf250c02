#include "toml_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace relocsim::config {
namespace {

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04X}", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string key_text(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? std::string(key) : quoted(key);
}

std::string float_text(double x) {
  // fmt's "{}" is the shortest round-trip form; TOML wants a float to look like one.
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 'n': nan and inf need nothing
  return s;
}

std::string value_text(const toml::node& node);

std::string inline_table_text(const toml::table& table) {
  std::string out = "{";
  bool first = true;
  for (auto&& [key, value] : table) {
    out += first ? " " : ", ";
    out += key_text(key.str()) + " = " + value_text(value);
    first = false;
  }
  return out + (first ? "}" : " }");
}

std::string value_text(const toml::node& node) {
  if (const auto* s = node.as_string()) return quoted(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return float_text(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) out += (i == 0 ? "" : ", ") + value_text((*a)[i]);
    return out + "]";
  }
  if (const auto* t = node.as_table()) return inline_table_text(*t);
  // Dates and times are not part of the schema; toml++ prints them faithfully.
  std::ostringstream out;
  node.visit([&](const auto& v) { out << toml::toml_formatter{v}; });
  return out.str();
}

bool is_section(const toml::node& node) { return node.is_table() && !node.as_table()->is_inline(); }

// A non-empty array of tables is written as [[key]] sections, one per entry,
// which reads far better than one long line of inline tables.
bool is_table_array(const toml::node& node) { return node.is_array_of_tables(); }

void write_table(std::string& out, const toml::table& table, const std::string& path) {
  for (auto&& [key, value] : table) {
    if (!is_section(value) && !is_table_array(value)) out += key_text(key.str()) + " = " + value_text(value) + "\n";
  }
  for (auto&& [key, value] : table) {
    if (!is_table_array(value)) continue;
    const std::string sub = path.empty() ? key_text(key.str()) : path + "." + key_text(key.str());
    for (const auto& entry : *value.as_array()) {
      if (!out.empty()) out += "\n";
      out += "[[" + sub + "]]\n";
      write_table(out, *entry.as_table(), sub);
    }
  }
  for (auto&& [key, value] : table) {
    if (!is_section(value)) continue;
    const std::string sub = path.empty() ? key_text(key.str()) : path + "." + key_text(key.str());
    const toml::table& child = *value.as_table();
    // A table holding only tables needs no header of its own ([sources.pli] before [sources.pli.electronics]).
    const bool only_sections = !child.empty() && std::all_of(child.begin(), child.end(), [](const auto& kv) {
      return is_section(kv.second);
    });
    if (!only_sections) {
      if (!out.empty()) out += "\n";
      out += "[" + sub + "]\n";
    }
    write_table(out, child, sub);
  }
}

}  // namespace

std::string to_toml(const toml::table& root) {
  std::string out;
  write_table(out, root, "");
  return out;
}

}  // namespace relocsim::config
