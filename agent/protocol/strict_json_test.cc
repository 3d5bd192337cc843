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

TEST(ParseJsonText, RejectsAKeyGivenTwiceNamingItsPath) {
  EXPECT_EQ(PathOfError([] { ParseJsonText(R"({"a": [1, {"b": 1, "b": 2}]})", "f"); }), "f.a[1].b");
  EXPECT_EQ(PathOfError([] { ParseJsonText(R"({"a": 1, "a": 1})", "f"); }), "f.a");
  // The same key in sibling objects is fine.
  EXPECT_EQ(ParseJsonText(R"([{"a": 1}, {"a": 2}])", "f").size(), 2u);
}

TEST(ParseJsonText, LimitsNestingDepth) {
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_NO_THROW(ParseJsonText(ok, "f"));
  std::string deep = "[" + ok + "]";
  std::string path = "f";
  for (std::size_t i = 0; i < kMaxJsonDepth; ++i) path += "[0]";
  EXPECT_EQ(PathOfError([&] { ParseJsonText(deep, "f"); }), path);
}

// Found in issue 17: 100k levels overflowed the stack of the recursive copy
// and destruction after parsing.
TEST(ParseJsonText, AHundredThousandLevelsAreAnErrorNotACrash) {
  const std::size_t levels = 100000;
  std::string arrays = std::string(levels, '[') + std::string(levels, ']');
  std::string objects;
  for (std::size_t i = 0; i < levels; ++i) objects += R"({"a":)";
  objects += "1" + std::string(levels, '}');
  for (const std::string& text : {arrays, objects}) {
    try {
      ParseJsonText(text, "deep.json");
      FAIL() << "no error";
    } catch (const JsonPathError& e) {
      EXPECT_NE(std::string(e.what()).find("nested deeper than 64 levels"), std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace bootstorm
