#include "xml_escape.h"

#include <gtest/gtest.h>

namespace bootstorm {
namespace {

TEST(XmlEscape, EscapesMarkup) {
  EXPECT_EQ(XmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
}

TEST(XmlEscape, KeepsValidUtf8AndWhitespace) {
  EXPECT_EQ(XmlEscape("gr\xC3\xBC\xC3\x9F\x65 \xE2\x82\xAC \xF0\x9F\x98\x80\t\n\r"),
            "gr\xC3\xBC\xC3\x9F\x65 \xE2\x82\xAC \xF0\x9F\x98\x80\t\n\r");
}

TEST(XmlEscape, DropsCharactersXmlForbids) {
  EXPECT_EQ(XmlEscape(std::string("a\x00\x01\x1b[0mb", 8)), "a[0mb");
  EXPECT_EQ(XmlEscape("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
}

TEST(XmlEscape, ReplacesInvalidUtf8) {
  const std::string kReplacement = "\xEF\xBF\xBD";
  EXPECT_EQ(XmlEscape("a\xFF"
                      "b"),
            "a" + kReplacement + "b");
  EXPECT_EQ(XmlEscape("\xC0\xAF"), kReplacement + kReplacement);                     // overlong '/'
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), kReplacement + kReplacement + kReplacement);  // surrogate
  EXPECT_EQ(XmlEscape("\xE2\x82"), kReplacement + kReplacement);                     // truncated
}

}  // namespace
}  // namespace bootstorm
