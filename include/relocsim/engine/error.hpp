#pragma once
// One exception hierarchy for the whole program. Library code throws; only the
// program's main() turns an exception into a message and an exit status.
#include <stdexcept>
#include <string>

namespace relocsim {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A model description that the engine cannot run (sizes disagree, a value out of range).
class SpecError : public Error {
 public:
  using Error::Error;
};

// Bad user input, located: file, line (0 when unknown), key, what was expected.
class ConfigError : public Error {
 public:
  ConfigError(std::string file, int line, std::string key, std::string problem)
      : Error(format(file, line, key, problem)),
        file_(std::move(file)), line_(line), key_(std::move(key)), problem_(std::move(problem)) {}
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] const std::string& key() const { return key_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }

  // "file:line: key: problem", the form compilers use, so editors can jump to it.
  static std::string format(const std::string& file, int line, const std::string& key,
                            const std::string& problem) {
    // Appends rather than operator+: GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string out;
    out.append(file);
    if (line > 0) out.append(":").append(std::to_string(line));
    out.append(": ");
    if (!key.empty()) out.append(key).append(": ");
    out.append(problem);
    return out;
  }

 private:
  std::string file_;
  int line_;
  std::string key_;
  std::string problem_;
};

// Output could not be written (disk full, permissions, existing file).
class OutputError : public Error {
 public:
  using Error::Error;
};

// The user asked the run to stop (SIGINT, SIGTERM).
class Interrupted : public Error {
 public:
  using Error::Error;
};

}  // namespace relocsim
