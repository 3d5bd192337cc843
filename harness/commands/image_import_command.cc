#include "image_import_command.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

#include "atomic_file.h"
#include "guest_image.h"
#include "guest_runtime.h"
#include "guestfs_image.h"
#include "image_inspection.h"
#include "process.h"
#include "sha256.h"

namespace bootstorm {
namespace fs = std::filesystem;
namespace {

constexpr auto kScriptTimeout = std::chrono::seconds(60);
// The units a cloud-init image leaves out (agent/image/build-image, --sut
// cloud-init): cloud-init renders (no local stage), no benchmark poweroff.
constexpr const char* kSkippedUnits[] = {"bootstorm-local.service",
                                         "bootstorm-poweroff-at-end.service"};

// Gives the binaries staged in `staging` the runtime they load on this host
// (guest_runtime.h): the shared objects in kGuestRuntimeDir, the binaries
// pointed at them.
void StageGuestRuntime(const fs::path& staging, const std::vector<fs::path>& binaries) {
  fs::path dir = staging / fs::path(kGuestRuntimeDir).relative_path();
  fs::create_directories(dir);
  std::map<std::string, SharedObject> objects;  // by name: each copied once
  for (const fs::path& binary : binaries)
    for (SharedObject& o : ParseLddOutput(
             RunProcessOrThrow({"ldd", binary.string()}, kScriptTimeout).out, binary.string()))
      objects.emplace(o.name, std::move(o));
  const SharedObject* loader = nullptr;
  for (const auto& [name, o] : objects) {
    // The file, not a symbolic link to it: the guest has its own /lib.
    fs::copy_file(fs::canonical(o.host_path), dir / name);
    fs::permissions(dir / name, fs::perms(0755));
    if (o.is_loader) loader = &o;
  }
  if (!loader)
    throw std::runtime_error(
        fmt::format("ldd names no dynamic loader for {}", binaries[0].string()));
  for (const fs::path& binary : binaries)
    RunProcessOrThrow(PatchelfCommand(*loader, binary), kScriptTimeout);
}

// Lays out bootstorm's guest parts in `staging` as a cloud-init image gets
// them, with agent/image's own install scripts.
void StageGuestParts(const GuestParts& parts, const fs::path& staging) {
  fs::path units = parts.dir / "units", recipe = parts.dir / "image-recipe";
  for (const fs::path& p :
       {parts.dir / "guest/bootstorm-agent", parts.dir / "guest/bootstorm-observer",
        units / "bootstorm-observer.service", recipe / "install-agent-units",
        recipe / "install-observer"})
    if (!fs::is_regular_file(p))
      throw BadInput(
          fmt::format("{}: missing (build bootstorm, or install its package)", p.string()));
  fs::create_directories(staging / "usr/local/bin");
  fs::copy_file(parts.dir / "guest/bootstorm-agent", staging / "usr/local/bin/bootstorm-agent");
  fs::permissions(staging / "usr/local/bin/bootstorm-agent", fs::perms(0755));
  std::vector<std::string> argv = {(recipe / "install-agent-units").string(), staging.string(),
                                   units.string()};
  argv.insert(argv.end(), std::begin(kSkippedUnits), std::end(kSkippedUnits));
  RunProcessOrThrow(argv, kScriptTimeout);
  // cloud-final is After=multi-user.target: the generator has cloud-final
  // want the final stage instead (build-image does the same).
  fs::remove(staging / "etc/systemd/system/multi-user.target.wants/bootstorm-final.service");
  // The distro's initramfs does not load virtio_console; udev's coldplug
  // loads it too late for the observer, which waits for its port briefly
  // (measured: one boot of four had no event history). build-initrd loads
  // it in the built images' initrd for the same reason.
  fs::create_directories(staging / "etc/modules-load.d");
  WriteFileAtomically(staging / "etc/modules-load.d/bootstorm.conf",
                      "# bootstorm: the probe's and the observer's virtio ports, early\n"
                      "virtio_console\n");
  RunProcessOrThrow({(recipe / "install-observer").string(), staging.string(),
                     (parts.dir / "guest/bootstorm-observer").string(),
                     (units / "bootstorm-observer.service").string()},
                    kScriptTimeout);
  StageGuestRuntime(staging, {staging / "usr/local/bin/bootstorm-agent",
                              staging / "usr/local/bin/bootstorm-observer"});
}

void RequireQcow2(const fs::path& source) {
  std::ifstream in(source, std::ios::binary);
  char magic[4] = {};
  if (!fs::is_regular_file(source) || !in.read(magic, 4))
    throw BadInput(fmt::format("{}: not a readable file", source.string()));
  if (std::string_view(magic, 4) != std::string_view("QFI\xfb", 4))
    throw BadInput(fmt::format("{}: not a qcow2 image (convert it with qemu-img convert -O qcow2)",
                               source.string()));
}

}  // namespace

bool GuestfsNeedsTcg() {
  if (!fs::exists("/dev/kvm")) return true;
  std::ifstream probe("/run/bootstorm/kvm");
  std::string first;
  std::getline(probe, first);
  return first.starts_with("no");
}

ExitCode RunImageImport(const ImageImportOptions& o, Cancellation& cancellation) {
  fs::path source = fs::absolute(o.source).lexically_normal();
  RequireQcow2(source);
  if (fs::exists(o.out) && !(fs::is_directory(o.out) && fs::is_empty(o.out)))
    throw BadInput(fmt::format("--out {}: exists and is not an empty folder", o.out.string()));
  bool created = fs::create_directories(o.out);
  fs::path work = o.out / ".import";
  auto cleanup = [&] {
    std::error_code ec;
    if (created)
      fs::remove_all(o.out, ec);
    else
      fs::remove_all(work, ec);
  };
  // A deadline and Ctrl-C both end the appliance, so the libguestfs call
  // waiting on it fails and the import cleans up (its signals are blocked
  // in every thread and child: main's SignalWatcher takes them).
  CancelAfter deadline(cancellation, o.timeout, "image import timeout");
  CancelSubscription watchdog(cancellation, [] { KillApplianceProcesses(); });
  try {
    fs::create_directories(work / "staging");
    StageGuestParts(o.parts, work / "staging");
    std::vector<AddedFile> files = ListStagedFiles(work / "staging");

    std::cerr << "image import: inspecting " << source.string()
              << " in libguestfs's appliance (TCG: a minute or two)\n";
    fs::path overlay = work / "disk.qcow2";
    GuestfsImage g(o.force_tcg);
    g.CreateOverlay(overlay, source);
    g.Launch(overlay);
    InspectedImage image = g.InspectAndMount();
    if (std::string why = RefusalReason(image); !why.empty()) {
      g.Close();
      throw BadInput(fmt::format("{}: cannot be tested: {}", source.string(), why));
    }
    g.AddFiles(work / "staging", files);
    g.Close();

    nlohmann::json sut_json = ImportedSutJson(image, source);
    sut_json[kSutSourceStamp] = SourceStamp(source);  // RequireGuestImage checks it
    std::string sut = sut_json.dump(1) + "\n";
    std::string listing = AddedFilesText(files, source.string());
    WriteFileAtomically(o.out / "sut.json", sut);
    WriteFileAtomically(o.out / "guest-versions.json",
                        ImportedGuestVersionsJson(image).dump() + "\n");
    WriteFileAtomically(o.out / "added-files.txt", listing);
    WriteFileAtomically(o.out / "image-key", Sha256Hex(sut + listing).substr(0, 16) + "\n");
    fs::rename(overlay, o.out / "disk.qcow2");
    fs::remove_all(work);
    std::cout << fmt::format(
        "imported {} ({} {}: cloud-init {}, NetworkManager {}, systemd {}) into {}: {} files "
        "added, listed in added-files.txt\n",
        source.string(), image.distro, sut_json["release"].get<std::string>(),
        sut_json["cloud_init"].get<std::string>(), sut_json["network_manager"].get<std::string>(),
        sut_json["systemd"].get<std::string>(), o.out.string(), files.size());
  } catch (...) {
    cleanup();
    if (cancellation.cancelled())
      throw std::runtime_error(
          fmt::format("image import stopped ({}), libguestfs's appliance "
                      "killed; nothing of it is left in {}",
                      cancellation.reason(), o.out.string()));
    throw;
  }
  return ExitCode::kPass;
}

}  // namespace bootstorm
