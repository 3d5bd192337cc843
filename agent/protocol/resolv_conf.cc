#include "resolv_conf.h"

#include <sstream>

namespace bootstorm {

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
