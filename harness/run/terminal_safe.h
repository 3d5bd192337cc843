// Text from a run's records or from a guest, made safe to print on a
// terminal: a recorded string must not move the cursor, retitle the window
// or clear the screen of whoever reads bootstorm's output.
#pragma once

#include <string>
#include <string_view>

namespace bootstorm {

/// `text` with every control character written as \xNN: the C0 range
/// (newline and escape included), DEL, and the C1 range encoded as UTF-8
/// (U+0080 to U+009F, which some terminals also obey). Other bytes are kept.
std::string TerminalSafe(std::string_view text);

}  // namespace bootstorm
