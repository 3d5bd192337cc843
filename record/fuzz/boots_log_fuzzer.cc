// Fuzzes ParseBootsLog, the reader of a run's boots.jsonl (read back by
// `bootstorm run --resume` and to derive results.json). Properties: the
// complete and torn parts cover the whole input, and the records of an
// accepted log, written again with FormatBootsLine, read back equal.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "boots_log.h"
#include "fuzz_expect.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bootstorm::BootsLog log;
  try {
    log = bootstorm::ParseBootsLog(bootstorm::FuzzInputText(data, size), "boots.jsonl");
  } catch (const std::invalid_argument&) {
    return 0;  // rejected, as documented; any other exception escapes and crashes
  }
  bootstorm::FuzzExpect(log.complete_bytes + log.torn_bytes == size,
                        "complete and torn bytes cover the input");
  std::string written;
  for (const bootstorm::RecordedBoot& r : log.boots) written += bootstorm::FormatBootsLine(r);
  bootstorm::BootsLog again = bootstorm::ParseBootsLog(written, "rewritten");
  bootstorm::FuzzExpect(again.boots == log.boots, "records read back equal after writing");
  bootstorm::FuzzExpect(again.torn_bytes == 0, "written lines are complete");
  return 0;
}
