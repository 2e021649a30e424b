#include "fsutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

namespace fs = std::filesystem;

namespace kubos::app_service {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) reset(o.release());
  return *this;
}
UniqueFd::~UniqueFd() { reset(); }
void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

void throwErrno(std::string_view what, const fs::path& path) {
  int e = errno;
  throw FsError(std::string(what) + " " + path.string() + ": " + std::strerror(e));
}

void fsyncPath(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) {
    // A symlink cannot be opened with O_NOFOLLOW; its directory's fsync covers it.
    if (errno == ELOOP) return;
    throwErrno("cannot open", path);
  }
  if (::fsync(fd.get()) != 0) throwErrno("cannot fsync", path);
}

void fsyncDir(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) throwErrno("cannot open directory", dir);
  if (::fsync(fd.get()) != 0) throwErrno("cannot fsync directory", dir);
}

std::string randomToken() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::string s(16, '0');
  std::uint64_t v = rng();
  for (char& c : s) {
    c = hex[v & 0xF];
    v >>= 4;
  }
  return s;
}

namespace {
void writeAll(int fd, std::string_view data, const fs::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throwErrno("cannot write", path);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}
}  // namespace

void atomicWriteFile(const fs::path& target, std::string_view content) {
  fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + randomToken());
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd.valid()) throwErrno("cannot create", tmp);
    try {
      writeAll(fd.get(), content, tmp);
      if (::fsync(fd.get()) != 0) throwErrno("cannot fsync", tmp);
    } catch (...) {
      ::unlink(tmp.c_str());
      throw;
    }
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    throwErrno("cannot rename into place", target);
  }
  fsyncDir(target.parent_path());
}

void renameDurable(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) throwErrno("cannot rename " + from.string() + " to", to);
  fsyncDir(to.parent_path());
  if (from.parent_path() != to.parent_path()) fsyncDir(from.parent_path());
}

void atomicSymlink(const fs::path& target, const fs::path& link) {
  fs::path tmp = link.parent_path() / ("." + link.filename().string() + ".tmp-" + randomToken());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) throwErrno("cannot create symlink", tmp);
  if (::rename(tmp.c_str(), link.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    throwErrno("cannot replace symlink", link);
  }
  fsyncDir(link.parent_path());
}

bool isWithin(const fs::path& root, const fs::path& p) {
  fs::path r = root.lexically_normal();
  fs::path q = p.lexically_normal();
  auto [ri, qi] = std::mismatch(r.begin(), r.end(), q.begin(), q.end());
  if (ri == r.end()) return true;
  // "a/b/" normalises with a trailing empty element.
  return ri != r.end() && ri->empty() && std::next(ri) == r.end();
}

void removeTreeUnder(const fs::path& root, const fs::path& victim) {
  fs::path r = root.lexically_normal();
  fs::path v = victim.lexically_normal();
  if (!isWithin(r, v) || v == r || (v / "").lexically_normal() == (r / "").lexically_normal())
    throw FsError("refusing to remove " + v.string() + ": not inside " + r.string());
  std::error_code ec;
  // remove_all does not follow symlinks (it removes the link itself).
  fs::remove_all(v, ec);
  if (ec) throw FsError("cannot remove " + v.string() + ": " + ec.message());
}

namespace {
void copyFile(const fs::path& from, const fs::path& to, mode_t mode) {
  UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!in.valid()) throwErrno("cannot open", from);
  UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777));
  if (!out.valid()) throwErrno("cannot create", to);
  std::vector<char> buf(1 << 16);
  for (;;) {
    ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throwErrno("cannot read", from);
    }
    if (n == 0) break;
    writeAll(out.get(), std::string_view(buf.data(), static_cast<std::size_t>(n)), to);
  }
  if (::fchmod(out.get(), mode & 07777) != 0) throwErrno("cannot chmod", to);
}

void copyTreeRec(const fs::path& base, const fs::path& from, const fs::path& to, int depth) {
  if (depth > 64) throw FsError("directory tree too deep at " + from.string());
  if (::mkdir(to.c_str(), 0755) != 0 && errno != EEXIST) throwErrno("cannot create directory", to);
  std::error_code ec;
  for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path src = it->path();
    const fs::path dst = to / src.filename();
    struct stat st {};
    if (::lstat(src.c_str(), &st) != 0) throwErrno("cannot stat", src);
    if (S_ISDIR(st.st_mode)) {
      copyTreeRec(base, src, dst, depth + 1);
    } else if (S_ISREG(st.st_mode)) {
      copyFile(src, dst, st.st_mode);
    } else if (S_ISLNK(st.st_mode)) {
      fs::path target = fs::read_symlink(src, ec);
      if (ec) throw FsError("cannot read symlink " + src.string() + ": " + ec.message());
      fs::path resolved = target.is_absolute() ? target : src.parent_path() / target;
      if (target.is_absolute() || !isWithin(base, resolved))
        throw FsError("symlink " + src.string() + " points outside the app (" + target.string() + ")");
      if (::symlink(target.c_str(), dst.c_str()) != 0) throwErrno("cannot create symlink", dst);
    } else {
      throw FsError(src.string() + " is a device, FIFO or socket; only files, directories and symlinks can be registered");
    }
  }
  if (ec) throw FsError("cannot list " + from.string() + ": " + ec.message());
}
}  // namespace

void copyTree(const fs::path& from, const fs::path& to) { copyTreeRec(from, from, to, 0); }

void syncFilesystem(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) throwErrno("cannot open directory", path);
  if (::syncfs(fd.get()) != 0) throwErrno("cannot flush the file system of", path);
}

std::string readFile(const fs::path& path, std::size_t maxBytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throwErrno("cannot open", path);
  std::string out;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throwErrno("cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > maxBytes) throw FsError(path.string() + " is larger than " + std::to_string(maxBytes) + " bytes");
  }
  return out;
}

}  // namespace kubos::app_service
