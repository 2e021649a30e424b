#include "app_log_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/crc.hpp>
#include <cerrno>
#include <cstring>
#include <optional>

#include "fsutil.h"
#include "manifest.h"
#include "service/log.h"

namespace fs = std::filesystem;
namespace slog = kubos::service::log;

namespace kubos::app_service {

namespace {

constexpr std::array<char, 4> kMagic{'K', 'L', 'G', '1'};
constexpr std::size_t kHeader = 12;        // magic, length, CRC
constexpr std::size_t kFixedPayload = 17;  // seq, time, stream
constexpr std::int64_t kRetryMs = 60'000;  // after a write error (a full disk), try again this much later

std::uint32_t crc32(std::string_view data) {
  boost::crc_32_type c;
  c.process_bytes(data.data(), data.size());
  return c.checksum();
}

template <typename T>
void putLe(std::string& out, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
}

template <typename T>
T getLe(const char* p) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return static_cast<T>(v);
}

std::string encode(std::int64_t seq, std::int64_t timeMs, int stream, std::string_view text) {
  std::string payload;
  payload.reserve(kFixedPayload + text.size());
  putLe<std::uint64_t>(payload, static_cast<std::uint64_t>(seq));
  putLe<std::uint64_t>(payload, static_cast<std::uint64_t>(timeMs));
  payload += static_cast<char>(stream ? 1 : 0);
  payload.append(text);
  std::string rec(kMagic.data(), kMagic.size());
  putLe<std::uint32_t>(rec, static_cast<std::uint32_t>(payload.size()));
  putLe<std::uint32_t>(rec, crc32(payload));
  return rec + payload;
}

// The record at data[pos..], if it is whole and its CRC matches: its payload length.
std::optional<std::uint32_t> validRecord(std::string_view data, std::size_t pos) {
  if (pos + kHeader > data.size() || std::memcmp(data.data() + pos, kMagic.data(), kMagic.size()) != 0)
    return std::nullopt;
  auto len = getLe<std::uint32_t>(data.data() + pos + 4);
  if (len < kFixedPayload || len > kFixedPayload + AppLogStore::kMaxLineBytes || pos + kHeader + len > data.size())
    return std::nullopt;
  if (crc32(data.substr(pos + kHeader, len)) != getLe<std::uint32_t>(data.data() + pos + 8)) return std::nullopt;
  return len;
}

}  // namespace

std::size_t splitPoint(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t cut = max;
  // Do not cut a UTF-8 sequence (at most 3 continuation bytes to back over).
  while (cut > max - 3 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80 ? max : cut;
}

struct AppLogStore::Log {
  struct Rec {
    std::int64_t seq;
    std::uint64_t offset;  // of the record header
    std::uint32_t len;     // payload length
  };
  std::array<fs::path, 2> path;  // older, current
  std::array<UniqueFd, 2> fd;
  std::array<std::vector<Rec>, 2> index;
  std::array<std::uint64_t, 2> size{0, 0};  // bytes of whole records (the current one is truncated to it)
  std::int64_t nextSeq = 1;
  bool writable = false;       // fd[1] is open for appending (and its torn tail truncated)
  std::int64_t retryAtMs = 0;  // after an I/O error (logged): lines are dropped until then

  void scan(std::size_t i) {
    UniqueFd f(::open(path[i].c_str(), O_RDONLY | O_CLOEXEC));
    if (!f.valid()) return;
    struct stat st {};
    if (::fstat(f.get(), &st) != 0) return;
    std::string data(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < data.size()) {
      ssize_t n = ::pread(f.get(), data.data() + got, data.size() - got, static_cast<off_t>(got));
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    data.resize(got);
    std::size_t pos = 0, skipped = 0;
    while (pos + kHeader <= data.size()) {
      auto len = validRecord(data, pos);
      auto seq = len ? getLe<std::int64_t>(data.data() + pos + kHeader) : 0;
      if (!len || seq < nextSeq) {
        // Torn or damaged: resynchronise on the next magic.
        ++skipped;
        auto it =
            std::search(data.begin() + static_cast<std::ptrdiff_t>(pos) + 1, data.end(), kMagic.begin(), kMagic.end());
        pos = static_cast<std::size_t>(it - data.begin());
        continue;
      }
      index[i].push_back({seq, pos, *len});
      nextSeq = seq + 1;
      pos += kHeader + *len;
      size[i] = pos;
    }
    if (skipped)
      slog::warn("app logs: ", path[i].string(), ": skipped ", skipped,
                 " torn or damaged spot(s) (a power loss tears the last record); ", index[i].size(), " record(s) kept");
  }
};

AppLogStore::AppLogStore(fs::path dir, std::int64_t bound) : dir_(std::move(dir)), bound_(std::max(bound, kMinBound)) {}

AppLogStore::~AppLogStore() = default;

AppLogStore::Log& AppLogStore::logFor(const std::string& name, const std::string& runLevel) {
  auto& slot = logs_[{name, runLevel}];
  if (slot) return *slot;
  slot = std::make_unique<Log>();
  Log& l = *slot;
  for (std::size_t i = 0; i < 2; ++i) {
    l.path[i] = dir_ / name / (runLevel + "." + std::to_string(i));
    l.scan(i);
  }
  for (std::size_t i = 0; i < 2; ++i) l.fd[i].reset(::open(l.path[i].c_str(), O_RDONLY | O_CLOEXEC));
  return l;
}

void AppLogStore::append(const std::string& name, const std::string& runLevel, int stream, std::string_view text,
                         std::int64_t timeMs) {
  std::lock_guard lock(mu_);
  Log& l = logFor(name, runLevel);
  if (timeMs < l.retryAtMs) return;
  auto fail = [&](std::string_view what, const fs::path& p) {
    slog::error("app logs: ", what, " ", p.string(), ": ", std::strerror(errno), "; lines of ", name, " (", runLevel,
                ") go to syslog only for the next ", kRetryMs / 1000, " s");
    l.retryAtMs = timeMs + kRetryMs;
    l.writable = false;  // reopened (and its tail truncated) at the retry
  };
  if (!l.writable) {
    std::error_code ec;
    fs::create_directories(l.path[1].parent_path(), ec);
    l.fd[1].reset(::open(l.path[1].c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!l.fd[1].valid()) return fail("cannot open", l.path[1]);
    // A torn tail goes before anything is appended after it.
    if (::ftruncate(l.fd[1].get(), static_cast<off_t>(l.size[1])) != 0) return fail("cannot truncate", l.path[1]);
    l.writable = true;
  }
  do {
    std::size_t cut = splitPoint(text, kMaxLineBytes);
    std::string rec = encode(l.nextSeq, timeMs, stream, text.substr(0, cut));
    text.remove_prefix(cut);
    if (l.size[1] > 0 && static_cast<std::int64_t>(l.size[1] + rec.size()) > bound_ / 2) {
      // Rotate: the current segment replaces the older one (its lines are the ones dropped).
      ::fdatasync(l.fd[1].get());
      if (::rename(l.path[1].c_str(), l.path[0].c_str()) != 0) return fail("cannot rotate", l.path[1]);
      l.fd[0] = std::move(l.fd[1]);
      l.index[0] = std::move(l.index[1]);
      l.index[1].clear();
      l.size[0] = l.size[1];
      l.size[1] = 0;
      l.fd[1].reset(::open(l.path[1].c_str(), O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644));
      if (!l.fd[1].valid()) return fail("cannot open", l.path[1]);
    }
    ssize_t n = ::write(l.fd[1].get(), rec.data(), rec.size());
    if (n != static_cast<ssize_t>(rec.size())) {
      if (n >= 0) errno = ENOSPC;
      int e = errno;
      (void)::ftruncate(l.fd[1].get(), static_cast<off_t>(l.size[1]));
      errno = e;
      return fail("cannot write", l.path[1]);
    }
    l.index[1].push_back({l.nextSeq, l.size[1], static_cast<std::uint32_t>(rec.size() - kHeader)});
    l.size[1] += rec.size();
    ++l.nextSeq;
  } while (!text.empty());
}

AppLogPage AppLogStore::read(const std::string& name, const std::string& runLevel, std::int64_t after,
                             std::size_t limit) {
  AppLogPage page;
  page.next = after;
  if (checkName("name", name) || checkName("run level", runLevel)) return page;  // never a path from unchecked input
  std::lock_guard lock(mu_);
  if (!logs_.count({name, runLevel})) {
    std::error_code ec;
    if (!fs::exists(dir_ / name / (runLevel + ".0"), ec) && !fs::exists(dir_ / name / (runLevel + ".1"), ec))
      return page;
  }
  Log& l = logFor(name, runLevel);
  for (std::size_t i = 0; i < 2 && page.lines.size() < limit; ++i) {
    const auto& idx = l.index[i];
    auto it =
        std::upper_bound(idx.begin(), idx.end(), after, [](std::int64_t a, const Log::Rec& r) { return a < r.seq; });
    for (; it != idx.end() && page.lines.size() < limit; ++it) {
      std::string payload(it->len, '\0');
      ssize_t n = l.fd[i].valid()
                      ? ::pread(l.fd[i].get(), payload.data(), payload.size(), static_cast<off_t>(it->offset + kHeader))
                      : -1;
      if (n != static_cast<ssize_t>(payload.size())) continue;  // counted in dropped below
      AppLogLine line;
      line.seq = it->seq;
      line.timeMs = getLe<std::int64_t>(payload.data() + 8);
      line.stream = payload[16] ? 1 : 0;
      line.text = payload.substr(kFixedPayload);
      page.lines.push_back(std::move(line));
    }
  }
  if (!page.lines.empty()) {
    page.next = page.lines.back().seq;
    page.dropped = page.next - after - static_cast<std::int64_t>(page.lines.size());
  } else if (l.index[0].empty() && l.index[1].empty() && l.nextSeq - 1 > after && limit > 0) {
    page.dropped = l.nextSeq - 1 - after;
  }
  return page;
}

}  // namespace kubos::app_service
