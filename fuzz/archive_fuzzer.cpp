// libFuzzer target: app archive extraction (services/app-service). Any input
// must extract or be refused with ArchiveError/FsError, and nothing may appear
// outside the target directory: no file next to it, no symlink inside it that
// points out.
#include <stdlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app_archive.h"
#include "fsutil.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubos::app_service;
  std::string tmpl = (fs::temp_directory_path() / "archive-fuzz-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 0;
  fs::path base(tmpl);
  fs::path target = base / "t";
  fs::create_directory(target);
  try {
    extractArchiveMemory(data, size, target, {200, 1u << 20});
  } catch (const ArchiveError&) {
  } catch (const FsError&) {
  }
  std::error_code ec;
  for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec))
    if (it->path() != target) std::abort();  // something was written next to the target
  for (fs::recursive_directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_symlink()) continue;
    fs::path link = fs::read_symlink(it->path(), ec);
    if (ec || link.is_absolute() || !isWithin(target, (it->path().parent_path() / link).lexically_normal())) std::abort();
  }
  fs::remove_all(base, ec);
  return 0;
}
