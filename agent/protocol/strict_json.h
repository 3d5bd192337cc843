// Strict reading of JSON objects for untrusted or hand-written input: every
// error names the JSON path ("vms[2].network.dns"), unknown keys are errors,
// and types are checked exactly (no silent float-to-int conversion).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bootstorm {

/// A problem at one place in a JSON document.
class JsonPathError : public std::invalid_argument {
 public:
  JsonPathError(std::string path, const std::string& message)
      : std::invalid_argument(path + ": " + message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Deepest nesting of arrays and objects ParseJsonText accepts. bootstorm's
/// own files nest fewer than 10 levels; the limit keeps the recursive copy,
/// dump and comparison of nlohmann::json off the end of the stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses text as JSON; throws JsonPathError and nothing else: at `what` on
/// malformed input (with the parser's byte position) and numbers out of
/// range; at the path of the object or key for nesting deeper than
/// kMaxJsonDepth and for a key given twice in one object.
nlohmann::json ParseJsonText(std::string_view text, const std::string& what);

/// Reads the fields of one object. Call Finish() after reading to reject keys
/// that were never asked for (typos).
class StrictObject {
 public:
  /// Throws JsonPathError when `value` is not an object.
  StrictObject(const nlohmann::json& value, std::string path);

  const std::string& path() const { return path_; }
  /// Path of a field of this object, e.g. "scenario.vms".
  std::string PathOf(std::string_view key) const;

  bool Has(std::string_view key) const;
  /// The raw member; throws when missing.
  const nlohmann::json& Member(std::string_view key);

  std::string String(std::string_view key);
  std::optional<std::string> OptionalString(std::string_view key);
  /// Whole number within [min, max].
  long long Integer(std::string_view key, long long min, long long max);
  std::optional<long long> OptionalInteger(std::string_view key, long long min, long long max);
  /// Any number within [min, max].
  double Number(std::string_view key, double min, double max);
  std::optional<double> OptionalNumber(std::string_view key, double min, double max);
  bool Boolean(std::string_view key);
  std::optional<bool> OptionalBoolean(std::string_view key);
  /// The member, which must be an array; nullopt when missing.
  const nlohmann::json* OptionalArray(std::string_view key);
  const nlohmann::json& Array(std::string_view key);
  /// Marks a key as read without interpreting it.
  void Ignore(std::string_view key);

  /// Throws JsonPathError naming the first unread key.
  void Finish() const;

 private:
  const nlohmann::json& value_;
  std::string path_;
  std::set<std::string, std::less<>> read_;
};

/// Path of an array element: "vms[3]".
std::string ElementPath(const std::string& array_path, std::size_t index);

/// The elements of a JSON array that must all be strings; errors name the
/// element below `path`.
std::vector<std::string> StringsOf(const nlohmann::json& array, const std::string& path);

}  // namespace bootstorm
