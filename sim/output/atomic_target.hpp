#pragma once
// The file a writer is asked for, reached through a temporary name beside it:
// readers never see a half-written file under the real name, and an existing
// file is replaced (when allowed) only by one atomic rename at the end.
#include <string>

namespace relocsim::output {

class AtomicTarget {
 public:
  // Throws OutputError when the target exists and overwrite is not set, or
  // its directory is missing or not writable.
  AtomicTarget(std::string path, bool overwrite);
  ~AtomicTarget();  // removes the temporary unless commit() succeeded
  AtomicTarget(const AtomicTarget&) = delete;
  AtomicTarget& operator=(const AtomicTarget&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& temp_path() const { return temp_; }
  [[nodiscard]] bool committed() const { return committed_; }

  // The temporary must be closed. Syncs it, moves it into place and syncs
  // the directory so the new name survives a crash.
  void commit();
  void discard() noexcept;

 private:
  std::string path_;
  std::string dir_;
  std::string temp_;
  bool overwrite_;
  bool committed_ = false;
};

}  // namespace relocsim::output
