// What a run of a scenario should show (the scenario's and results.json's
// `expect`): the one definition of the expectation's names, shared by the
// scenario loader and the run record. Header only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bootstorm {

enum class Expect {
  kPass,    ///< every VM passes: the activator is believed correct
  kDetect,  ///< at least one SUT failure: a known-bad activator must be caught
};

/// "pass" or "detect".
constexpr std::string_view ExpectName(Expect e) { return e == Expect::kDetect ? "detect" : "pass"; }

/// Inverse of ExpectName; nullopt for other names.
constexpr std::optional<Expect> ExpectFromName(std::string_view name) {
  if (name == "pass") return Expect::kPass;
  if (name == "detect") return Expect::kDetect;
  return std::nullopt;
}

/// What a loader says when ExpectFromName refuses `name`.
inline std::string ExpectNameError(std::string_view name) {
  return "expected \"pass\" or \"detect\", got \"" + std::string(name) + "\"";
}

}  // namespace bootstorm
