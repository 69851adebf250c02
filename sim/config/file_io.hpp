#pragma once
// Reading input files whole, and resolving the paths one file uses to name another.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace relocsim::config {

// The largest input file read.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

// The file's bytes, or nullopt with `why` set to the system's reason
// (e.g. "No such file or directory") or to the file being over kMaxInputBytes.
std::optional<std::string> read_text(const std::string& path, std::string& why);

// `relative` as named inside `naming_file`: relative paths are taken from that
// file's directory. The result is lexically normalised so that messages show
// "data/tiny/sites.csv" rather than "data/broken/../tiny/sites.csv".
std::string resolve_path(const std::string& naming_file, const std::string& relative);

// The path a value set on the command line names: relative to the working
// directory, as a shell user would expect.
std::string resolve_command_line_path(const std::string& relative);

}  // namespace relocsim::config
