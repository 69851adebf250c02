#include "file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace relocsim::config {
namespace {

// What a path names when it is not a plain file, for the message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return nullptr;  // the system's own "Is a directory" reads well
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_text(const std::string& path, std::string& why) {
  // A C string ends at the first NUL: "sites.csv\0.bak" would open sites.csv.
  if (path.find('\0') != std::string::npos) {
    why = "the path holds a NUL character; expected a file name without one";
    return std::nullopt;
  }
  // Non-blocking, so that opening a FIFO with no writer returns at once
  // instead of hanging; the type check below then refuses it. Devices
  // (/dev/zero, /dev/tty) are refused the same way, before any read.
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    why = std::strerror(EISDIR);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    why = std::string(kind_of(st.st_mode)) + ", not a regular file; expected a scenario or a data table";
    return std::nullopt;
  }
  // A scenario or table is kilobytes; a huge unrelated file must end with a
  // message, not with memory exhausted. The size is checked as read too: the
  // file may grow meanwhile.
  const auto too_big = [&why] {
    why = "larger than 64 MiB; expected a scenario or a data table";
    return std::nullopt;
  };
  if (static_cast<std::uint64_t>(st.st_size) > kMaxInputBytes) return too_big();
  std::string text;
  char buffer[1 << 14];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxInputBytes) return too_big();
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
