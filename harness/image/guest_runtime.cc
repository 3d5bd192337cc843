#include "guest_runtime.h"

#include <fmt/format.h>

#include <stdexcept>

namespace bootstorm {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "PATH (0x...)" -> "PATH"; the address is there when ldd ran the loader.
std::string_view WithoutAddress(std::string_view s) {
  if (std::size_t open = s.rfind(" ("); open != std::string_view::npos && s.ends_with(")"))
    s = s.substr(0, open);
  return Trim(s);
}

bool PlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos;
}

}  // namespace

std::vector<SharedObject> ParseLddOutput(std::string_view text, std::string_view binary) {
  std::vector<SharedObject> objects;
  auto fail = [&](std::string_view line, std::string_view why) {
    throw std::runtime_error(fmt::format("ldd {}: {}: '{}'", binary, why, line));
  };
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) continue;
    SharedObject o;
    if (std::size_t arrow = line.find(" => "); arrow != std::string_view::npos) {
      o.name = std::string(Trim(line.substr(0, arrow)));
      std::string_view where = WithoutAddress(line.substr(arrow + 4));
      if (where == "not found") fail(line, "a library is not found on this host");
      o.host_path = std::string(where);
    } else {
      std::string_view where = WithoutAddress(line);
      if (where.starts_with("linux-vdso") || where.starts_with("linux-gate")) continue;
      // The only line without an arrow that names a file: the interpreter.
      o.host_path = std::string(where);
      o.name = o.host_path.filename().string();
      o.is_loader = true;
    }
    if (!PlainFileName(o.name)) fail(line, "not a plain library name");
    if (!o.host_path.is_absolute()) fail(line, "not an absolute path");
    objects.push_back(std::move(o));
  }
  return objects;
}

std::vector<std::string> PatchelfCommand(const SharedObject& loader,
                                         const std::filesystem::path& binary) {
  return {"patchelf",      "--set-interpreter", fmt::format("{}/{}", kGuestRuntimeDir, loader.name),
          "--force-rpath", "--set-rpath",       std::string(kGuestRuntimeDir),
          binary.string()};
}

}  // namespace bootstorm
