// libFuzzer target: lib/safe-toml, the one TOML reader of config.toml,
// manifest.toml and app.toml. Any input gives a table or a SyntaxError, never
// a crash; whatever it accepts, toml++ was handed only ASCII.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "safe-toml/safe_toml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace kubos::safe_toml;
  try {
    for (char c : asciiOnly(text))
      if (static_cast<unsigned char>(c) >= 0x80) std::abort();
  } catch (const SyntaxError&) {
  }
  try {
    (void)parse(text);
  } catch (const SyntaxError&) {
  }
  return 0;
}
