#pragma once
// The configuration loader as the fuzzers and the regression replay drive it:
// one input, one load, and an abort() for anything the loader must never do.
//
// A load may succeed or throw ConfigErrors; it must not crash, leak, hang,
// throw anything else, or leave a problem to check_spec (whose message has no
// file, line or key). A configuration it accepts must also load again from
// its resolved TOML (the text every output file keeps), be accepted by the
// transport network (as `relocsim validate` asks it to), and run a few steps
// of a small population without an engine error.
#include <cstddef>
#include <cstdint>

namespace relocsim::fuzz {

// The input is a scenario's TOML text. It is loaded as case/scenario.toml in
// a scratch directory that also holds the tiny scenario (tiny/ and, beside
// scenario.toml, its CSV files) and the broken corpus, so the files of
// tests/data/tiny and tests/data/broken are seeds as they are. After a NUL
// byte, each line is a --set override ("key=value").
void load_toml(const std::uint8_t* data, std::size_t size);

// The input's first byte picks one of the tiny scenario's data tables (its
// [data] keys sorted by name, modulo their number: legs, market_mix,
// markets, sectors, sites, supplier_mix, tariffs); the rest replaces that
// table's CSV text.
void load_csv(const std::uint8_t* data, std::size_t size);

}  // namespace relocsim::fuzz
