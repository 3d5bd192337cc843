// Escaping for text put into XML (libvirt domain/network XML, JUnit).
#pragma once

#include <string>
#include <string_view>

namespace bootstorm {

/// Escapes & < > " ' so the text is safe in element content and attributes.
std::string XmlEscape(std::string_view text);

}  // namespace bootstorm
