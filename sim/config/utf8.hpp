#pragma once
// Text in the output file must be UTF-8: xarray, h5py's .asstr() and
// relocsim's own reader cannot open a file whose names are not (a sites.csv
// saved as Latin-1 by a spreadsheet). TOML is checked by its parser; CSV
// files by this, before they are parsed.
#include <cstddef>
#include <optional>
#include <string_view>

namespace relocsim::config {

// The offset of the first byte that does not start or continue a valid UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF are
// invalid), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace relocsim::config
