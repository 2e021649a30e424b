// A temporary directory for a unit test (removed at the end).
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "registry.h"

namespace kubos::app_service::testing {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "app-unit-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline void writeFile(const std::filesystem::path& p, const std::string& text, int mode = 0644) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
  ::chmod(p.c_str(), static_cast<mode_t>(mode));
}

// A source directory with manifest.toml and an executable script.
inline std::filesystem::path makeApp(const std::filesystem::path& dir, const std::string& name, const std::string& version,
                                     const std::string& script = "#!/bin/sh\nexit 0\n") {
  writeFile(dir / "manifest.toml", "name = \"" + name + "\"\nversion = \"" + version + "\"\nauthor = \"user\"\n");
  writeFile(dir / name, script, 0755);
  return dir;
}

// Version "1" of an app "app" in dir whose executable is `#!/bin/sh` + body.
inline AppInfo scriptApp(const std::filesystem::path& dir, const std::string& body) {
  writeFile(dir / "app", "#!/bin/sh\n" + body, 0755);
  AppInfo a;
  a.name = "app";
  a.version = "1";
  a.config = "/etc/kubos-config.toml";
  a.executableRel = "app";
  a.dir = dir;
  a.active = true;
  return a;
}

}  // namespace kubos::app_service::testing
