#include "ownership_mark.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace bootstorm {
namespace {

TEST(OwnershipMark, WrittenMarkReadsBack) {
  std::string xml = OwnershipMetadataXml("0d89c574");
  EXPECT_EQ(xml,
            "<metadata><bootstorm:run xmlns:bootstorm=\"https://bootstorm.invalid/run/1\" "
            "id=\"0d89c574\"/></metadata>");
  EXPECT_EQ(RunIdOfMarkIn(xml), "0d89c574");
  EXPECT_THROW(OwnershipMetadataXml("../x"), std::invalid_argument);
}

TEST(OwnershipMark, ElementAsVirDomainGetMetadataReturnsIt) {
  EXPECT_EQ(RunIdOfMarkElement("<run id=\"0d89c574\"/>"), "0d89c574");
  EXPECT_EQ(RunIdOfMarkElement("\n<bootstorm:run xmlns:bootstorm='x' id='0d89c574'/>"), "0d89c574");
  EXPECT_EQ(RunIdOfMarkElement("<run/>"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkElement("<run id=\"0D89C574\"/>"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkElement("<other id=\"0d89c574\"/>"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkElement("<run id=\"0d89c574"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkElement(""), std::nullopt);
}

TEST(OwnershipMark, InADescriptionOnlyTheElementOfBootstormsNamespaceCounts) {
  // As libvirt 9.0 returns a network's description.
  EXPECT_EQ(RunIdOfMarkIn("<network>\n  <name>bootstorm-deadbeef</name>\n  <metadata>\n"
                          "    <bootstorm:run xmlns:bootstorm=\"https://bootstorm.invalid/run/1\" "
                          "id=\"deadbeef\"/>\n  </metadata>\n</network>\n"),
            "deadbeef");
  EXPECT_EQ(RunIdOfMarkIn("<network><name>bootstorm-deadbeef</name></network>"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkIn("<metadata><x:run xmlns:x=\"https://example.org/\" "
                          "id=\"deadbeef\"/></metadata>"),
            std::nullopt);
  EXPECT_EQ(RunIdOfMarkIn("<metadata><run id=\"deadbeef\"/></metadata>"), std::nullopt);
  EXPECT_EQ(RunIdOfMarkIn("<metadata><x:run xmlns:y=\"https://bootstorm.invalid/run/1\" "
                          "id=\"deadbeef\"/></metadata>"),
            std::nullopt);
}

}  // namespace
}  // namespace bootstorm
