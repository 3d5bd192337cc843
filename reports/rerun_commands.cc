#include "rerun_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace bootstorm {

std::string ShellWord(const std::string& s) {
  bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-_./:=,@+").find(c) != std::string_view::npos;
  });
  if (plain) return s;
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string ReplayCommandLine(const std::filesystem::path& run_dir, int vm, int boot) {
  return fmt::format("bootstorm replay {} --vm {} --boot {}", ShellWord(run_dir.string()), vm,
                     boot);
}

std::string ShrinkCommandLine(const std::filesystem::path& run_dir, int vm) {
  return fmt::format("bootstorm shrink {} --vm {}", ShellWord(run_dir.string()), vm);
}

}  // namespace bootstorm
