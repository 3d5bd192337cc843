// The HTML report's fixed parts: its stylesheet and its one script. Both are
// constants, never built from data, so the page's Content-Security-Policy
// can allow exactly this script by its hash and nothing else.
#pragma once

#include <string_view>

namespace bootstorm {

/// The stylesheet (the content of <style>).
extern const std::string_view kReportStyle;

/// The script (the content of the one <script>, at the end of <body>): the
/// verdict filters and the expand/collapse buttons. It records script errors
/// in <body data-script-errors> and sets <body data-ready="1"> when done.
extern const std::string_view kReportScript;

/// "sha256-<base64>" of kReportScript, for the page's script-src. Change it
/// with the script: when they differ the script does not run, and the browser
/// test fails printing Chromium's console message, which names the right hash.
extern const std::string_view kReportScriptHash;

}  // namespace bootstorm
