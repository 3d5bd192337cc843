#include "plan.h"

namespace bootstorm {
namespace {

// Streams of SeededUniform: fault i's draw is stream i, its `ms` kMsStreamBase + i.
constexpr std::uint64_t kMsStreamBase = 1ull << 32;

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

double SeededUniform(std::uint64_t seed, std::uint64_t vm, std::uint64_t boot,
                     std::uint64_t stream) {
  std::uint64_t h = SplitMix64(seed);
  h = SplitMix64(h ^ vm);
  h = SplitMix64(h ^ boot);
  h = SplitMix64(h ^ stream);
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

BootPlan PlanBoot(const Scenario& scenario, std::string_view run_id, int vm, int boot) {
  BootPlan plan;
  plan.run_id = std::string(run_id);
  plan.vm = vm;
  plan.boot = boot;
  plan.activator = scenario.activator;
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    const FaultSpec& f = scenario.faults[i];
    if (SeededUniform(scenario.seed, vm, boot, i) >= f.probability) continue;
    Fault fault{f.kind, f.unit, f.ms_min, f.percent};
    // A stream of its own, so adding a range leaves other faults' draws alone.
    double u = SeededUniform(scenario.seed, vm, boot, kMsStreamBase + i);
    fault.ms += static_cast<int>(u * (static_cast<double>(f.ms_max) - f.ms_min + 1));
    plan.faults.push_back(std::move(fault));
  }
  return plan;
}

}  // namespace bootstorm
