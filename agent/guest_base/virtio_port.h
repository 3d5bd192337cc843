// Finding the probe's virtio-serial port. udev links it as
// /dev/virtio-ports/NAME, but only once its coldplug reached the port, which
// the early probe was measured waiting 3 s for. The kernel names the port
// in sysfs (/sys/class/virtio-ports/vportNpM/name) and devtmpfs makes
// /dev/vportNpM as soon as virtio_console (in the initrd) probed it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace bootstorm {

struct VirtioPortDirs {
  std::string links = "/dev/virtio-ports";
  std::string sysfs = "/sys/class/virtio-ports";
  std::string dev = "/dev";
};

/// The device path of the port named `name`: the udev link when it exists,
/// else the kernel's node for it; nullopt when neither exists yet.
std::optional<std::string> FindVirtioPort(std::string_view name, const VirtioPortDirs& dirs = {});

/// FindVirtioPort, polled every 20 ms until it answers or `timeout` passed.
std::optional<std::string> WaitForVirtioPort(std::string_view name,
                                             std::chrono::milliseconds timeout,
                                             const VirtioPortDirs& dirs = {});

}  // namespace bootstorm
