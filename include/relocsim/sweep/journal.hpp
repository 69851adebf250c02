#pragma once
// The journal of a sweep in progress: OUT.h5.d/, one small file per finished
// run, so a sweep killed at any moment (kill -9, a node lost, a Slurm time
// limit) loses at most the runs it was in the middle of.
//
// Each record is written to a hidden temporary, synced, and renamed into
// place: a record under its real name is always whole. It carries the sweep's
// identity and a CRC-32, so a record of another sweep or a damaged one is
// never taken for a result. A lock file keeps two processes off one journal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/sweep/outcomes.hpp"
#include "relocsim/sweep/shard.hpp"

namespace relocsim::sweep {

struct JournalHeader {
  std::string sweep_id;
  Shard shard;
  long long runs = 0;
  std::string git_commit;  // the build that made the records
};

// A record as bytes, and back. decode returns nullopt (and why) for a record
// that is damaged or belongs to another sweep.
std::string encode_record(const RunRecord& record, const std::string& sweep_id);
std::optional<RunRecord> decode_record(std::string_view bytes, const std::string& sweep_id, std::string* why);

class Journal {
 public:
  enum class Mode {
    Fresh,   // a new journal; an existing one is an error unless replace is set
    Resume,  // continue an existing journal (or start one); it must be this sweep's
  };
  static std::string directory_for(const std::string& output) { return output + ".d"; }

  // Throws OutputError: the journal exists (Fresh without replace), belongs to
  // another sweep, shard or build (Resume), or is locked by another process.
  Journal(std::string dir, JournalHeader header, Mode mode, bool replace);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Which runs have a valid record; removes leftover temporaries and damaged
  // records (their runs are simply run again).
  std::vector<bool> scan(long long* discarded = nullptr);
  void write(const RunRecord& record) const;  // thread-safe: one file per run
  [[nodiscard]] RunRecord read(long long run) const;  // status kNotRun when there is none
  // After the archive is in place: the journal's work is done.
  void remove();
  [[nodiscard]] const std::string& dir() const { return dir_; }

 private:
  [[nodiscard]] std::string record_path(long long run) const;
  std::string dir_;
  JournalHeader header_;
  int lock_fd_ = -1;
};

}  // namespace relocsim::sweep
