#pragma once
// Checks of the command line's numeric options that say what the option
// takes. CLI11's own checks print the range of a double ("0.000000 to
// 1797693...", 310 digits) or fail later, deep in the configuration ("expected
// a TOML value" for a seed above 2^63); these run on the text as typed, before
// CLI11 converts it.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace relocsim::cli {

// Threads: beyond any machine, yet small enough for every int the runner
// computes from it.
inline constexpr std::uint64_t kMaxThreads = 65536;

// A whole number from `lo` to `hi`, written in decimal digits only ("4", not
// "4.0", "+4" or "0x4"); `what` names it in the message ("the number of threads").
CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi, const std::string& what);

// The message of a failed check, or "" when `text` is a whole number in [lo, hi].
std::string check_whole_number(const std::string& text, std::uint64_t lo, std::uint64_t hi, const std::string& what);

// The message for a first argument that is not a command ("relocsim bogus",
// which CLI11 reports only as "A subcommand is required"), or "" when it is
// one, or an option.
std::string unknown_command(CLI::App& app, int argc, char** argv);

// How every command-line error reads: "error: MESSAGE" and where to look,
// like the program's other errors.
std::string failure_message(const CLI::App* app, const CLI::Error& e);

}  // namespace relocsim::cli
