#include "timeline_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "xml_escape.h"

namespace bootstorm {
namespace {

constexpr double kWidth = 1000;
constexpr double kPlotLeft = 150;
constexpr double kPlotRight = 985;
constexpr double kAxisHeight = 18;
constexpr double kRowHeight = 16;
constexpr double kRowGap = 5;
constexpr double kCheckpointLabels = 26;  ///< two staggered rows of names

/// A tick step of 1, 2 or 5 times a power of ten giving at most 10 ticks.
double TickStep(double end) {
  double step = 0.1;
  for (int i = 0; end / step > 10; ++i) step *= (i % 3 == 1) ? 2.5 : 2;
  return step;
}

std::string FormatSeconds(double s) { return fmt::format("{:.2f} s", s); }

class Drawing {
 public:
  explicit Drawing(double axis_end) : scale_((kPlotRight - kPlotLeft) / axis_end) {}

  double X(double seconds) const { return kPlotLeft + std::max(0.0, seconds) * scale_; }

  std::string Span(const TimelineSpan& s, double y, double axis_end) const {
    static constexpr std::string_view kClass[] = {"activating", "active", "deactivating",
                                                  "guest-fault"};
    double end = s.open_end ? std::max(axis_end, s.end_s) : s.end_s;
    double x = X(s.begin_s), width = std::max(1.5, X(end) - x);
    std::string what = s.kind == SpanKind::kGuestFault
                           ? fmt::format("fault {} on {}", s.label, s.unit)
                           : fmt::format("{} {}", s.unit, kClass[static_cast<int>(s.kind)]);
    std::string until = s.open_end ? "on" : FormatSeconds(s.end_s);
    return fmt::format(
        "<rect class=\"span {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
        "<title>{}: {} to {}</title></rect>",
        kClass[static_cast<int>(s.kind)], x, y + 2, width, kRowHeight - 4, XmlEscape(what),
        FormatSeconds(s.begin_s), until);
  }

  std::string Mark(const TimelinePoint& p, double y) const {
    double x = X(p.at_s), mid = y + kRowHeight / 2;
    std::string title = XmlEscape(fmt::format("{} at {}", p.label, FormatSeconds(p.at_s)));
    switch (p.kind) {
      case PointKind::kUnitFailed:
        return fmt::format(
            "<path class=\"mark unit-failed\" d=\"M{:.1f},{:.1f}l8,8m0,-8l-8,8\"><title>{} {}"
            "</title></path>",
            x - 4, mid - 4, XmlEscape(p.unit), title);
      case PointKind::kNmReload:
        return fmt::format(
            "<path class=\"mark reload\" d=\"M{:.1f},{:.1f}l5,8h-10z\"><title>{}</title></path>", x,
            mid - 5, title);
      case PointKind::kNmActivation:
        return fmt::format(
            "<path class=\"mark activation\" "
            "d=\"M{:.1f},{:.1f}l5,-8h-10z\"><title>{}</title></path>",
            x, mid + 5, title);
      case PointKind::kHostFault:
        return fmt::format(
            "<path class=\"mark host-fault\" d=\"M{:.1f},{:.1f}l6,6l-6,6l-6,-6z\"><title>host "
            "fault {}</title></path>",
            x, mid - 6, title);
      case PointKind::kResolvConfWrite:
        return fmt::format(
            "<circle class=\"mark resolv-write\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"><title>{}"
            "</title></circle>",
            x, mid, title);
      case PointKind::kNmDns:
        return fmt::format(
            "<rect class=\"mark nm-dns\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"8\" height=\"8\">"
            "<title>NetworkManager DNS {}</title></rect>",
            x - 4, mid - 4, title);
      case PointKind::kCheckpoint:
        break;
    }
    return "";
  }

 private:
  double scale_;
};

}  // namespace

std::string LaneName(std::string_view unit) {
  if (unit == kConfigDriveDeviceUnit) return "config drive";
  std::string name(unit);
  if (name.ends_with(".service")) name.resize(name.size() - std::string_view(".service").size());
  if (name.starts_with(kAgentUnitPrefix)) return "agent " + name.substr(kAgentUnitPrefix.size());
  if (name == "NetworkManager-wait-online") return "NM wait-online";
  return name;
}

std::string RenderTimelineSvg(const BootTimeline& t, double axis_end_s, bool failed) {
  double axis_end = std::max({axis_end_s, t.end_s, 1.0});
  Drawing d(axis_end);
  // The units' lanes, then the history's when the boot has one.
  std::vector<std::string_view> lanes(std::begin(kTimelineUnits), std::end(kTimelineUnits));
  bool has_history = std::any_of(t.points.begin(), t.points.end(), [](const TimelinePoint& p) {
    return p.kind == PointKind::kResolvConfWrite || p.kind == PointKind::kNmDns;
  });
  if (has_history) lanes.insert(lanes.end(), std::begin(kHistoryLanes), std::end(kHistoryLanes));
  double lanes_top = kAxisHeight + kRowHeight + kRowGap;
  double lanes_bottom = lanes_top + lanes.size() * (kRowHeight + kRowGap);
  double height = lanes_bottom + kCheckpointLabels;
  std::string svg = fmt::format(
      "<svg class=\"timeline{}\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-label=\"unit timeline{}\">",
      failed ? " failed" : "", kWidth, height,
      t.part.empty() ? "" : XmlEscape(fmt::format(" ({} part)", t.part)));

  svg += "<g class=\"axis\">";
  double step = TickStep(axis_end);
  for (int i = 0; i * step <= axis_end + 1e-9; ++i) {
    double x = d.X(i * step);
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<text x=\"{0:.1f}\" y=\"12\">{3:g} s</text>",
        x, kAxisHeight, lanes_bottom, std::round(i * step * 10) / 10);
  }
  svg += "</g>";

  // Host faults, and guest faults on units without a lane.
  auto has_lane = [](const std::string& unit) {
    return std::find(std::begin(kTimelineUnits), std::end(kTimelineUnits), unit) !=
           std::end(kTimelineUnits);
  };
  svg += fmt::format(
      "<g class=\"fault-row\"><text class=\"lane-label\" x=\"{:.1f}\" y=\"{:.1f}\">faults</text>",
      kPlotLeft - 8, kAxisHeight + 12);
  for (const TimelineSpan& s : t.spans) {
    if (s.kind == SpanKind::kGuestFault && !has_lane(s.unit))
      svg += d.Span(s, kAxisHeight, axis_end);
  }
  for (const TimelinePoint& p : t.points) {
    if (p.kind == PointKind::kHostFault) svg += d.Mark(p, kAxisHeight);
  }
  svg += "</g>";

  double y = lanes_top;
  for (std::string_view unit : lanes) {
    svg += fmt::format(
        "<g class=\"lane\" data-unit=\"{0}\"><rect class=\"lane-bg\" x=\"{1:.1f}\" y=\"{2:.1f}\" "
        "width=\"{3:.1f}\" height=\"{4:.1f}\"/><text class=\"lane-label\" x=\"{5:.1f}\" "
        "y=\"{6:.1f}\"><title>{0}</title>{7}</text>",
        XmlEscape(unit), kPlotLeft, y, kPlotRight - kPlotLeft, kRowHeight, kPlotLeft - 8, y + 12,
        XmlEscape(LaneName(unit)));
    for (const TimelineSpan& s : t.spans) {
      if (s.unit == unit) svg += d.Span(s, y, axis_end);
    }
    for (const TimelinePoint& p : t.points) {
      if (p.unit == unit) svg += d.Mark(p, y);
    }
    svg += "</g>";
    y += kRowHeight + kRowGap;
  }

  int index = 0;
  for (const TimelinePoint& p : t.points) {
    if (p.kind != PointKind::kCheckpoint) continue;
    double x = d.X(p.at_s);
    svg += fmt::format(
        "<g class=\"checkpoint{0}\" data-checkpoint=\"{1}\"><title>checkpoint {1} at {2}{3}"
        "</title><line x1=\"{4:.1f}\" y1=\"{5:.1f}\" x2=\"{4:.1f}\" y2=\"{6:.1f}\"/>"
        "<text x=\"{4:.1f}\" y=\"{7:.1f}\">{1}</text></g>",
        p.failed ? " failed" : "", XmlEscape(p.label), FormatSeconds(p.at_s),
        p.failed ? ": a check failed here" : "", x, lanes_top - 2, lanes_bottom + (index % 2) * 12,
        lanes_bottom + 10 + (index % 2) * 12);
    ++index;
  }
  return svg + "</svg>";
}

std::string RenderTimelineLegend() {
  struct Entry {
    std::string_view swatch, text;
  };
  static constexpr Entry kEntries[] = {
      {"<rect class=\"span activating\" x=\"1\" y=\"3\" width=\"16\" height=\"10\"/>",
       "activating (starting, running)"},
      {"<rect class=\"span active\" x=\"1\" y=\"3\" width=\"16\" height=\"10\"/>", "active"},
      {"<rect class=\"span deactivating\" x=\"1\" y=\"3\" width=\"16\" height=\"10\"/>",
       "deactivating"},
      {"<path class=\"mark unit-failed\" d=\"M5,4l8,8m0,-8l-8,8\"/>", "unit failed"},
      {"<path class=\"mark reload\" d=\"M9,3l5,8h-10z\"/>", "NetworkManager reload or restart"},
      {"<path class=\"mark activation\" d=\"M9,13l5,-8h-10z\"/>",
       "a connection NetworkManager was asked to activate"},
      {"<rect class=\"span guest-fault\" x=\"1\" y=\"3\" width=\"16\" height=\"10\"/>",
       "fault injected in the guest"},
      {"<path class=\"mark host-fault\" d=\"M9,2l6,6l-6,6l-6,-6z\"/>",
       "fault injected by the host (its clock: since the domain started)"},
      {"<circle class=\"mark resolv-write\" cx=\"9\" cy=\"8\" r=\"4\"/>",
       "resolv.conf written (event history: writer, before and after)"},
      {"<rect class=\"mark nm-dns\" x=\"5\" y=\"4\" width=\"8\" height=\"8\"/>",
       "NetworkManager DNS changed (event history)"},
      {"<g class=\"checkpoint\"><line x1=\"9\" y1=\"0\" x2=\"9\" y2=\"16\"/></g>", "checkpoint"},
      {"<g class=\"checkpoint failed\"><line x1=\"9\" y1=\"0\" x2=\"9\" y2=\"16\"/></g>",
       "checkpoint where a check failed"},
  };
  std::string html = "<ul class=\"legend\">";
  for (const Entry& e : kEntries) {
    html += fmt::format("<li><svg viewBox=\"0 0 18 16\" width=\"18\" height=\"16\">{}</svg>{}</li>",
                        e.swatch, e.text);
  }
  return html + "</ul>";
}

}  // namespace bootstorm
