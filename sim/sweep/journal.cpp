#include "relocsim/sweep/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "relocsim/engine/error.hpp"

namespace relocsim::sweep {
namespace fs = std::filesystem;
namespace {

constexpr const char* kHeaderName = "journal.txt";

std::string header_text(const JournalHeader& h) {
  return fmt::format("relocsim sweep journal 1\nsweep_id {}\nshard {}\nruns {}\ngit_commit {}\n", h.sweep_id,
                     h.shard.text(), h.runs, h.git_commit);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes, syncs and renames: the file appears under `path` whole or not at all.
void write_atomically(const fs::path& path, const std::string& bytes) {
  const fs::path temp = path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", temp.string(), std::strerror(errno)));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw OutputError(fmt::format("cannot write {}: {}", temp.string(), std::strerror(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  // Data on disk before the name: after a power cut the record is either
  // absent (the run is redone) or whole.
  if (::fdatasync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw OutputError(fmt::format("cannot write {}: {}", temp.string(), std::strerror(err)));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw OutputError(fmt::format("cannot write {}: rename: {}", path.string(), std::strerror(err)));
  }
}

std::optional<long long> run_of(const std::string& name) {
  // run-0000000012.rec
  if (name.size() < 9 || name.rfind("run-", 0) != 0 || name.substr(name.size() - 4) != ".rec") return std::nullopt;
  const std::string digits = name.substr(4, name.size() - 8);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(digits);
}

}  // namespace

Journal::Journal(std::string dir, JournalHeader header, Mode mode, bool replace)
    : dir_(std::move(dir)), header_(std::move(header)) {
  std::error_code ec;
  const bool exists = fs::exists(dir_, ec);
  if (exists && mode == Mode::Fresh) {
    if (!replace) {
      throw OutputError(fmt::format("{} exists: the journal of an unfinished sweep; continue it with --resume, or "
                                    "use --force to discard it and start over",
                                    dir_));
    }
    fs::remove_all(dir_, ec);
    if (ec) throw OutputError(fmt::format("cannot remove {}: {}", dir_, ec.message()));
  }
  fs::create_directories(dir_, ec);
  if (ec) throw OutputError(fmt::format("cannot create the journal {}: {}", dir_, ec.message()));
  const std::string lock = (fs::path(dir_) / "lock").string();
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw OutputError(fmt::format("cannot write {}: {}", lock, std::strerror(errno)));
  // The lock dies with the process, so a killed sweep never blocks its resume.
  // File systems without locks (Lustre mounted without -o flock answers
  // ENOSYS or EINVAL) go without: one sweep per journal is then up to the user.
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw OutputError(fmt::format("{} is in use by another relocsim sweep; wait for it to finish", dir_));
  }
  const fs::path header_path = fs::path(dir_) / kHeaderName;
  const std::string wanted = header_text(header_);
  if (fs::exists(header_path, ec)) {
    const std::string found = slurp(header_path);
    if (found != wanted) {
      const auto field = [&](const std::string& text, const std::string& name) {
        const auto at = text.find("\n" + name + " ");
        if (at == std::string::npos) return std::string("?");
        const auto start = at + name.size() + 2;
        return text.substr(start, text.find('\n', start) - start);
      };
      std::string why;
      if (field(found, "sweep_id") != header_.sweep_id) {
        why = fmt::format("it belongs to another sweep (sweep_id {}, this one {}): the sweep definition, a scenario "
                          "or a data file changed since it was started",
                          field(found, "sweep_id"), header_.sweep_id);
      } else if (field(found, "shard") != header_.shard.text()) {
        why = fmt::format("it is shard {}, this is shard {}", field(found, "shard"), header_.shard.text());
      } else if (field(found, "git_commit") != header_.git_commit) {
        why = fmt::format("its runs were made by relocsim built from commit {}, this one is {}; finish it with that "
                          "build",
                          field(found, "git_commit"), header_.git_commit);
      } else {
        why = "its header differs from this sweep's";
      }
      ::close(lock_fd_);
      lock_fd_ = -1;
      throw OutputError(fmt::format("cannot resume {}: {}; use --force to discard it and start over", dir_, why));
    }
  } else {
    write_atomically(header_path, wanted);
  }
}

Journal::~Journal() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Journal::record_path(long long run) const {
  return (fs::path(dir_) / fmt::format("run-{:010d}.rec", run)).string();
}

std::vector<bool> Journal::scan(long long* discarded) {
  std::vector<bool> done(static_cast<std::size_t>(header_.runs), false);
  long long dropped = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".run-", 0) == 0) {  // a temporary of a killed process
      fs::remove(entry.path(), ec);
      continue;
    }
    const auto run = run_of(name);
    if (!run) continue;
    const auto record =
        *run < header_.runs ? decode_record(slurp(entry.path()), header_.sweep_id, nullptr) : std::nullopt;
    if (!record || record->run != *run) {
      fs::remove(entry.path(), ec);
      ++dropped;
      continue;
    }
    done[static_cast<std::size_t>(*run)] = true;
  }
  if (ec) throw OutputError(fmt::format("cannot read the journal {}: {}", dir_, ec.message()));
  if (discarded != nullptr) *discarded = dropped;
  return done;
}

void Journal::write(const RunRecord& record) const {
  write_atomically(record_path(record.run), encode_record(record, header_.sweep_id));
}

RunRecord Journal::read(long long run) const {
  const std::string path = record_path(run);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    RunRecord none;
    none.run = run;
    return none;
  }
  std::string why;
  auto record = decode_record(slurp(path), header_.sweep_id, &why);
  if (!record || record->run != run) {
    throw OutputError(fmt::format("journal record {} is unusable ({}); run the sweep again with --resume", path, why));
  }
  return *record;
}

void Journal::remove() {
  if (lock_fd_ >= 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace relocsim::sweep
