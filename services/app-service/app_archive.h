// Safe extraction of an app archive (.tgz / .tar.gz) with libarchive
// (docs/app-service.md, "Register"). Nothing is written outside `target`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace kubos::app_service {

class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExtractLimits {
  std::size_t maxMembers = 10000;
  std::uint64_t maxBytes = 512ull << 20;  // sum of the members' data
};

// Extracts into the existing empty directory `target` (not flushed: the caller
// uses syncFilesystem before committing). Refuses (ArchiveError, naming the member): absolute paths, ".."
// components, links that point outside, devices/FIFOs/sockets, too many members
// or bytes, and paths that go through a symlink. Stops at the first problem;
// the caller removes `target`.
void extractArchive(const std::filesystem::path& archive, const std::filesystem::path& target,
                    const ExtractLimits& limits = {});

// The same checks on an archive held in memory (for the fuzzer).
void extractArchiveMemory(const void* data, std::size_t size, const std::filesystem::path& target,
                          const ExtractLimits& limits = {});

}  // namespace kubos::app_service
