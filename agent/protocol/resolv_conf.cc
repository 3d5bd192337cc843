#include "resolv_conf.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "strict_json.h"

namespace bootstorm {
namespace {

// The value quoted as JSON, so control characters show escaped.
std::string Quoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool IsIpAddress(std::string_view text) {
  // inet_pton reads a C string: an embedded NUL would hide what follows.
  if (text.find('\0') != std::string_view::npos) return false;
  std::string s(text);
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool IsSearchDomain(std::string_view text) {
  constexpr std::size_t kMaxName = 253, kMaxLabel = 63;
  if (text.ends_with('.')) text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxName) return false;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = std::min(text.find('.', start), text.size());
    std::string_view label = text.substr(start, end - start);
    if (label.empty() || label.size() > kMaxLabel ||
        !std::all_of(label.begin(), label.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; }))
      return false;
    start = end + 1;
  }
  return true;
}

void RequireNameServer(std::string_view text, const std::string& path) {
  if (!IsIpAddress(text))
    throw JsonPathError(path, Quoted(text) + " is not an IPv4 or IPv6 address");
}

void RequireSearchDomain(std::string_view text, const std::string& path) {
  if (!IsSearchDomain(text))
    throw JsonPathError(path, Quoted(text) +
                                  " is not a domain name (dot-separated labels of letters, "
                                  "digits, - and _)");
}

std::string RenderResolvConf(const DnsConfig& dns) {
  std::string out(kResolvConfHeader);
  out += "\n";
  for (const std::string& ns : dns.nameservers) out += "nameserver " + ns + "\n";
  if (!dns.search.empty()) {
    out += "search";
    for (const std::string& domain : dns.search) out += " " + domain;
    out += "\n";
  }
  return out;
}

DnsConfig ParseResolvConf(std::string_view text) {
  DnsConfig dns;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string keyword;
    if (!(words >> keyword) || keyword[0] == '#' || keyword[0] == ';') continue;
    if (keyword == "nameserver") {
      std::string address;
      if (words >> address) dns.nameservers.push_back(address);
    } else if (keyword == "search" || keyword == "domain") {
      dns.search.clear();
      std::string domain;
      while (words >> domain) dns.search.push_back(domain);
    }
  }
  return dns;
}

}  // namespace bootstorm
