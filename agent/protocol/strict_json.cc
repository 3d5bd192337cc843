#include "strict_json.h"

#include <climits>

namespace bootstorm {
namespace {

const char* TypeName(const nlohmann::json& v) { return v.type_name(); }

// Follows the parser's events to know the JSON path of each value, to reject
// deep nesting and repeated keys while parsing (nlohmann keeps the last).
class PathTracker {
 public:
  explicit PathTracker(const std::string& what) : what_(what) {}

  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (frames_.size() >= kMaxJsonDepth)
          throw JsonPathError(Path(),
                              "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        frames_.push_back({event == Event::object_start, {}, {}, 0});
        break;
      case Event::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) throw JsonPathError(Path(), "key given twice");
        break;
      }
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        ValueDone();
        break;
      case Event::value:
        ValueDone();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string, std::less<>> keys;
    std::string key;
    std::size_t index;
  };
  void ValueDone() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  std::string Path() const {
    std::string path = what_;
    for (const Frame& f : frames_) path += f.object ? "." + f.key : ElementPath("", f.index);
    return path;
  }

  const std::string& what_;
  std::vector<Frame> frames_;
};

}  // namespace

nlohmann::json ParseJsonText(std::string_view text, const std::string& what) {
  try {
    return nlohmann::json::parse(text, PathTracker(what));
  } catch (const nlohmann::json::parse_error& e) {
    throw JsonPathError(what, "malformed JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond a double, such as 1e999; its text may be long.
    throw JsonPathError(what, "malformed JSON: a number out of range");
  }
}

StrictObject::StrictObject(const nlohmann::json& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object())
    throw JsonPathError(path_, std::string("expected an object, got ") + TypeName(value_));
}

std::string StrictObject::PathOf(std::string_view key) const {
  return path_ + "." + std::string(key);
}

bool StrictObject::Has(std::string_view key) const { return value_.contains(key); }

const nlohmann::json& StrictObject::Member(std::string_view key) {
  auto it = value_.find(key);
  if (it == value_.end()) throw JsonPathError(PathOf(key), "missing");
  read_.emplace(key);
  return *it;
}

std::string StrictObject::String(std::string_view key) {
  const nlohmann::json& v = Member(key);
  if (!v.is_string())
    throw JsonPathError(PathOf(key), std::string("expected a string, got ") + TypeName(v));
  return v.get<std::string>();
}

std::optional<std::string> StrictObject::OptionalString(std::string_view key) {
  if (!Has(key)) return std::nullopt;
  return String(key);
}

long long StrictObject::Integer(std::string_view key, long long min, long long max) {
  const nlohmann::json& v = Member(key);
  if (!v.is_number_integer())
    throw JsonPathError(PathOf(key), std::string("expected a whole number, got ") + TypeName(v));
  auto range_error = [&] {
    return JsonPathError(PathOf(key), "must be between " + std::to_string(min) + " and " +
                                          std::to_string(max) + ", got " + v.dump());
  };
  // Values above LLONG_MAX arrive as unsigned; they are out of any range we take.
  if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(max))
    throw range_error();
  long long n = v.get<long long>();
  if (n < min || n > max) throw range_error();
  return n;
}

std::optional<long long> StrictObject::OptionalInteger(std::string_view key, long long min,
                                                       long long max) {
  if (!Has(key)) return std::nullopt;
  return Integer(key, min, max);
}

double StrictObject::Number(std::string_view key, double min, double max) {
  const nlohmann::json& v = Member(key);
  if (!v.is_number())
    throw JsonPathError(PathOf(key), std::string("expected a number, got ") + TypeName(v));
  double d = v.get<double>();
  if (!(d >= min && d <= max))
    throw JsonPathError(PathOf(key), "must be between " + nlohmann::json(min).dump() + " and " +
                                         nlohmann::json(max).dump() + ", got " + v.dump());
  return d;
}

std::optional<double> StrictObject::OptionalNumber(std::string_view key, double min, double max) {
  if (!Has(key)) return std::nullopt;
  return Number(key, min, max);
}

bool StrictObject::Boolean(std::string_view key) {
  const nlohmann::json& v = Member(key);
  if (!v.is_boolean())
    throw JsonPathError(PathOf(key), std::string("expected true or false, got ") + TypeName(v));
  return v.get<bool>();
}

std::optional<bool> StrictObject::OptionalBoolean(std::string_view key) {
  if (!Has(key)) return std::nullopt;
  return Boolean(key);
}

const nlohmann::json& StrictObject::Array(std::string_view key) {
  const nlohmann::json& v = Member(key);
  if (!v.is_array())
    throw JsonPathError(PathOf(key), std::string("expected an array, got ") + TypeName(v));
  return v;
}

const nlohmann::json* StrictObject::OptionalArray(std::string_view key) {
  if (!Has(key)) return nullptr;
  return &Array(key);
}

void StrictObject::Ignore(std::string_view key) { read_.emplace(key); }

void StrictObject::Finish() const {
  for (const auto& [key, value] : value_.items()) {
    if (!read_.contains(key)) throw JsonPathError(PathOf(key), "unknown key");
  }
}

std::string ElementPath(const std::string& array_path, std::size_t index) {
  return array_path + "[" + std::to_string(index) + "]";
}

std::vector<std::string> StringsOf(const nlohmann::json& array, const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) throw JsonPathError(ElementPath(path, i), "expected a string");
    out.push_back(array[i].get<std::string>());
  }
  return out;
}

}  // namespace bootstorm
