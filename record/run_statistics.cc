#include "run_statistics.h"

#include <algorithm>

#include "expectation.h"

namespace bootstorm {
namespace {

InvariantTally& TallyOf(std::vector<InvariantTally>& tallies, const std::string& name) {
  auto it = std::find_if(tallies.begin(), tallies.end(),
                         [&name](const InvariantTally& t) { return t.name == name; });
  if (it != tallies.end()) return *it;
  return tallies.emplace_back(InvariantTally{name, 0, 0});
}

}  // namespace

BootTally TallyBoots(const RunRecord& run) {
  BootTally t;
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& boot : vm.boots) {
      ++t.boots;
      switch (boot.outcome) {
        case Outcome::kPass:
          ++t.passed;
          break;
        case Outcome::kSutFailure:
          ++t.sut_failures;
          break;
        case Outcome::kInfraError:
          ++t.infra_errors;
          continue;  // its checks, if any, judged nothing
      }
      for (const CheckResult& c : boot.checks) {
        InvariantTally& i = TallyOf(t.invariants, c.name);
        if (!c.applicable) {
          ++i.not_applicable;
          continue;
        }
        ++i.checked;
        if (!c.passed) ++i.failed;
      }
    }
  }
  return t;
}

void AddTally(BootTally& total, const BootTally& more) {
  total.boots += more.boots;
  total.passed += more.passed;
  total.sut_failures += more.sut_failures;
  total.infra_errors += more.infra_errors;
  for (const InvariantTally& m : more.invariants) {
    InvariantTally& t = TallyOf(total.invariants, m.name);
    t.checked += m.checked;
    t.failed += m.failed;
    t.not_applicable += m.not_applicable;
  }
}

std::vector<std::string> FailedInvariants(const RunRecord& run) {
  std::vector<std::string> names;
  for (const VmRecord& vm : run.vms) {
    for (const BootRecord& boot : vm.boots) {
      for (const CheckResult& c : boot.checks) {
        if (CheckFailed(c) && std::find(names.begin(), names.end(), c.name) == names.end())
          names.push_back(c.name);
      }
    }
  }
  return names;
}

bool MetExpectation(const RunRecord& run) { return JudgeExpectation(run).met(); }

std::string AcceleratorOf(const std::string& virt_type) {
  if (virt_type == "kvm") return "kvm";
  if (virt_type == "qemu") return "tcg";
  return "unknown";
}

}  // namespace bootstorm
