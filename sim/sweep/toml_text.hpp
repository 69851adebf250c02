#pragma once
// TOML values as text, for the overrides a run is loaded with ("key=value")
// and for the design as the archive shows it. Floats are written in the
// shortest form that reads back as the same double, so what a run used is
// exactly what the archive says.
#include <toml++/toml.h>

#include <string>

namespace relocsim::sweep {

std::string toml_float(double value);  // always reads back as a TOML float: 2.0, 0.1, 1e-05, inf
std::string toml_string(const std::string& value);  // a basic string, quoted and escaped
std::string toml_text(const toml::node& node);      // any value, arrays and inline tables included

}  // namespace relocsim::sweep
