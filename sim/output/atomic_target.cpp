#include "atomic_target.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "relocsim/engine/error.hpp"
#include "relocsim/output/temporary_name.hpp"

namespace relocsim::output {
namespace fs = std::filesystem;
namespace {

std::string exists_message(const std::string& path) {
  return fmt::format("{} exists; use --force to overwrite", path);
}

void sync_path(const std::string& path, int flags, bool tolerate_einval, const std::string& target) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: open {}: {}", target, path, std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // Some file systems cannot sync a directory and say so with EINVAL; the
  // rename has still happened.
  if (rc != 0 && !(tolerate_einval && err == EINVAL)) {
    throw OutputError(fmt::format("cannot write {}: fsync {}: {}", target, path, std::strerror(err)));
  }
}

}  // namespace

AtomicTarget::AtomicTarget(std::string path, bool overwrite) : path_(std::move(path)), overwrite_(overwrite) {
  if (path_.empty()) throw OutputError("no output file named");
  const fs::path target(path_);
  std::error_code ec;
  const auto status = fs::status(target, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) throw OutputError(fmt::format("cannot write {}: it is a directory", path_));
    if (!overwrite_) throw OutputError(exists_message(path_));
  }
  const fs::path parent = target.parent_path();
  dir_ = parent.empty() ? std::string(".") : parent.string();
  const auto dir_status = fs::status(dir_, ec);
  if (!fs::exists(dir_status)) {
    throw OutputError(fmt::format("cannot write {}: directory '{}' does not exist", path_, dir_));
  }
  if (!fs::is_directory(dir_status)) {
    throw OutputError(fmt::format("cannot write {}: '{}' is not a directory", path_, dir_));
  }
  if (::access(dir_.c_str(), W_OK | X_OK) != 0) {
    throw OutputError(fmt::format("cannot write {}: directory '{}' is not writable", path_, dir_));
  }
  // Hidden and tagged with the host and process id, so concurrent runs (on
  // any node of a cluster) never share a temporary, a leftover one is easy to
  // recognise (and is .gitignored), and one whose process died is removed
  // here, by the next run to the same target.
  remove_stale_temporaries(dir_, target.filename().string());
  temp_ = (fs::path(dir_) / temporary_name(target.filename().string())).string();
  if (fs::exists(temp_, ec)) {
    throw OutputError(fmt::format("cannot write {}: temporary file {} already exists; remove it if no other run "
                                  "is writing it",
                                  path_, temp_));
  }
}

AtomicTarget::~AtomicTarget() {
  if (!committed_) discard();
}

void AtomicTarget::commit() {
  sync_path(temp_, O_RDONLY, false, path_);
  if (overwrite_) {
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw OutputError(fmt::format("cannot write {}: rename: {}", path_, std::strerror(errno)));
    }
  } else if (::link(temp_.c_str(), path_.c_str()) == 0) {
    // link() fails rather than replace, so a file that appeared during the
    // run is never clobbered.
    ::unlink(temp_.c_str());
  } else if (errno == EEXIST) {
    throw OutputError(exists_message(path_));
  } else {
    // File systems without hard links: check, then rename (a small race).
    std::error_code ec;
    if (fs::exists(path_, ec)) throw OutputError(exists_message(path_));
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw OutputError(fmt::format("cannot write {}: rename: {}", path_, std::strerror(errno)));
    }
  }
  committed_ = true;
  sync_path(dir_, O_RDONLY | O_DIRECTORY, true, path_);
}

void AtomicTarget::discard() noexcept {
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

}  // namespace relocsim::output
