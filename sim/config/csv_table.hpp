#pragma once
// A CSV file (RFC 4180, via libcsv) as a header and rows of text cells, each
// row with the line it starts on so that errors can point into the file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error_list.hpp"

namespace relocsim::config {

struct CsvRow {
  int line = 0;  // 1-based line of the row's first character
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string path;
  int header_line = 1;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // blank rows are dropped
  // Rows dropped for having the wrong number of fields (and reported): the
  // ids they hold are unknown, so references into the table are not checked.
  int malformed_rows = 0;
  // The columns a builder asked for (CsvColumns), so that the loader can list
  // what it read; bookkeeping about the table, not its content, hence mutable.
  mutable std::vector<std::string> columns_read;

  // Index of a column in the header, -1 if absent.
  [[nodiscard]] int column(std::string_view name) const;
};

// Parses `text` (the contents of `path`). Malformed quoting, an empty file and
// rows whose width differs from the header's are reported; nullopt when no
// header could be read or the quoting is broken.
std::optional<CsvTable> parse_csv(const std::string& path, const std::string& text, ErrorList& errors);

}  // namespace relocsim::config
