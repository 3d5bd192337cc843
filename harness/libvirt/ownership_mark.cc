#include "ownership_mark.h"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "run_manifest.h"

namespace bootstorm {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

/// A start tag: its qualified name and attributes (values unescaped only as
/// far as a run id and the namespace URI need: they hold no entities).
struct StartTag {
  std::string_view prefix;  ///< empty when the name has none
  std::string_view local;
  std::map<std::string, std::string, std::less<>> attributes;
};

/// Parses the start tag at `xml[at]` ('<'); nullopt when it is no well-formed
/// start tag. A scan by hand, not std::regex: libstdc++'s regex recurses per
/// character and a long description would exhaust the stack.
std::optional<StartTag> ParseStartTag(std::string_view xml, std::size_t at) {
  std::size_t name_end = xml.find_first_of(" \t\r\n/>", at + 1);
  if (name_end == std::string_view::npos || name_end == at + 1) return std::nullopt;
  StartTag tag;
  std::string_view name = xml.substr(at + 1, name_end - at - 1);
  std::size_t colon = name.find(':');
  tag.prefix = colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
  tag.local = colon == std::string_view::npos ? name : name.substr(colon + 1);
  std::size_t i = name_end;
  while (true) {
    i = xml.find_first_not_of(kSpace, i);
    if (i == std::string_view::npos) return std::nullopt;
    if (xml[i] == '>' || xml.substr(i, 2) == "/>") return tag;
    std::size_t eq = xml.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view attribute = xml.substr(i, eq - i);
    attribute = attribute.substr(0, attribute.find_last_not_of(kSpace) + 1);
    std::size_t open = xml.find_first_not_of(kSpace, eq + 1);
    if (open == std::string_view::npos || (xml[open] != '"' && xml[open] != '\''))
      return std::nullopt;
    std::size_t close = xml.find(xml[open], open + 1);
    if (close == std::string_view::npos || attribute.empty() ||
        attribute.find_first_of("<>\"'") != std::string_view::npos)
      return std::nullopt;
    tag.attributes.emplace(attribute, xml.substr(open + 1, close - open - 1));
    i = close + 1;
  }
}

std::optional<std::string> ValidId(const StartTag& tag) {
  auto id = tag.attributes.find("id");
  if (id == tag.attributes.end() || !IsValidRunId(id->second)) return std::nullopt;
  return id->second;
}

}  // namespace

std::string OwnershipMetadataXml(std::string_view run_id) {
  if (!IsValidRunId(run_id))
    throw std::invalid_argument(fmt::format("not a run id for an ownership mark: '{}'", run_id));
  return fmt::format(R"(<metadata><bootstorm:run xmlns:bootstorm="{}" id="{}"/></metadata>)",
                     kOwnershipNamespace, run_id);
}

std::optional<std::string> RunIdOfMarkElement(std::string_view element) {
  std::size_t at = element.find_first_not_of(kSpace);
  if (at == std::string_view::npos || element[at] != '<') return std::nullopt;
  std::optional<StartTag> tag = ParseStartTag(element, at);
  if (!tag || tag->local != "run") return std::nullopt;
  return ValidId(*tag);
}

std::optional<std::string> RunIdOfMarkIn(std::string_view xml) {
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1)) {
    std::optional<StartTag> tag = ParseStartTag(xml, at);
    if (!tag || tag->local != "run" || tag->prefix.empty()) continue;
    // The prefix must be bound to bootstorm's namespace on the element
    // itself, as OwnershipMetadataXml writes it and libvirt keeps it.
    auto ns = tag->attributes.find(fmt::format("xmlns:{}", tag->prefix));
    if (ns != tag->attributes.end() && ns->second == kOwnershipNamespace) return ValidId(*tag);
  }
  return std::nullopt;
}

}  // namespace bootstorm
