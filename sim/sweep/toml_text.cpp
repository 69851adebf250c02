#include "toml_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

namespace relocsim::sweep {

std::string toml_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", value);  // shortest round trip
  // "2" would read back as an integer; the loader accepts it where a float is
  // expected, but the archive should show what the key holds.
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string toml_string(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string toml_text(const toml::node& node) {
  if (const auto* v = node.as_integer()) return std::to_string(v->get());
  if (const auto* v = node.as_floating_point()) return toml_float(v->get());
  if (const auto* v = node.as_boolean()) return v->get() ? "true" : "false";
  if (const auto* v = node.as_string()) return toml_string(v->get());
  if (const auto* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) out += (i ? ", " : "") + toml_text(*a->get(i));
    return out + "]";
  }
  if (const auto* t = node.as_table()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : *t) {
      out += fmt::format("{} {} = {}", first ? "" : ",", toml_string(std::string(key.str())), toml_text(value));
      first = false;
    }
    return out + (first ? "}" : " }");
  }
  // Dates and times: toml++'s own form is valid TOML.
  std::ostringstream s;
  node.visit([&](const auto& value) { s << value; });
  return s.str();
}

}  // namespace relocsim::sweep
