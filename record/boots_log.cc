#include "boots_log.h"

#include <stdexcept>

#include "bounded_file.h"
#include "exit_code.h"
#include "strict_json.h"

namespace bootstorm {
namespace {

RecordedBoot ParseLine(std::string_view line) {
  nlohmann::json j = ParseJsonText(line, "record");
  StrictObject envelope(j, "record");
  RecordedBoot r;
  r.vm = static_cast<int>(envelope.Integer("vm", 0, kMaxVms - 1));
  r.run_seconds = envelope.Number("run_seconds", 0, 1e9);
  // The rest of the object is the boot record, read strictly.
  j.erase("vm");
  j.erase("run_seconds");
  r.boot = BootRecordFromJson(j, "record");
  return r;
}

}  // namespace

std::string FormatBootsLine(const RecordedBoot& r) {
  nlohmann::json j = ToJson(r.boot);
  j["vm"] = r.vm;
  j["run_seconds"] = r.run_seconds;
  // Invalid UTF-8 from the guest is replaced rather than losing the record.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

BootsLog ParseBootsLog(std::string_view text, const std::string& file) {
  BootsLog log;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      // A kill between the record and its newline leaves a whole record:
      // keep it. Anything else is a torn write.
      try {
        log.boots.push_back(ParseLine(text.substr(start)));
        log.complete_bytes = text.size();
        log.missing_newline = true;
      } catch (const std::invalid_argument&) {
        log.torn_bytes = text.size() - start;
      }
      break;
    }
    ++line_number;
    try {
      log.boots.push_back(ParseLine(text.substr(start, end - start)));
    } catch (const std::invalid_argument& e) {
      throw BadInput(file + ":" + std::to_string(line_number) + ": " + e.what());
    }
    start = end + 1;
    log.complete_bytes = start;
  }
  return log;
}

BootsLog ReadBootsLog(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return {};
  return ParseBootsLog(ReadFileBounded(path, kMaxBootsLogBytes), path.string());
}

}  // namespace bootstorm
