// The CSV reader (quoting, line numbers) and key suggestions, below load().
#include <catch2/catch.hpp>

#include "csv_table.hpp"
#include "suggest.hpp"

using namespace relocsim::config;

TEST_CASE("csv: RFC 4180 quoting, and each row's first line", "[config][csv]") {
  const std::string text =
      "\xEF\xBB\xBFid,name,source\r\n"  // 1: byte-order mark, CRLF
      "a,\"x, y\",s\r\n"                // 2: comma inside quotes
      "\r\n"                            // 3: blank
      "b,\"multi\nline\",s\n"           // 4-5
      "c,\"say \"\"hi\"\"\",s\n"        // 6: doubled quotes
      "\"first\nfield\",e,f\n"          // 7-8: the first field spans lines
      ",,\n"                            // 9: empty cells only, dropped
      "h,i,j";                          // 10: no final newline
  ErrorList errors;
  const auto table = parse_csv("t.csv", text, errors);
  REQUIRE(errors.empty());
  REQUIRE(table);
  CHECK(table->header == std::vector<std::string>{"id", "name", "source"});
  CHECK(table->column("name") == 1);
  CHECK(table->column("nope") == -1);
  REQUIRE(table->rows.size() == 5);
  std::vector<int> lines;
  for (const auto& row : table->rows) lines.push_back(row.line);
  CHECK(lines == std::vector<int>{2, 4, 6, 7, 10});
  CHECK(table->rows[0].cells[1] == "x, y");
  CHECK(table->rows[1].cells[1] == "multi\nline");
  CHECK(table->rows[2].cells[1] == "say \"hi\"");
  CHECK(table->rows[3].cells[0] == "first\nfield");
  CHECK(table->rows[4].cells == std::vector<std::string>{"h", "i", "j"});
}

TEST_CASE("csv: rows of the wrong width and empty files are reported", "[config][csv]") {
  ErrorList errors;
  const auto table = parse_csv("t.csv", "a,b,source\n1,2,s\n3,4\n", errors);
  REQUIRE(table);
  CHECK(table->rows.size() == 1);
  try {
    errors.throw_if_any();
    FAIL("expected an error");
  } catch (const ConfigErrors& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(std::string(e.errors()[0].what()) == "t.csv:3: expected 3 fields as in the header, got 2");
  }
  ErrorList empty_errors;
  CHECK_FALSE(parse_csv("e.csv", "\n\n", empty_errors));
  CHECK(empty_errors.size() == 1);
}

TEST_CASE("suggestions: edit distance counts swaps as one edit", "[config]") {
  CHECK(edit_distance("logit_scal", "logit_scale") == 1);
  CHECK(edit_distance("behaviuor", "behaviour") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(nearest("behavior.logit", {"run.seed", "behaviour.logit_scale", "behaviour.add_share"}) ==
        "behaviour.logit_scale");
  CHECK(nearest("x", {}).empty());
  // Case is the cheapest mistake.
  CHECK(nearest("Asean", {"China", "ASEAN", "India"}) == "ASEAN");
  CHECK(nearest("asean", {"Asean", "ASEAN"}) == "Asean");
  CHECK(did_you_mean("x", {}).empty());
}
