#include "file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace relocsim::config {

std::optional<std::string> read_text(const std::string& path, std::string& why) {
  // stdio rather than iostreams: it sets errno, so the message can say why.
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    why = std::strerror(errno != 0 ? errno : ENOENT);
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 14];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, n);
    if (n < sizeof buffer) break;
    // A scenario or table is kilobytes; a path to /dev/zero or a huge
    // unrelated file must end with a message, not with memory exhausted.
    if (text.size() > kMaxInputBytes) {
      why = "larger than 64 MiB; expected a scenario or a data table";
      return std::nullopt;
    }
  }
  // Opening a directory succeeds on Linux; reading it is what fails (EISDIR).
  if (std::ferror(file.get()) != 0) {
    why = std::strerror(errno != 0 ? errno : EIO);
    return std::nullopt;
  }
  return text;
}

std::string resolve_path(const std::string& naming_file, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (rel.is_absolute()) return rel.lexically_normal().string();
  return (std::filesystem::path(naming_file).parent_path() / rel).lexically_normal().string();
}

std::string resolve_command_line_path(const std::string& relative) {
  return std::filesystem::path(relative).lexically_normal().string();
}

}  // namespace relocsim::config
