#include "csv_table.hpp"

#include <csv.h>

#include <algorithm>
#include <fmt/format.h>

#include "utf8.hpp"

namespace relocsim::config {
namespace {

// State shared with libcsv's C callbacks.
struct Collector {
  int line = 1;  // line of the character being fed
  CsvRow row;
  std::vector<CsvRow> rows;
};

void on_field(void* data, std::size_t size, void* user) {
  auto& c = *static_cast<Collector*>(user);
  const std::string cell = data == nullptr ? std::string() : std::string(static_cast<const char*>(data), size);
  if (c.row.cells.empty()) {
    // The field ends on the current line; a quoted first field may span lines.
    c.row.line = c.line - static_cast<int>(std::count(cell.begin(), cell.end(), '\n'));
  }
  c.row.cells.push_back(cell);
}

void on_row(int /*terminator*/, void* user) {
  auto& c = *static_cast<Collector*>(user);
  const bool blank = std::all_of(c.row.cells.begin(), c.row.cells.end(), [](const auto& s) { return s.empty(); });
  if (!blank) c.rows.push_back(std::move(c.row));
  c.row = CsvRow{};
}

}  // namespace

int CsvTable::column(std::string_view name) const {
  const auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

std::optional<CsvTable> parse_csv(const std::string& path, const std::string& text, ErrorList& errors) {
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    errors.add({path, 0}, "", "out of memory while reading CSV");
    return std::nullopt;
  }
  // Every line that is not UTF-8, each with where in the line and which
  // byte: a file saved as Latin-1 or Windows-1252 has them wherever a name
  // has an accent, and the user has to find them all.
  constexpr int kLinesShown = 10;  // then a count: a whole file in Latin-1 is one mistake
  int not_utf8 = 0;
  int line_number = 1;
  for (std::size_t start = 0; start < text.size(); ++line_number) {
    const auto end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    if (const auto bad = first_invalid_utf8(line); bad && ++not_utf8 <= kLinesShown) {
      errors.add({path, line_number}, "",
                 fmt::format("not UTF-8: byte {} of the line is 0x{:02X}; expected UTF-8 text (save the file as "
                             "\"CSV UTF-8\"; Latin-1 and Windows-1252 encode accented letters differently)",
                             *bad + 1, static_cast<unsigned char>(line[*bad])));
    }
    start = end + 1;
  }
  if (not_utf8 > kLinesShown) {
    errors.add({path, 0}, "", fmt::format("{} more lines are not UTF-8", not_utf8 - kLinesShown));
  }
  if (not_utf8 > 0) return std::nullopt;
  Collector c;
  // Spreadsheets often save UTF-8 with a byte-order mark; it is not part of the first column's name.
  std::string_view body(text);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  // One byte at a time so that each row's first field knows its line; the
  // files are small and libcsv keeps its state between calls.
  bool broken = false;
  for (char ch : body) {
    if (csv_parse(&parser, &ch, 1, on_field, on_row, &c) != 1) {
      broken = true;
      break;
    }
    if (ch == '\n') ++c.line;
  }
  if (!broken && csv_fini(&parser, on_field, on_row, &c) != 0) broken = true;
  const bool parse_error = broken && csv_error(&parser) == CSV_EPARSE;
  csv_free(&parser);
  if (broken) {
    errors.add({path, c.line}, "",
               parse_error ? "malformed CSV; expected fields separated by commas, with any quotes around a whole "
                             "field and quotes inside it doubled"
                           : "out of memory while reading CSV");
    return std::nullopt;
  }
  if (c.rows.empty()) {
    errors.add({path, 1}, "", "empty file; expected a header line naming the columns");
    return std::nullopt;
  }
  CsvTable table;
  table.path = path;
  table.header_line = c.rows.front().line;
  table.header = std::move(c.rows.front().cells);
  for (std::size_t i = 1; i < c.rows.size(); ++i) {
    auto& row = c.rows[i];
    if (row.cells.size() != table.header.size()) {
      errors.add({path, row.line}, "",
                 fmt::format("expected {} fields as in the header, got {}", table.header.size(), row.cells.size()));
      ++table.malformed_rows;
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace relocsim::config
