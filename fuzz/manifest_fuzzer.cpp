// libFuzzer target: manifest.toml and app.toml parsing (services/app-service).
// Any input must give a Manifest/AppToml or a ManifestError, never a crash; a
// parsed app.toml must survive a write/parse round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace kubos::app_service;
  try {
    Manifest m = parseManifest(text);
    (void)checkName("name", m.name);
    (void)checkName("version", m.version);
    (void)checkExecutable(m.executable);
  } catch (const ManifestError&) {
  }
  try {
    AppToml a = parseAppToml(text);
    AppToml b = parseAppToml(writeAppToml(a));
    if (b.name != a.name || b.version != a.version || b.author != a.author || b.executable != a.executable ||
        b.config != a.config || b.active != a.active || b.activated != a.activated)
      std::abort();
  } catch (const ManifestError&) {
  }
  return 0;
}
