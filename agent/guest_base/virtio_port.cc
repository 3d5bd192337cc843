#include "virtio_port.h"

#include <unistd.h>

#include <filesystem>
#include <thread>

#include "files.h"

namespace bootstorm {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

}  // namespace

std::optional<std::string> FindVirtioPort(std::string_view name, const VirtioPortDirs& dirs) {
  std::string link = dirs.links + "/" + std::string(name);
  if (Exists(link)) return link;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dirs.sysfs, error)) {
    std::optional<std::string> port_name =
        ReadFileBounded((entry.path() / "name").string(), name.size() + 2);
    if (!port_name) continue;
    while (!port_name->empty() && port_name->back() == '\n') port_name->pop_back();
    std::string node = dirs.dev + "/" + entry.path().filename().string();
    if (*port_name == name && Exists(node)) return node;
  }
  return std::nullopt;
}

std::optional<std::string> WaitForVirtioPort(std::string_view name,
                                             std::chrono::milliseconds timeout,
                                             const VirtioPortDirs& dirs) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (std::optional<std::string> port = FindVirtioPort(name, dirs)) return port;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace bootstorm
