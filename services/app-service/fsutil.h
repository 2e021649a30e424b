// Small file-system helpers for crash-safe registry changes (docs/app-service.md,
// "Atomic changes"): write to a temporary name, fsync, rename, fsync the directory.
// Every function throws FsError with a message naming the path and the reason.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kubos::app_service {

class FsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An owned file descriptor (closed on destruction).
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// "<what> <path>: <strerror(errno)>"
[[noreturn]] void throwErrno(std::string_view what, const std::filesystem::path& path);

void fsyncPath(const std::filesystem::path& path);  // a file or a directory
void fsyncDir(const std::filesystem::path& dir);
// Writes `content` to dir/.name.tmp-<random>, fsyncs, renames over dir/name, fsyncs dir.
void atomicWriteFile(const std::filesystem::path& target, std::string_view content);
// rename(2) then fsync of both parent directories.
void renameDurable(const std::filesystem::path& from, const std::filesystem::path& to);
// Replaces `link` by a symlink to `target` atomically (symlink at a temporary name, rename).
void atomicSymlink(const std::filesystem::path& target, const std::filesystem::path& link);
// Removes a tree without following symlinks; refuses anything not strictly under `root`.
void removeTreeUnder(const std::filesystem::path& root, const std::filesystem::path& victim);
// Copies a directory tree (regular files, directories, symlinks whose target stays
// inside `from`). Refuses devices, FIFOs, sockets. Not durable by itself: the
// caller flushes the tree with syncFilesystem before committing it.
void copyTree(const std::filesystem::path& from, const std::filesystem::path& to);
// syncfs(2) of the file system holding `path`: one flush for a whole staged tree
// instead of an fsync per file (what `cp -r && sync -f` does).
void syncFilesystem(const std::filesystem::path& path);
std::string readFile(const std::filesystem::path& path, std::size_t maxBytes);
// A short random hex token for temporary names.
std::string randomToken();
// True if `p` (lexically normalised) is `root` or inside it.
bool isWithin(const std::filesystem::path& root, const std::filesystem::path& p);

}  // namespace kubos::app_service
