// The resolved configuration's writer: readable numbers, and text that reads
// back as the same tree.
#include <catch2/catch.hpp>

#include "toml_writer.hpp"

using namespace relocsim::config;

TEST_CASE("toml writer: shortest round-trip floats and a faithful tree", "[config]") {
  const std::string doc = R"(title = "say \"hi\"\\ then\ttab"
n = 3
x = 0.3
big = 1e300
whole = 4.0
neg = -0.000125
flag = false
list = [0.1, 2, "s"]
inl = { b = 1, a = { c = 0.7 } }
"odd key" = 1
[a]
v = 1
[a.b]
w = 2.5
[sources]
"behaviour.logit_scale" = "assumption"
)";
  const toml::table original = toml::parse(doc);
  const std::string text = to_toml(original);
  CHECK(text.find("x = 0.3\n") != std::string::npos);
  CHECK(text.find("whole = 4.0\n") != std::string::npos);
  CHECK(text.find("\"odd key\" = 1\n") != std::string::npos);
  CHECK(text.find("[a.b]\nw = 2.5\n") != std::string::npos);
  CHECK(text.find("inl = { a = { c = 0.7 }, b = 1 }\n") != std::string::npos);
  const toml::table again = toml::parse(text);
  CHECK(again == original);
}
