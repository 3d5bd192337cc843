// Fuzzes the boot plan decoders: DecodePlanFromCmdline on the input as a
// whole kernel command line, and BootPlanFromJson on the input as the plan's
// JSON (random bytes rarely make valid base64url of valid JSON, so the JSON
// reader gets its own way in). Property: every accepted plan survives
// EncodePlanForCmdline and DecodePlanFromCmdline unchanged, also among other
// kernel parameters, and its encoding is one command line word.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "boot_plan.h"
#include "fuzz_expect.h"
#include "strict_json.h"

namespace {

void CheckRoundTrip(const bootstorm::BootPlan& plan) {
  std::string word = bootstorm::EncodePlanForCmdline(plan);
  bootstorm::FuzzExpect(word.find_first_of(" \t\n") == std::string::npos,
                        "an encoded plan is one command line word");
  bootstorm::FuzzExpect(bootstorm::DecodePlanFromCmdline(word) == plan,
                        "decode(encode(plan)) == plan");
  bootstorm::FuzzExpect(
      bootstorm::DecodePlanFromCmdline("root=/dev/vda quiet\t" + word + "\nconsole=ttyS0") == plan,
      "decode finds the plan among other parameters");
}

// The plan `read` returns; nullopt when it rejects the input as documented
// (std::invalid_argument). Any other exception escapes and crashes.
template <typename Read>
std::optional<bootstorm::BootPlan> Accepted(Read read) {
  try {
    return read();
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = bootstorm::FuzzInputText(data, size);
  if (auto plan = Accepted([&] { return bootstorm::DecodePlanFromCmdline(text); }))
    CheckRoundTrip(*plan);
  if (auto plan = Accepted([&] {
        return std::optional(bootstorm::BootPlanFromJson(bootstorm::ParseJsonText(text, "plan")));
      }))
    CheckRoundTrip(*plan);
  return 0;
}
