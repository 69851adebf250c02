#pragma once
// The resolved configuration as TOML text. toml++'s own formatter, as built in
// the Debian package, prints 0.3 as 0.29999999999999999; this writer prints the
// shortest text that reads back as the same double, so output files stay
// readable and still reproduce the run exactly.
#include <toml++/toml.h>

#include <string>

namespace relocsim::config {

std::string to_toml(const toml::table& root);

}  // namespace relocsim::config
