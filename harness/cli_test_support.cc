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

/// Names of domains, volumes and networks on the hypervisor containing `needle`.
std::vector<std::string> LeftoversOf(const std::string& needle) {
  std::vector<std::string> found;
  virConnectPtr conn = virConnectOpen(TestUri().c_str());
  if (!conn) return {"<cannot connect to " + TestUri() + ">"};
  virDomainPtr* domains = nullptr;
  int n = virConnectListAllDomains(conn, &domains, 0);
  for (int i = 0; i < n; ++i) {
    std::string name = virDomainGetName(domains[i]);
    if (name.find(needle) != std::string::npos) found.push_back("domain " + name);
    virDomainFree(domains[i]);
  }
  free(domains);
  virNetworkPtr* networks = nullptr;
  n = virConnectListAllNetworks(conn, &networks, 0);
  for (int i = 0; i < n; ++i) {
    std::string name = virNetworkGetName(networks[i]);
    if (name.find(needle) != std::string::npos) found.push_back("network " + name);
    virNetworkFree(networks[i]);
  }
  free(networks);
  if (virStoragePoolPtr pool =
          virStoragePoolLookupByName(conn, std::string(kStoragePoolName).c_str())) {
    virStoragePoolRefresh(pool, 0);
    virStorageVolPtr* volumes = nullptr;
    n = virStoragePoolListAllVolumes(pool, &volumes, 0);
    for (int i = 0; i < n; ++i) {
      std::string name = virStorageVolGetName(volumes[i]);
      if (name.find(needle) != std::string::npos) found.push_back("volume " + name);
      virStorageVolFree(volumes[i]);
    }
    free(volumes);
    virStoragePoolFree(pool);
  }
  virConnectClose(conn);
  return found;
}

}  // namespace bootstorm
