// sim-eps: a simulated electrical power system on a pseudo-terminal.
//
//   sim-eps --link /tmp/eps-tty [--reply-delay-ms 3] [--fault garbage|truncate|bad-crc] [--verbose]
//
// Opens a pty, links its slave side at PATH (removed on exit), and answers the
// framed protocol of lib/sim-eps/PROTOCOL.md like a real board: each reply after a few
// milliseconds, a NAK for a bad checksum, partial frames dropped after an
// inter-byte timeout. SIGINT/SIGTERM/SIGHUP stop it cleanly. --fault makes it a
// broken board that answers every command wrongly (lib/sim-eps/PROTOCOL.md,
// "Fault modes").
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <thread>

#include "sim-eps/board.h"
#include "sim-eps/protocol.h"

namespace {

volatile sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

constexpr auto kInterByteTimeout = std::chrono::milliseconds(50);

std::string hex(const kubos::sim_eps::Bytes& b) {
  std::string s;
  char buf[4];
  for (auto c : b) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    s += buf;
  }
  return s;
}

// Links `target` at `link` atomically (symlink to a temporary name, then
// rename). A stale symlink from a killed run is replaced; anything else at
// that path is refused, so sim-eps never clobbers a real file.
bool makeLink(const std::string& target, const std::string& link) {
  struct stat st {};
  if (lstat(link.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
    std::fprintf(stderr, "sim-eps: %s exists and is not a symlink; refusing to replace it\n", link.c_str());
    return false;
  }
  std::string tmp = link + ".tmp." + std::to_string(getpid());
  unlink(tmp.c_str());
  if (symlink(target.c_str(), tmp.c_str()) != 0 || rename(tmp.c_str(), link.c_str()) != 0) {
    std::fprintf(stderr, "sim-eps: cannot create link %s: %s\n", link.c_str(), std::strerror(errno));
    unlink(tmp.c_str());
    return false;
  }
  return true;
}

// Removes the link only if it still points at our pty (a newer sim-eps may
// have taken the path over).
void removeLink(const std::string& target, const std::string& link) {
  char buf[512];
  ssize_t n = readlink(link.c_str(), buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = 0;
    if (target == buf) unlink(link.c_str());
  }
}

enum class Fault { None, Garbage, Truncate, BadCrc };

// What a broken board sends instead of `reply`.
kubos::sim_eps::Bytes applyFault(Fault f, kubos::sim_eps::Bytes reply) {
  switch (f) {
    case Fault::None:
      break;
    case Fault::Garbage:
      // Printable noise of the same length: never a sync byte, so never a frame.
      for (std::size_t i = 0; i < reply.size(); ++i) reply[i] = static_cast<std::uint8_t>(0x21 + (i * 7 + 3) % 0x5E);
      break;
    case Fault::Truncate:
      // The first half of the frame, then silence: cut off mid-frame.
      reply.resize(reply.size() / 2);
      break;
    case Fault::BadCrc:
      // The whole frame, its CRC inverted.
      if (reply.size() >= 2) {
        reply[reply.size() - 1] ^= 0xFF;
        reply[reply.size() - 2] ^= 0xFF;
      }
      break;
  }
  return reply;
}

bool writeAll(int fd, const kubos::sim_eps::Bytes& b) {
  std::size_t done = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (done < b.size()) {
    ssize_t n = ::write(fd, b.data() + done, b.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    // The host is not reading: give up after a second, as a UART would
    // simply lose the bytes.
    if (std::chrono::steady_clock::now() > deadline || g_stop) return false;
    pollfd p{fd, POLLOUT, 0};
    ::poll(&p, 1, 10);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sim-eps: a simulated electrical power system on a pseudo-terminal"};
  std::string link;
  unsigned delayMs = 3;
  bool verbose = false;
  Fault fault = Fault::None;
  const std::map<std::string, Fault> faults{
      {"none", Fault::None}, {"garbage", Fault::Garbage}, {"truncate", Fault::Truncate}, {"bad-crc", Fault::BadCrc}};
  app.add_option("--link", link, "path of the symlink to the device's tty (removed on exit)")->required();
  app.add_option("--reply-delay-ms", delayMs, "how long the board takes to answer a command")
      ->check(CLI::Range(0u, 10'000u));
  app.add_option("--fault", fault, "answer every command wrongly: garbage (noise, no frame), truncate (half a frame) "
                 "or bad-crc (the frame with its CRC inverted); none by default")
      ->transform(CLI::CheckedTransformer(faults, CLI::ignore_case));
  app.add_flag("-v,--verbose", verbose, "log every frame to stderr");
  app.set_version_flag("--version", "sim-eps 1.0.0");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "sim-eps: %s (see --help)\n", e.what());
    return 2;
  }

  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
    std::fprintf(stderr, "sim-eps: cannot open a pseudo-terminal: %s\n", std::strerror(errno));
    return 1;
  }
  const std::string slave = ptsname(master);
  // Holding the slave open ourselves keeps the master from seeing a hangup
  // whenever the host closes the line, and lets us set raw mode before the
  // host opens it (no echo of the host's own bytes).
  int slaveFd = ::open(slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  termios tio{};
  if (slaveFd < 0 || tcgetattr(slaveFd, &tio) != 0) {
    std::fprintf(stderr, "sim-eps: cannot open %s: %s\n", slave.c_str(), std::strerror(errno));
    return 1;
  }
  cfmakeraw(&tio);
  tcsetattr(slaveFd, TCSANOW, &tio);
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

  // Signals are blocked except inside ppoll(), so a stop request can never be
  // missed between the flag check and the wait.
  sigset_t block, waitMask;
  sigemptyset(&block);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, s);
  sigprocmask(SIG_BLOCK, &block, &waitMask);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigaction(s, &sa, nullptr);
  }
  signal(SIGPIPE, SIG_IGN);

  if (!makeLink(slave, link)) return 1;
  std::printf("sim-eps: simulated EPS on %s, linked at %s (reply delay %u ms)\n", slave.c_str(), link.c_str(),
              delayMs);
  std::fflush(stdout);

  using Clock = std::chrono::steady_clock;
  kubos::sim_eps::Board board(Clock::now());
  kubos::sim_eps::FrameDecoder decoder;
  auto lastByte = Clock::now();
  std::uint8_t buf[512];
  while (!g_stop) {
    timespec ts{1, 0};
    const bool partial = decoder.midFrame();
    if (partial) ts = {0, 10'000'000};
    pollfd p{master, POLLIN, 0};
    int n = ppoll(&p, 1, &ts, &waitMask);
    if (n < 0 && errno != EINTR) {
      std::fprintf(stderr, "sim-eps: poll: %s\n", std::strerror(errno));
      break;
    }
    if (partial && Clock::now() - lastByte > kInterByteTimeout) {
      if (verbose) std::fprintf(stderr, "sim-eps: dropped a partial frame (inter-byte timeout)\n");
      decoder.reset();
    }
    if (n <= 0 || !(p.revents & POLLIN)) continue;
    ssize_t got = ::read(master, buf, sizeof buf);
    if (got <= 0) continue;
    lastByte = Clock::now();
    for (ssize_t i = 0; i < got; ++i) {
      auto ev = decoder.push(buf[i]);
      if (!ev) continue;
      if (verbose) {
        std::fprintf(stderr, "sim-eps: rx id=%02x len=%zu%s %s\n", ev->frame.id, ev->frame.payload.size(),
                     ev->kind == kubos::sim_eps::FrameDecoder::Event::Kind::BadChecksum ? " BAD-CRC" : "",
                     hex(ev->frame.payload).c_str());
      }
      kubos::sim_eps::Bytes reply = applyFault(fault, board.handle(*ev, Clock::now()));
      std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
      if (verbose) std::fprintf(stderr, "sim-eps: tx %s\n", hex(reply).c_str());
      writeAll(master, reply);
    }
  }
  removeLink(slave, link);
  ::close(slaveFd);
  ::close(master);
  std::printf("sim-eps: stopped\n");
  return 0;
}
