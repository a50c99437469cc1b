#include "support/lookup_spy.h"

#include <dlfcn.h>
#include <netdb.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace telegate::testing {
namespace {

struct SpyState {
  std::mutex mu;
  std::vector<std::string> names;
  std::map<std::string, std::string> pointed;
};

SpyState& State() {
  static SpyState* state = new SpyState();
  return *state;
}

using GetaddrinfoFn = int (*)(const char*, const char*, const addrinfo*,
                              addrinfo**);

GetaddrinfoFn Real() {
  static GetaddrinfoFn real =
      reinterpret_cast<GetaddrinfoFn>(::dlsym(RTLD_NEXT, "getaddrinfo"));
  return real;
}

}  // namespace

void LookupSpy::PointNameAt(const std::string& name,
                            const std::string& address) {
  std::lock_guard<std::mutex> lock(State().mu);
  State().pointed[name] = address;
}

void LookupSpy::Reset() {
  std::lock_guard<std::mutex> lock(State().mu);
  State().names.clear();
}

std::vector<std::string> LookupSpy::Names() {
  std::lock_guard<std::mutex> lock(State().mu);
  return State().names;
}

int LookupSpy::Lookups(const std::string& name) {
  std::vector<std::string> names = Names();
  return static_cast<int>(std::count(names.begin(), names.end(), name));
}

}  // namespace telegate::testing

// The interposer: the executable's definition comes before the C library's
// in symbol lookup, so libcurl's calls land here.
extern "C" int getaddrinfo(const char* node, const char* service,
                           const addrinfo* hints, addrinfo** res) noexcept {
  using telegate::testing::State;
  std::string target = node != nullptr ? node : "";
  if (node != nullptr) {
    std::lock_guard<std::mutex> lock(State().mu);
    State().names.push_back(node);
    auto it = State().pointed.find(node);
    if (it != State().pointed.end()) target = it->second;
  }
  return telegate::testing::Real()(node != nullptr ? target.c_str() : nullptr,
                                   service, hints, res);
}
