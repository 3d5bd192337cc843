// Escaping for text put into XML (libvirt domain/network XML, JUnit).
#pragma once

#include <string>
#include <string_view>

namespace bootstorm {

/// Escapes & < > " ' so the text is safe in element content and attributes,
/// and makes it well-formed XML 1.0 whatever it held (guest data is
/// hostile): each byte that is not part of valid UTF-8 becomes U+FFFD, and
/// characters XML 1.0 forbids (controls other than tab, newline and carriage
/// return; U+FFFE, U+FFFF) are dropped.
std::string XmlEscape(std::string_view text);

}  // namespace bootstorm
