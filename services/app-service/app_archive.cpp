#include "app_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "fsutil.h"

namespace fs = std::filesystem;

namespace kubos::app_service {

namespace {

const char* aerr(struct archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown error";
}

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

// "./a//b/" -> "a/b"; refuses absolute paths and "..".
std::string cleanMemberPath(const char* raw) {
  if (!raw || !*raw) throw ArchiveError("archive member with an empty name");
  std::string p(raw);
  if (p.front() == '/') throw ArchiveError("archive member '" + p + "' has an absolute path");
  std::string out;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string part = p.substr(i, j - i);
    if (part == "..") throw ArchiveError("archive member '" + p + "' is outside the app directory ('..')");
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    i = j + 1;
  }
  return out;  // empty for "./"
}

// Every parent of `rel` must be a real directory inside target (created if missing).
void ensureParents(const fs::path& target, const std::string& rel) {
  fs::path cur = target;
  fs::path relp(rel);
  for (auto it = relp.begin(); it != relp.end(); ++it) {
    if (std::next(it) == relp.end()) break;
    cur /= *it;
    struct stat st {};
    if (::lstat(cur.c_str(), &st) == 0) {
      if (S_ISLNK(st.st_mode)) throw ArchiveError("archive member '" + rel + "' goes through a symlink");
      if (!S_ISDIR(st.st_mode)) throw ArchiveError("archive member '" + rel + "' is under a file, not a directory");
    } else if (::mkdir(cur.c_str(), 0755) != 0) {
      throwErrno("cannot create directory", cur);
    }
  }
}

void extract(struct archive* a, const fs::path& target, const ExtractLimits& limits) {
  std::size_t members = 0;
  std::uint64_t bytes = 0;
  struct archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) throw ArchiveError(std::string("not a valid .tgz archive: ") + aerr(a));
    if (++members > limits.maxMembers)
      throw ArchiveError("archive has more than " + std::to_string(limits.maxMembers) + " members");
    std::string rel = cleanMemberPath(archive_entry_pathname(entry));
    if (rel.empty()) continue;  // "./" itself
    fs::path dst = target / rel;
    ensureParents(target, rel);
    mode_t type = archive_entry_filetype(entry);
    mode_t perm = archive_entry_perm(entry) & 0777;
    if (const char* hl = archive_entry_hardlink(entry)) {
      std::string src = cleanMemberPath(hl);
      struct stat st {};
      if (src.empty() || ::lstat((target / src).c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        throw ArchiveError("archive member '" + rel + "' is a hard link to '" + hl + "', which is not a file earlier in the archive");
      if (::link((target / src).c_str(), dst.c_str()) != 0) throwErrno("cannot create hard link", dst);
      continue;
    }
    if (type == AE_IFDIR) {
      if (::mkdir(dst.c_str(), 0755) != 0 && errno != EEXIST) throwErrno("cannot create directory", dst);
      struct stat st {};
      if (::lstat(dst.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw ArchiveError("archive member '" + rel + "' clashes with another member");
    } else if (type == AE_IFLNK) {
      const char* t = archive_entry_symlink(entry);
      std::string linkTarget = t ? t : "";
      fs::path resolved = (fs::path(rel).parent_path() / linkTarget).lexically_normal();
      if (linkTarget.empty() || linkTarget.front() == '/' || resolved.empty() || *resolved.begin() == "..")
        throw ArchiveError("archive member '" + rel + "' is a link pointing outside the app directory (" + linkTarget + ")");
      if (::symlink(linkTarget.c_str(), dst.c_str()) != 0) throwErrno("cannot create symlink", dst);
    } else if (type == AE_IFREG) {
      la_int64_t size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
      if (size < 0 || bytes + static_cast<std::uint64_t>(size) > limits.maxBytes)
        throw ArchiveError("archive holds more than " + std::to_string(limits.maxBytes) + " bytes of data");
      UniqueFd fd(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, perm | 0600));
      if (!fd.valid()) throwErrno("cannot create", dst);
      const void* buf = nullptr;
      size_t len = 0;
      la_int64_t off = 0;
      for (;;) {
        int rr = archive_read_data_block(a, &buf, &len, &off);
        if (rr == ARCHIVE_EOF) break;
        if (rr < ARCHIVE_WARN) throw ArchiveError(std::string("archive member '") + rel + "' is corrupt: " + aerr(a));
        bytes += len;
        if (bytes > limits.maxBytes)
          throw ArchiveError("archive holds more than " + std::to_string(limits.maxBytes) + " bytes of data");
        const char* p = static_cast<const char*>(buf);
        std::size_t left = len;
        auto pos = static_cast<off_t>(off);
        while (left > 0) {
          ssize_t n = ::pwrite(fd.get(), p, left, pos);
          if (n < 0) {
            if (errno == EINTR) continue;
            throwErrno("cannot write", dst);
          }
          p += n;
          pos += n;
          left -= static_cast<std::size_t>(n);
        }
      }
      if (::fchmod(fd.get(), perm) != 0) throwErrno("cannot chmod", dst);
    } else {
      throw ArchiveError("archive member '" + rel + "' is a device, FIFO or socket; only files, directories and links are allowed");
    }
  }
}

ArchivePtr openReader() {
  ArchivePtr a(archive_read_new());
  if (!a) throw ArchiveError("cannot allocate an archive reader");
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  return a;
}

}  // namespace

void extractArchive(const fs::path& archive, const fs::path& target, const ExtractLimits& limits) {
  ArchivePtr a = openReader();
  if (archive_read_open_filename(a.get(), archive.c_str(), 1 << 16) != ARCHIVE_OK)
    throw ArchiveError("not a valid .tgz archive (" + archive.string() + "): " + aerr(a.get()));
  extract(a.get(), target, limits);
}

void extractArchiveMemory(const void* data, std::size_t size, const fs::path& target, const ExtractLimits& limits) {
  ArchivePtr a = openReader();
  if (archive_read_open_memory(a.get(), data, size) != ARCHIVE_OK)
    throw ArchiveError(std::string("not a valid .tgz archive: ") + aerr(a.get()));
  extract(a.get(), target, limits);
}

}  // namespace kubos::app_service
