#include "relocsim/output/temporary_name.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <climits>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace relocsim::output {
namespace fs = std::filesystem;
namespace {

// A second guard besides the pid: processes in another pid namespace (a
// container that shares the host's name and the file system) are invisible
// to kill(), so a temporary written to within the last hour is kept. A live
// writer touches its temporary at every step.
constexpr auto kQuietFor = std::chrono::hours(1);

// True only when the process certainly does not exist: EPERM means it
// exists under another user, and any other doubt keeps the file.
bool process_is_gone(long long pid) {
  if (pid <= 0 || pid > INT_MAX) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

std::string host_tag() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "unknown-host";
  std::string tag(name);
  for (char& c : tag) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '_' || c == '-';
    if (!plain) c = '_';
  }
  return tag;
}

std::string temporary_name(const std::string& filename) {
  return fmt::format(".{}.tmp-{}-{}", filename, host_tag(), ::getpid());
}

std::vector<std::string> remove_stale_temporaries(const std::string& directory, const std::string& filename) {
  // ".NAME.tmp-" then "HOST-PID": the host may hold '-', the pid is after the last one.
  const std::string prefix = fmt::format(".{}.tmp-{}-", filename, host_tag());
  std::vector<std::string> removed;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    long long pid = 0;
    const auto [p, err] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    // Another host whose name extends ours ("node1" and "node1-b") leaves
    // more than digits here, and is skipped.
    if (err != std::errc() || p != digits.data() + digits.size()) continue;
    if (pid == ::getpid() || !process_is_gone(pid)) continue;
    std::error_code age;
    const auto written = fs::last_write_time(it->path(), age);
    if (age || fs::file_time_type::clock::now() - written < kQuietFor) continue;
    std::error_code rm;
    if (fs::remove(it->path(), rm)) removed.push_back(name);
  }
  return removed;
}

}  // namespace relocsim::output
