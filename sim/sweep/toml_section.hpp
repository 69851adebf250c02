#pragma once
// A table of SWEEP.toml or CALIB.toml read key by key: each getter reports a
// wrong type or value at the value's line, and finish() every key that no
// getter asked for, so a misspelt key is never silently ignored. Private to
// the sweep and calibration libraries.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "error_list.hpp"
#include "file_io.hpp"
#include "suggest.hpp"
#include "toml_text.hpp"

namespace relocsim::sweep::detail {

using config::ErrorList;

inline int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// One table of a TOML file of ours (SWEEP.toml, CALIB.toml): typed getters that report a wrong type or value
// at the value's line, and at the end every key no getter asked for.
class Section {
 public:
  Section(const toml::table& table, std::string name, std::string file, ErrorList& errors)
      : table_(table), name_(std::move(name)), file_(std::move(file)), errors_(errors) {}

  [[nodiscard]] int line() const { return line_of(table_); }
  [[nodiscard]] std::string key(const std::string& k) const { return name_ + "." + k; }
  [[nodiscard]] const toml::node* get(const std::string& k) const { return table_.get(k); }
  [[nodiscard]] bool has(const std::string& k) const { return table_.contains(k); }
  void error_at(const toml::node* node, const std::string& k, const std::string& problem) {
    errors_.add({file_, node ? line_of(*node) : line()}, key(k), problem);
  }

  std::optional<std::string> string(const std::string& k, bool required) {
    const toml::node* n = get(k);
    if (n == nullptr) {
      if (required) error_at(nullptr, k, "missing; expected a string");
      return std::nullopt;
    }
    if (!n->is_string() || n->as_string()->get().empty()) {
      error_at(n, k, "expected a non-empty string, got " + toml_text(*n));
      return std::nullopt;
    }
    return n->as_string()->get();
  }

  std::optional<long long> integer(const std::string& k, long long min, const std::string& expected) {
    const toml::node* n = get(k);
    if (n == nullptr) return std::nullopt;
    if (!n->is_integer() || n->as_integer()->get() < min) {
      error_at(n, k, fmt::format("expected {}, got {}", expected, toml_text(*n)));
      return std::nullopt;
    }
    return n->as_integer()->get();
  }

  std::optional<double> number(const std::string& k) {
    const toml::node* n = get(k);
    if (n == nullptr) return std::nullopt;
    const auto v = n->value<double>();  // integers are accepted where a float is expected
    if (!v || !std::isfinite(*v)) {
      error_at(n, k, "expected a finite number, got " + toml_text(*n));
      return std::nullopt;
    }
    return *v;
  }

  std::optional<bool> boolean(const std::string& k) {
    const toml::node* n = get(k);
    if (n == nullptr) return std::nullopt;
    if (!n->is_boolean()) {
      error_at(n, k, "expected true or false, got " + toml_text(*n));
      return std::nullopt;
    }
    return n->as_boolean()->get();
  }

  std::optional<std::vector<std::string>> strings(const std::string& k) {
    const toml::node* n = get(k);
    if (n == nullptr) return std::nullopt;
    const auto* a = n->as_array();
    std::vector<std::string> out;
    if (a != nullptr) {
      for (const auto& item : *a) {
        if (!item.is_string()) {
          a = nullptr;
          break;
        }
        out.push_back(item.as_string()->get());
      }
    }
    if (a == nullptr) {
      error_at(n, k, "expected an array of strings, got " + toml_text(*n));
      return std::nullopt;
    }
    return out;
  }

  // Keys the schema does not have: a misspelling should not be silently ignored.
  void finish(const std::vector<std::string>& allowed) {
    for (const auto& [k, node] : table_) {
      const std::string name(k.str());
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      errors_.add({file_, line_of(node)}, key(name), "unknown key" + config::did_you_mean(name, allowed));
    }
  }

 private:
  const toml::table& table_;
  std::string name_, file_;
  ErrorList& errors_;
};

// The entries of [[name]]; anything else under that name is an error.
inline std::vector<const toml::table*> tables_of(const toml::table& root, const std::string& name, const std::string& file,
                                          ErrorList& errors) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(name);
  if (node == nullptr) return out;
  const auto* array = node->as_array();
  if (array != nullptr && array->is_array_of_tables()) {
    for (const auto& t : *array) out.push_back(t.as_table());
  } else {
    errors.add({file, line_of(*node)}, name, fmt::format("expected [[{}]] entries (an array of tables)", name));
  }
  return out;
}


// A definition file (SWEEP.toml, CALIB.toml) read and parsed; one that cannot
// be read or is not TOML is reported, located, and thrown at once, since
// nothing else in it can be checked. `what` names it in the message.
inline toml::table read_definition(const std::string& path, const std::string& what, ErrorList& errors,
                                   std::string& text) {
  std::string why;
  const auto read = config::read_text(path, why);
  if (!read) {
    errors.add({path, 0}, "", "cannot open the " + what + " (" + why + ")");
    errors.throw_if_any();
  }
  text = *read;
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    errors.add({path, static_cast<int>(e.source().begin.line)}, "", "expected valid TOML: " + std::string(e.description()));
    errors.throw_if_any();
  }
  return {};
}

}  // namespace relocsim::sweep::detail
