#pragma once
// Typed access to the merged TOML tree. Each getter checks type and range and
// records a located error instead of throwing, and remembers the key as part of
// the schema. Whatever no getter asked for is, by construction, an unknown key:
// the schema is the set of keys the builders read, so the two cannot drift apart.
#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "error_list.hpp"
#include "range.hpp"
#include "relocsim/engine/spec.hpp"

namespace relocsim::config {

class TomlReader {
 public:
  TomlReader(const toml::table& root, std::string scenario, ErrorList& errors);

  std::optional<double> number(const std::string& key, Range range);
  std::optional<std::int64_t> integer(const std::string& key, Range range);
  std::optional<bool> boolean(const std::string& key);
  std::optional<std::string> string(const std::string& key);  // non-empty
  // A file named by `key`, resolved against the file that set it.
  std::optional<std::string> path(const std::string& key);
  std::optional<std::vector<std::string>> strings(const std::string& key);  // non-empty
  std::optional<std::vector<double>> numbers(const std::string& key, Range each, bool allow_empty);
  // A table {China = x, ASEAN = y, India = z}.
  std::optional<std::array<double, kNumBlocs>> by_bloc(const std::string& key, Range each);
  // A table naming any of the blocs, e.g. {ASEAN = 2020.3}; a bloc left out is nullopt.
  std::optional<std::array<std::optional<double>, kNumBlocs>> some_blocs(const std::string& key, Range each);
  // A table of numbers under names the caller checks, e.g. {DMIC = 0.5}; may be empty.
  std::optional<std::vector<std::pair<std::string, double>>> named_numbers(const std::string& key, Range each);
  // An array of tables ([[events]] sections, or an array of inline tables);
  // may be empty. Its entries are the caller's to read and check.
  const toml::array* tables(const std::string& key);

  // Names of the keys directly under `key` (the PLI schemes under "pli"),
  // which the caller then reads or rejects.
  [[nodiscard]] std::vector<std::string> children(const std::string& key) const;
  [[nodiscard]] bool is_table(const std::string& key) const;
  // The number of entries of the array at `key`, without reading or checking
  // them; nullopt when there is no array there.
  [[nodiscard]] std::optional<std::size_t> array_size(const std::string& key) const;
  // Declares `key` and everything below it part of the schema without reading
  // it, e.g. after reporting it as a whole, so it is not reported again.
  void accept(const std::string& key);

  [[nodiscard]] Location locate(const std::string& key) const;
  // The value at `key` as a message shows it.
  [[nodiscard]] std::string describe(const std::string& key) const;
  void reject(const std::string& key, std::string problem);

  // Notes a key read outside the dotted-key getters (a field of an entry of
  // tables()), so that keys_read() lists it.
  void record_read(const std::string& key);
  // Every key read that holds a value in the configuration, in the order first
  // read: the schema as this configuration exercised it (describe's test
  // compares it with the parameter table).
  [[nodiscard]] std::vector<std::string> keys_read() const;

  // Reports keys no getter asked for (suggesting the nearest known one), then
  // required keys that are missing, unless an unknown key's suggestion already
  // points at them (a misspelt key should give one error, not two).
  void finish();

 private:
  // The node at `key`, or nullptr; a missing key is remembered with what was
  // expected, a non-table parent is reported once. A container's own keys are
  // read one by one, so it is recorded as a table of the schema, not a value.
  const toml::node* lookup(const std::string& key, const std::string& expected, bool container = false);
  void mark_known(const std::string& key, bool container = false);
  void find_unknown(const toml::table& table, const std::string& prefix, std::set<std::string>& suggested);
  [[nodiscard]] std::vector<std::string> candidates_like(const std::string& key) const;
  // The known key to suggest for an unknown one, or "" when none is close.
  [[nodiscard]] std::string suggestion(const std::string& key) const;

  struct Missing {
    std::string key;
    std::string expected;
  };

  const toml::table& root_;
  std::string scenario_;
  ErrorList& errors_;
  std::set<std::string> known_;     // keys read (or accepted)
  std::set<std::string> recorded_;  // keys of record_read()
  std::vector<std::string> order_;  // known_ and recorded_, in the order first seen
  std::set<std::string> prefixes_;  // the tables that hold them
  std::set<std::string> bad_parents_;
  std::vector<Missing> missing_;
};

}  // namespace relocsim::config
