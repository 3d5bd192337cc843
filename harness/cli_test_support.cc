#include "cli_test_support.h"

#include <libvirt/libvirt.h>

#include <chrono>
#include <fstream>

#include "libvirt_hypervisor.h"
#include "process.h"

namespace bootstorm {

std::string BootstormBinary() { return BOOTSTORM_BINARY; }

CliRun RunBootstorm(const std::vector<std::string>& args) {
  std::vector<std::string> argv{BootstormBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = RunProcess(argv, std::chrono::minutes(20));
  return CliRun{r.exit_code, r.out, r.err};
}

std::filesystem::path FreshTestDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(BOOTSTORM_TEST_OUTPUT_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path ScenarioPath(const std::string& file) {
  return std::filesystem::path(BOOTSTORM_SCENARIOS_DIR) / file;
}

nlohmann::json ReadJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::string TestUri() {
  const char* uri = std::getenv("BOOTSTORM_CONNECT");
  return uri && *uri ? uri : "qemu:///system";
}

namespace {

/// Appends "<kind> <name>" for each listed object whose name holds `needle`,
/// and frees the list libvirt returned.
template <typename Ptr, typename GetName, typename Free>
void CollectMatching(const char* kind, Ptr* list, int count, const std::string& needle,
                     GetName get_name, Free free_one, std::vector<std::string>& found) {
  for (int i = 0; i < count; ++i) {
    std::string name = get_name(list[i]);
    if (name.find(needle) != std::string::npos) found.push_back(std::string(kind) + " " + name);
    free_one(list[i]);
  }
  free(list);
}

}  // namespace

std::vector<std::string> LeftoversOf(const std::string& needle) {
  std::vector<std::string> found;
  virConnectPtr conn = virConnectOpen(TestUri().c_str());
  if (!conn) return {"<cannot connect to " + TestUri() + ">"};
  virDomainPtr* domains = nullptr;
  int n = virConnectListAllDomains(conn, &domains, 0);
  CollectMatching("domain", domains, n, needle, virDomainGetName, virDomainFree, found);
  virNetworkPtr* networks = nullptr;
  n = virConnectListAllNetworks(conn, &networks, 0);
  CollectMatching("network", networks, n, needle, virNetworkGetName, virNetworkFree, found);
  if (virStoragePoolPtr pool =
          virStoragePoolLookupByName(conn, std::string(kStoragePoolName).c_str())) {
    virStoragePoolRefresh(pool, 0);
    virStorageVolPtr* volumes = nullptr;
    n = virStoragePoolListAllVolumes(pool, &volumes, 0);
    CollectMatching("volume", volumes, n, needle, virStorageVolGetName, virStorageVolFree, found);
    virStoragePoolFree(pool);
  }
  virConnectClose(conn);
  return found;
}

}  // namespace bootstorm
