#include "cli_options.hpp"

#include <charconv>

#include <fmt/core.h>

#include "relocsim/config/quote.hpp"

namespace relocsim::cli {

std::string check_whole_number(const std::string& text, std::uint64_t lo, std::uint64_t hi, const std::string& what) {
  const std::string expected = fmt::format("expected {}, a whole number from {} to {}", what, lo, hi);
  // Every bound is >= 0, so a minus sign only changes which message: a
  // negative number is out of range, "-x" is not a number.
  const bool negative = !text.empty() && text.front() == '-';
  const char* first = text.data() + (negative ? 1 : 0);
  const char* last = text.data() + text.size();
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(first, last, value);
  const bool digits_only = first != last && end == last && (ec == std::errc() || ec == std::errc::result_out_of_range);
  if (!digits_only) return fmt::format("{}, got {}", expected, config::quoted(text));
  // Out of 64 bits or of [lo, hi]: the value as typed (never a conversion's idea of it).
  if (negative || ec == std::errc::result_out_of_range || value < lo || value > hi) {
    return fmt::format("{}, got {}", expected, config::shortened(text));
  }
  return {};
}

CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi, const std::string& what) {
  return CLI::Validator(
      [lo, hi, what](std::string& text) { return check_whole_number(text, lo, hi, what); },
      fmt::format("{} to {}", lo, hi));
}

std::string unknown_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string given = argv[1];
  std::string names;
  for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == given) return {};
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return fmt::format("error: unknown command {}; expected one of {}\nRun 'relocsim --help' for the commands.\n",
                     config::quoted(given), names);
}

std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  // The help of the command being parsed, when there is one.
  std::string help = "relocsim --help";
  if (app != nullptr) {
    for (const auto* sub : app->get_subcommands()) help = fmt::format("relocsim {} --help", sub->get_name());
  }
  return fmt::format("error: {}\nRun '{}' for the options.\n", e.what(), help);
}

}  // namespace relocsim::cli
