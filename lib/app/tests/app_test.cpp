#include "app/app.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>

using namespace kubos::app;
namespace fs = std::filesystem;

namespace {

// A one-connection-at-a-time HTTP server on 127.0.0.1 that answers every
// request with `reply` (or never answers when silent), recording the body.
class FakeService {
 public:
  explicit FakeService(std::string reply, bool silent = false) : reply_(std::move(reply)), silent_(silent) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 4);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeService() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::string lastBody() const { return body_; }

 private:
  void serve() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      for (;;) {
        auto hdr = req.find("\r\n\r\n");
        if (hdr != std::string::npos) {
          auto cl = req.find("Content-Length: ");
          std::size_t want = cl == std::string::npos ? 0 : std::stoul(req.substr(cl + 16));
          if (req.size() >= hdr + 4 + want) {
            body_ = req.substr(hdr + 4, want);
            break;
          }
        }
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        req.append(buf, static_cast<std::size_t>(n));
      }
      if (silent_) {
        while (!stop_ && ::read(c, buf, sizeof buf) > 0) {
        }
      } else {
        (void)!::write(c, reply_.data(), reply_.size());
      }
      ::close(c);
    }
  }
  std::string reply_;
  bool silent_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::string body_;
  std::thread thread_;
};

std::string httpReply(const std::string& body, const std::string& status = "200 OK") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

struct Config {
  fs::path path;
  explicit Config(int port) {
    path = fs::temp_directory_path() / ("app-lib-test-" + std::to_string(::getpid()) + "-" + std::to_string(port) + ".toml");
    std::ofstream(path) << "[test-service.addr]\nip = \"127.0.0.1\"\nport = " << port << "\n";
  }
  ~Config() { fs::remove(path); }
};

std::string queryError(const std::string& cfg, const std::string& service, std::chrono::milliseconds t = kDefaultQueryTimeout) {
  try {
    query(cfg, service, "{ ping }", t);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(AppCommandLine, APPLIB_1_parses_what_the_service_passes) {
  const char* argv[] = {"app", "-r", "OnBoot", "-c", "/x/config.toml", "--", "-v", "a b"};
  Invocation inv = parseCommandLine(8, argv);
  EXPECT_EQ(inv.runLevel, RunLevel::OnBoot);
  EXPECT_EQ(inv.config, "/x/config.toml");
  EXPECT_EQ(inv.args, (std::vector<std::string>{"-v", "a b"}));
  const char* plain[] = {"app", "pos"};
  inv = parseCommandLine(2, plain);
  EXPECT_EQ(inv.runLevel, RunLevel::OnCommand);
  EXPECT_EQ(inv.args, (std::vector<std::string>{"pos"}));
  const char* help[] = {"app", "-h"};
  EXPECT_TRUE(parseCommandLine(2, help).help);
  const char* bad[] = {"app", "-r", "Sometimes"};
  EXPECT_THROW(parseCommandLine(3, bad), UsageError);
  const char* missing[] = {"app", "-c"};
  EXPECT_THROW(parseCommandLine(2, missing), UsageError);
  const char* unknown[] = {"app", "-x"};
  EXPECT_THROW(parseCommandLine(2, unknown), UsageError);
}

TEST(AppQuery, APPLIB_2_returns_data) {
  FakeService svc(httpReply(R"({"data":{"ping":"pong"}})"));
  Config cfg(svc.port());
  EXPECT_EQ(query(cfg.path, "test-service", "{ ping }"), nlohmann::json::parse(R"({"ping":"pong"})"));
  EXPECT_EQ(svc.lastBody(), R"({"query":"{ ping }"})");
  FakeService empty(httpReply(R"({"data":{"x":1},"errors":[]})"));
  Config cfg2(empty.port());
  EXPECT_EQ(query(cfg2.path, "test-service", "{ x }")["x"], 1);
}

TEST(AppQuery, APPLIB_3_errors_follow_kubos_rules) {
  {
    FakeService svc(httpReply(R"({"data":null,"errors":[{"message":"Query failed"}]})"));
    Config cfg(svc.port());
    EXPECT_EQ(queryError(cfg.path, "test-service"), R"(test-service Endpoint Error: [{"message":"Query failed"}])");
  }
  {
    FakeService svc(httpReply(R"({"data":{},"extra":1})"));
    Config cfg(svc.port());
    EXPECT_NE(queryError(cfg.path, "test-service").find("unexpected key 'extra'"), std::string::npos);
  }
  {
    FakeService svc(httpReply("not found", "404 Not Found"));
    Config cfg(svc.port());
    EXPECT_NE(queryError(cfg.path, "test-service").find("HTTP 404"), std::string::npos);
  }
  {
    FakeService svc(httpReply("{}"));
    Config cfg(svc.port());
    EXPECT_NE(queryError(cfg.path, "fake-service").find("Failed to find fake-service in config"), std::string::npos);
    EXPECT_NE(queryError("/no/such/config.toml", "test-service").find("/no/such/config.toml"), std::string::npos);
  }
  int port;
  {
    FakeService gone(httpReply("{}"));
    port = gone.port();
  }
  Config cfg(port);
  EXPECT_NE(queryError(cfg.path, "test-service").find("cannot connect"), std::string::npos);
}

TEST(AppQuery, APPLIB_4_times_out) {
  FakeService svc("", true);
  Config cfg(svc.port());
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_NE(queryError(cfg.path, "test-service", std::chrono::milliseconds(200)).find("no answer within 200 ms"),
            std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(AppRun, APPLIB_5_dispatches_by_run_level) {
  Handlers h;
  std::string seen;
  h.onBoot = [&](const Context& c) {
    seen = "boot " + c.invocation.config;
    return 3;
  };
  h.onCommand = [&](const Context& c) {
    seen = "command " + (c.invocation.args.empty() ? "" : c.invocation.args[0]);
    throw std::runtime_error("boom");
    return 0;
  };
  const char* boot[] = {"app", "-r", "OnBoot", "-c", "cfg"};
  EXPECT_EQ(run(5, boot, "test-app", "d", h), 3);
  EXPECT_EQ(seen, "boot cfg");
  const char* cmd[] = {"app", "-r", "OnCommand", "--", "x"};
  EXPECT_EQ(run(5, cmd, "test-app", "d", h), 1);
  EXPECT_EQ(seen, "command x");
  const char* bad[] = {"app", "-r", "Never"};
  EXPECT_EQ(run(3, bad, "test-app", "d", h), 2);
  const char* help[] = {"app", "--help"};
  EXPECT_EQ(run(2, help, "test-app", "d", h), 0);
}
