#pragma once
// The configuration loader and the sweep definition loader as the fuzzers and
// the regression replay drive them: one input, one load, and an abort() for
// anything the loader must never do.
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

// The sweep definition loader (relocsim::sweep::load_sweep_spec) and, when it
// accepts the definition, make_plan. The input is a SWEEP.toml text, loaded as
// sweep/SWEEP.toml in the scratch directory; sweep/ also holds a copy of the
// tiny scenario (tiny.toml, its tables and variants/high_pli.toml), so that
// `scenario = "tiny.toml"` names it. After a NUL byte, the rest is the text of
// sweep/design.csv (`design = "design.csv"` for method = "csv"); without a
// NUL byte there is no design.csv.
//
// Loading and planning may succeed or throw ConfigErrors. A definition the
// loader accepts must have a design of at most a million rows and ten million
// values (a bigger one would take gigabytes to plan); only designs of at most
// kPlannedRows rows and kPlannedValues values are planned here, to keep each
// input well under a second (a csv design is as big as the input). An accepted
// plan must hold together: 1 to INT32_MAX runs, the arms and reference of the
// definition, a design of the expected shape with unit coordinates in [0, 1],
// values inside their ranges (whole numbers for integer keys), every cell a
// TOML value, and for a few runs overrides that the arm's scenario accepts
// as keys and values (a value the model refuses is a failed run, not a bug).
inline constexpr long long kPlannedRows = 20'000;
inline constexpr long long kPlannedValues = 100'000;
void load_sweep(const std::uint8_t* data, std::size_t size);

}  // namespace relocsim::fuzz
