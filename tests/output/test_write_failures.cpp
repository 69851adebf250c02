// Writes that fail part way (a full disk, a quota) must surface as
// OutputError, leave no file behind, and leave the process able to write the
// next file and to exit normally: HDF5 1.10 crashes at exit after a close
// that failed, which the writer avoids (h5::divert_writes).
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <climits>
#include <csignal>
#include <cstdlib>

#include "relocsim/output/temporary_name.hpp"
#include "relocsim/engine/error.hpp"
#include "scratch_dir.hpp"
#include "synthetic_run.hpp"

using relocsim::OutputError;
using relocsim::output::Hdf5Writer;
using namespace relocsim::testing;

namespace {

// Limits the size of any file this process writes, for one scope.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    // Past the limit the kernel sends SIGXFSZ, whose default kills the process.
    saved_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, saved_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  void (*saved_handler_)(int) = SIG_DFL;
};

// Makes every later write to the open file `path` fail with ENOSPC, as on a
// full disk, by putting /dev/full behind the descriptor that has it open.
bool fill_disk_under(const std::string& path) {
  char wanted[PATH_MAX];
  if (!::realpath(path.c_str(), wanted)) return false;
  DIR* fds = ::opendir("/proc/self/fd");
  if (!fds) return false;
  bool done = false;
  while (dirent* e = ::readdir(fds)) {
    char target[PATH_MAX] = {};
    const std::string link = std::string("/proc/self/fd/") + e->d_name;
    const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == wanted) {
      const int full = ::open("/dev/full", O_RDWR | O_CLOEXEC);
      done = full >= 0 && ::dup2(full, std::atoi(e->d_name)) >= 0;
      if (full >= 0) ::close(full);
    }
  }
  ::closedir(fds);
  return done;
}

std::string temp_name(const std::string& name) { return relocsim::output::temporary_name(name); }

void next_file_still_works(const ScratchDir& dir, const SyntheticRun& run) {
  Hdf5Writer next(dir.file("next.h5"), synthetic_provenance());
  feed(next, run);
  next.finish();
  CHECK(dir.entries() == std::vector<std::string>{"next.h5"});
}

}  // namespace

TEST_CASE("a write that hits a size limit fails with the system's reason", "[output]") {
  // Limits below and around the synthetic file's size (about 140 KiB), so
  // that writes fail at different points: in a step, at the firm table, at
  // the final flush.
  const rlim_t limit = GENERATE(as<rlim_t>{}, 2048, 16384, 32768, 65536, 98304, 131072, 139264);
  INFO("limit " << limit);
  ScratchDir dir;
  const auto run = make_synthetic_run();
  std::string message;
  {
    Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
    try {
      FileSizeLimit small(limit);
      feed(writer, run);
      writer.finish();
    } catch (const OutputError& e) {
      message = e.what();
    }
  }
  CHECK_THAT(message, Catch::StartsWith("cannot write " + dir.file("out.h5") + ": ") &&
                          Catch::Contains("(File too large)"));
  CHECK(dir.entries().empty());
  next_file_still_works(dir, run);
}

TEST_CASE("a disk that fills during the run leaves nothing behind", "[output]") {
  const int steps_before = GENERATE(0, 2, 4);
  INFO(steps_before << " steps written before the disk fills");
  ScratchDir dir;
  const auto run = make_synthetic_run();
  std::string message;
  {
    Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
    try {
      writer.on_start(run.start());
      for (int s = 0; s < steps_before; ++s) writer.on_step(run.records[static_cast<std::size_t>(s)]);
      REQUIRE(fill_disk_under(dir.file(temp_name("out.h5"))));
      for (std::size_t s = static_cast<std::size_t>(steps_before); s < run.records.size(); ++s) {
        writer.on_step(run.records[s]);
      }
      writer.on_end(run.firms);
      writer.finish();
    } catch (const OutputError& e) {
      message = e.what();
    }
    // The writer is destroyed while every write to its file still fails.
  }
  CHECK_THAT(message, Catch::StartsWith("cannot write " + dir.file("out.h5") + ": ") &&
                          Catch::Contains("(No space left on device)"));
  CHECK(dir.entries().empty());
  next_file_still_works(dir, run);
}
