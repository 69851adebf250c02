#include "error_list.hpp"

#include <utility>

#include "relocsim/config/quote.hpp"

namespace relocsim::config {
namespace {

std::string join_messages(const std::vector<ConfigError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += '\n';
    out += e.what();
  }
  return out;
}

}  // namespace

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : Error(join_messages(errors)), errors_(std::move(errors)) {}

void ErrorList::add(const Location& where, std::string key, std::string problem) {
  // Keys and values come from the user's files: a 10 MB string or key must
  // not be echoed whole, whichever check reports it.
  errors_.emplace_back(where.file, where.line, shortened(key), with_quotes_shortened(problem));
}

void ErrorList::warn(const Location& where, std::string key, std::string problem) {
  warnings_.emplace_back(where.file, where.line, shortened(key), with_quotes_shortened(problem));
}

void ErrorList::throw_if_any() const {
  if (!errors_.empty()) throw ConfigErrors(errors_);
}

}  // namespace relocsim::config
