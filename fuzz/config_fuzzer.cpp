// libFuzzer target: config.toml through the kit's loader (lib/service
// config.cpp on kubos::safe_toml), section [svc]: Config::fromString, addr(),
// the limits every service reads (readLimits), each key through every typed
// accessor, sub-tables, and unknownKeys(). Whatever the text: a value or a
// ConfigError whose message is one line naming "fuzz.toml"; nothing else is
// thrown, nothing crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "service/config.h"
#include "service/service.h"

namespace {

using kubos::service::ConfigError;
using kubos::service::ConfigTable;

void checkError(const ConfigError& e) {
  const std::string m = e.what();
  if (m.find('\n') != std::string::npos || m.find("fuzz.toml") == std::string::npos) std::abort();
}

template <typename F>
void attempt(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    checkError(e);
  }
}

void walk(const ConfigTable& t, int depth) {
  for (const std::string& key : t.keys()) {
    attempt([&] { (void)t.getString(key, ""); });
    attempt([&] { (void)t.getInt(key, 0, -1000, 1000); });
    attempt([&] { (void)t.getInt(key, 0); });
    attempt([&] { (void)t.getDouble(key, 0.0); });
    attempt([&] { (void)t.getBool(key, false); });
    attempt([&] { (void)t.getStringList(key, {}); });
    attempt([&] { (void)t.getIntList(key, {}, 0, 255); });
    attempt([&] {
      if (auto sub = t.table(key); sub && depth < 8) walk(*sub, depth + 1);
    });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto config = kubos::service::Config::fromString("svc", text, "fuzz.toml");
    attempt([&] { (void)config.addr().toString(); });
    attempt([&] { (void)kubos::service::readLimits(config.service()); });
    walk(config.service(), 0);
    for (const std::string& line : config.unknownKeys())
      if (line.find('\n') != std::string::npos) std::abort();
  } catch (const ConfigError& e) {
    checkError(e);
  }
  return 0;
}
