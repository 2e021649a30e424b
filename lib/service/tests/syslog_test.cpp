// Requirement SK-LOG-5: lines reach syslog with facility LOG_DAEMON, the
// binary name as ident, the pid, and the message text only.
//
// The test needs a syslog socket it can read: a child process gets a private
// mount namespace with a tmpfs on /dev, binds /dev/log itself, logs, and
// checks what arrived. Needs root (CAP_SYS_ADMIN); skipped otherwise.
#include <gtest/gtest.h>

#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include <cstring>
#include <regex>

#include "service/log.h"

namespace {

// Runs in the child; returns the exit status (0 = every check passed).
int childCheck() {
  if (::unshare(CLONE_NEWNS) != 0) return 77;
  // Keep our mounts away from the parent namespace.
  if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
  if (::mount("none", "/dev", "tmpfs", 0, nullptr) != 0) return 77;
  int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, "/dev/log");
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 10;
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

  kubos::service::log::Options o;
  o.ident = "syslog-test";
  o.threshold = kubos::service::log::Level::Trace;
  kubos::service::log::init(o);
  struct Case {
    kubos::service::log::Level level;
    int priority;
  } cases[] = {{kubos::service::log::Level::Error, LOG_DAEMON | LOG_ERR},
               {kubos::service::log::Level::Warn, LOG_DAEMON | LOG_WARNING},
               {kubos::service::log::Level::Info, LOG_DAEMON | LOG_INFO},
               {kubos::service::log::Level::Debug, LOG_DAEMON | LOG_DEBUG},
               {kubos::service::log::Level::Trace, LOG_DAEMON | LOG_DEBUG}};
  int n = 0;
  for (const auto& c : cases) {
    ++n;
    kubos::service::log::write(c.level, "message " + std::to_string(n) + " 100%s");
    char buf[1024];
    const ssize_t got = ::recv(fd, buf, sizeof buf - 1, 0);
    if (got <= 0) return 20 + n;
    const std::string line(buf, static_cast<std::size_t>(got));
    // <PRI>timestamp ident[pid]: message  (syslog adds time and level itself)
    const std::regex want("<" + std::to_string(c.priority) + ">[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d syslog-test\\[" +
                          std::to_string(::getpid()) + "\\]: message " + std::to_string(n) + " 100%s");
    if (!std::regex_match(line, want)) {
      std::fprintf(stderr, "unexpected syslog line: %s\n", line.c_str());
      return 30 + n;
    }
  }
  return 0;
}

}  // namespace

TEST(Syslog, SK_LOG_5_DaemonFacilityIdentPidMessageOnly) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a private mount namespace";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ::_exit(childCheck());
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "mount namespaces are not available here";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "see the child's stderr";
}
