#include "strict_json.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

std::string PathOfError(const std::function<void()>& f) {
  try {
    f();
  } catch (const JsonPathError& e) {
    return e.path();
  }
  return "<no error>";
}

TEST(StrictObject, ReadsFieldsAndRejectsUnknownKeys) {
  nlohmann::json j = {{"name", "x"}, {"count", 3}, {"typo", true}};
  StrictObject o(j, "root");
  EXPECT_EQ(o.String("name"), "x");
  EXPECT_EQ(o.Integer("count", 0, 10), 3);
  EXPECT_EQ(PathOfError([&] { o.Finish(); }), "root.typo");
}

TEST(StrictObject, NamesThePathOfWrongTypesAndRanges) {
  nlohmann::json j = {{"count", 2.5}, {"big", 11}, {"huge", 18446744073709551615ull}};
  StrictObject o(j, "s");
  EXPECT_EQ(PathOfError([&] { o.Integer("count", 0, 10); }), "s.count");
  EXPECT_EQ(PathOfError([&] { o.Integer("big", 0, 10); }), "s.big");
  EXPECT_EQ(PathOfError([&] { o.Integer("huge", 0, 10); }), "s.huge");
  EXPECT_EQ(PathOfError([&] { o.String("missing"); }), "s.missing");
  EXPECT_FALSE(o.OptionalString("missing").has_value());
}

TEST(StrictObject, RejectsNonObjects) {
  EXPECT_EQ(PathOfError([] { StrictObject(nlohmann::json::array(), "x"); }), "x");
}

TEST(ParseJsonText, MalformedInputNamesWhat) {
  EXPECT_EQ(PathOfError([] { ParseJsonText("{", "file.json"); }), "file.json");
}

// Found by fuzzing: nlohmann's out_of_range for such numbers escaped callers
// that catch std::invalid_argument.
TEST(ParseJsonText, NumberBeyondADoubleIsMalformedInput) {
  EXPECT_EQ(PathOfError([] { ParseJsonText(R"({"vm": 9e999})", "file.json"); }), "file.json");
  EXPECT_EQ(PathOfError([] { ParseJsonText("-1e400", "file.json"); }), "file.json");
}

}  // namespace
}  // namespace bootstorm
