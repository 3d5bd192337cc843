// Host-side faults on real VMs (CTest label "integration"): each test shows
// the fault took effect inside the guest, in the guest's own timeline and
// observations, not only that the harness applied it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.h"
#include "observation.h"
#include "plan.h"
#include "scenario.h"

namespace bootstorm {
namespace {

/// Runs `scenario` (written into the test's folder) on `uri`.
ScenarioRun RunScenarioJson(const std::string& test, const nlohmann::json& scenario,
                            const std::string& uri = TestUri(),
                            std::vector<std::string> extra = {}) {
  std::filesystem::path dir = FreshTestDir(test);
  std::filesystem::path file = dir / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  std::filesystem::path out = dir / "run";
  std::vector<std::string> args{"run", file.string(), "--out", out.string(), "--connect", uri};
  args.insert(args.end(), extra.begin(), extra.end());
  ScenarioRun run{RunBootstorm(args), nullptr};
  if (std::filesystem::exists(out / "results.json"))
    run.results = ReadJsonFile(out / "results.json");
  return run;
}

/// A scenario of the library with `boots` boots and these faults.
nlohmann::json LibraryScenario(const std::string& file, int boots, nlohmann::json faults) {
  nlohmann::json s = ReadJsonFile(ScenarioPath(file));
  s["boots"] = boots;
  s["faults"] = std::move(faults);
  return s;
}

/// The observation at `checkpoint` of a results.json boot (null when none).
nlohmann::json ObservationAt(const nlohmann::json& boot, const std::string& checkpoint) {
  for (const auto& o : boot["observations"]) {
    if (o["checkpoint"] == checkpoint) return o;
  }
  return nullptr;
}

/// Guest seconds of the first `event` of `unit` in an observation's timeline; -1 when none.
double TimelineSeconds(const nlohmann::json& observation, const std::string& unit,
                       const std::string& event) {
  for (const auto& e : observation["timeline"]) {
    if (e["unit"] == unit && e["event"] == event) return e["monotonic_us"].get<double>() / 1e6;
  }
  return -1;
}

/// Whether any agent log line of the observation contains every one of `parts`.
bool LogHas(const nlohmann::json& observation, std::vector<std::string> parts) {
  for (const auto& line : observation["agent_log"]) {
    std::string text = line.get<std::string>();
    bool all = true;
    for (const std::string& p : parts) all = all && text.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

/// The one boot of a run that must exit 0 with it passed; null (and the
/// test failed) when there is no such boot.
nlohmann::json PassedOnlyBoot(const ScenarioRun& run) {
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  auto boots = run.results.is_object() ? Boots(run.results) : decltype(Boots(run.results)){};
  if (boots.size() != 1) {
    ADD_FAILURE() << boots.size() << " boots recorded: " << run.cli.err;
    return nullptr;
  }
  EXPECT_EQ(boots[0].second["outcome"], "pass") << boots[0].second["checks"].dump(2);
  return boots[0].second;
}

TEST(HostFaultsIntegration, LateConfigArrivesAfterNetworkManagerAndReferenceActivatesOnce) {
  // 90 s: after NetworkManager started even on a loaded TCG host (measured: NM active at
  // 53 s guest time with a loaded host, when 45 s let the drive reach the local stage).
  ScenarioRun run = RunScenarioJson(
      "host-faults-late-config",
      LibraryScenario("late-config.json", 1, {{{"kind", "late-config"}, {"ms", 90000}}}));
  nlohmann::json boot = PassedOnlyBoot(run);
  ASSERT_TRUE(boot.is_object());

  ASSERT_EQ(boot["injections"].size(), 1u) << boot.dump(2);
  EXPECT_EQ(boot["injections"][0]["kind"], "late-config");
  EXPECT_GE(boot["injections"][0]["at_seconds"].get<double>(), 90.0);

  // In the guest: local ran without the drive, NM started, then the drive appeared.
  nlohmann::json end = ObservationAt(boot, "end");
  ASSERT_TRUE(end.is_object());
  double drive = TimelineSeconds(end, std::string(kConfigDriveDeviceUnit), "active-enter");
  double nm = TimelineSeconds(end, "NetworkManager.service", "active-enter");
  double local = TimelineSeconds(end, "bootstorm-local.service", "active-enter");
  double network = TimelineSeconds(end, "bootstorm-network.service", "active-enter");
  fmt::print(
      "late-config: local active {:.1f} s, NM active {:.1f} s, drive {:.1f} s, network "
      "stage active {:.1f} s (guest time)\n",
      local, nm, drive, network);
  ASSERT_GT(nm, 0);
  EXPECT_GT(drive, nm) << end["timeline"].dump(2);
  EXPECT_GT(drive, local);
  EXPECT_GT(network, drive);
  nlohmann::json after_network = ObservationAt(boot, "after-network");
  ASSERT_TRUE(after_network.is_object());
  EXPECT_TRUE(LogHas(after_network, {"late-config: no config drive yet"}));
  EXPECT_TRUE(LogHas(after_network, {"late-config: rendering the config drive"}));
  // Config arrived late: exactly one reload, by the network stage.
  ASSERT_EQ(end["nm_reloads"].size(), 1u) << end["nm_reloads"].dump();
  EXPECT_EQ(end["nm_reloads"][0]["requested_by"], "bootstorm-network.service");
  ExpectNothingLeft(run);
}

TEST(HostFaultsIntegration, LegacyInterfacesIsCaughtUnderLateConfig) {
  ScenarioRun run = RunScenario("host-faults-detect-late-config", "detect-legacy-late-config.json");
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  auto boots = Boots(run.results);
  ASSERT_EQ(boots.size(), 1u);
  EXPECT_FALSE(FailedChecks(run.results, "resolv-conf-intact").empty())
      << boots[0].second["checks"].dump(2);
  EXPECT_FALSE(FailedChecks(run.results, "nm-dns-none").empty());
  ExpectNothingLeft(run);
}

TEST(HostFaultsIntegration, LinkFlapAndDhcpRenewalHappenInTheGuestBeforeTheDnsEventProbe) {
  ScenarioRun run = RunScenarioJson(
      "host-faults-dns-events",
      LibraryScenario("dns-events.json", 1,
                      {{{"kind", "link-flap"}, {"ms", 10000}}, {{"kind", "dhcp-renew"}}}));
  nlohmann::json boot = PassedOnlyBoot(run);
  ASSERT_TRUE(boot.is_object());

  const nlohmann::json& injections = boot["injections"];
  ASSERT_EQ(injections.size(), 2u) << boot.dump(2);
  EXPECT_EQ(injections[0]["what"], "link down");
  EXPECT_EQ(injections[1]["what"], "link up");
  EXPECT_GE(injections[1]["at_seconds"].get<double>() - injections[0]["at_seconds"].get<double>(),
            10.0);

  nlohmann::json event = ObservationAt(boot, "after-dns-event");
  ASSERT_TRUE(event.is_object()) << boot.dump(2);
  EXPECT_TRUE(LogHas(event, {"link-flap: carrier of", "down at"})) << event["agent_log"].dump(2);
  EXPECT_TRUE(LogHas(event, {"link-flap: carrier of", "up at"}));
  EXPECT_TRUE(LogHas(event, {"link-flap: NetworkManager has", "connected again"}));
  EXPECT_TRUE(LogHas(event, {"dhcp-renew: lease of", "renewed"})) << event["agent_log"].dump(2);
  ExpectNothingLeft(run);
}

/// A seed under which `scenario`'s boot 1 draws its fault and boot 2 does not.
std::uint64_t SeedStarvingOnlyBoot1(nlohmann::json scenario) {
  for (std::uint64_t seed = 1;; ++seed) {
    scenario["seed"] = seed;
    Scenario s = ParseScenario(scenario.dump(), "test");
    if (!PlanBoot(s, "run", 0, 1).faults.empty() && PlanBoot(s, "run", 0, 2).faults.empty())
      return seed;
  }
}

TEST(HostFaultsIntegration, CpuStarveStretchesTheStarvedBootsEarlyUnits) {
  // A private daemon: started by ci/libvirt-instance, it sees the host's cgroup CPU
  // controller (ci/mount-cpu-cgroup), whichever daemon serves qemu:///system.
  PrivateDaemon daemon("hfcpu");
  nlohmann::json scenario = LibraryScenario(
      "cpu-starve.json", 2,
      {{{"kind", "cpu-starve"}, {"percent", 5}, {"ms", 90000}, {"probability", 0.5}}});
  scenario["seed"] = SeedStarvingOnlyBoot1(scenario);
  ScenarioRun run = RunScenarioJson("host-faults-cpu-starve", scenario, daemon.uri());
  EXPECT_EQ(run.cli.exit_code, 0) << run.cli.out << run.cli.err;
  ASSERT_TRUE(run.results.is_object()) << run.cli.err;
  auto boots = Boots(run.results);
  ASSERT_EQ(boots.size(), 2u);
  const nlohmann::json& starved = boots[0].second;
  const nlohmann::json& unstarved = boots[1].second;
  EXPECT_EQ(starved["outcome"], "pass") << starved["checks"].dump(2);
  EXPECT_EQ(unstarved["outcome"], "pass") << unstarved["checks"].dump(2);
  ASSERT_EQ(starved["injections"].size(), 2u) << starved.dump(2);
  EXPECT_EQ(starved["injections"][0]["what"], "vcpu_quota 5% of a host CPU");
  EXPECT_EQ(starved["injections"][1]["what"], "vcpu_quota lifted");
  EXPECT_FALSE(unstarved.contains("injections"));

  // The early probe unit's start, in guest time since the kernel started.
  // Not a ratio: on a loaded host the unstarved boot is slow too. If reaching
  // the unit takes C CPU-seconds and the host gives the vCPU a share u, the
  // unstarved boot takes C/u and the starved one 90 s + (C - 4.5 s)/u, so it
  // ends 90 s - 4.5 s/u later: more than 30 s while u > 7.5% of a CPU, which
  // holds even at a load of 20 on 2 cores (measured there: u of about 9%).
  double slow =
      TimelineSeconds(ObservationAt(starved, "end"), "bootstorm-early.service", "active-enter");
  double fast =
      TimelineSeconds(ObservationAt(unstarved, "end"), "bootstorm-early.service", "active-enter");
  fmt::print("cpu-starve: bootstorm-early active at {:.1f} s starved, {:.1f} s unstarved\n", slow,
             fast);
  ASSERT_GT(fast, 0);
  EXPECT_GT(slow - fast, 30.0);
  EXPECT_TRUE(LeftoversOf(run.results["run_id"], daemon.uri()).empty());
}

}  // namespace
}  // namespace bootstorm
