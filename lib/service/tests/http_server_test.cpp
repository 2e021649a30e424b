// Requirements SK-HTTP-*: the HTTP transport (limits, timeouts, keep-alive,
// concurrency, shutdown), tested over real sockets with a plain handler.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "graphql/engine.h"
#include "service/blocking.h"
#include "service/graphql_http.h"
#include "service/http.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Answers "/slow" after sleeping, "/gate" once `gateOpen` is set (within 5 s),
// everything else at once with the body echoed.
class TestHandler : public kubos::service::HttpHandler {
 public:
  std::atomic<int> handled{0};
  std::atomic<int> atGate{0};
  std::atomic<bool> gateOpen{false};
  std::optional<kubos::service::HttpResponse> route(const kubos::service::HttpRequest& r) override {
    if (r.path() == "/inline") return kubos::service::HttpResponse::text(200, "inline");
    return std::nullopt;
  }
  kubos::service::HttpResponse handle(const kubos::service::HttpRequest& r) override {
    ++handled;
    if (r.path() == "/slow") std::this_thread::sleep_for(1s);
    if (r.path() == "/gate") {
      ++atGate;
      const auto deadline = Clock::now() + 5s;
      while (!gateOpen && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
    }
    if (r.path() == "/throw") throw std::runtime_error("boom");
    return kubos::service::HttpResponse::text(200, r.method + " " + r.target + " " + r.body);
  }
};

struct Server {
  TestHandler handler;
  kubos::service::HttpServer server;
  std::thread thread;
  explicit Server(kubos::service::HttpLimits limits = {}) : server(handler, limits) {
    server.listen("127.0.0.1", 0);
    thread = std::thread([this] { server.run(false); });
  }
  ~Server() {
    server.stop();
    thread.join();
  }
  std::uint16_t port() const { return server.boundPort(); }
};

int connectTo(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void sendAll(int fd, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

// Reads one response (header + Content-Length body). Empty string on close/timeout.
std::string readResponse(int fd, std::chrono::milliseconds timeout = 5000ms) {
  std::string data;
  const auto deadline = Clock::now() + timeout;
  std::size_t need = std::string::npos;
  while (true) {
    const auto headerEnd = data.find("\r\n\r\n");
    if (headerEnd != std::string::npos && need == std::string::npos) {
      std::string lower = data.substr(0, headerEnd);
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const auto cl = lower.find("content-length:");
      need = headerEnd + 4 + (cl == std::string::npos ? 0 : std::stoul(lower.substr(cl + 15)));
    }
    if (need != std::string::npos && data.size() >= need) return data.substr(0, need);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return {};
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return {};
    char buf[65536];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return {};
    data.append(buf, static_cast<std::size_t>(n));
  }
}

// True when the peer closes the connection within `timeout`.
bool closedWithin(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  char buf[4096];
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
    if (::recv(fd, buf, sizeof buf, 0) <= 0) return true;
  }
  return false;
}

std::string post(const std::string& path, const std::string& body, const std::string& extra = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra +
         "\r\n" + body;
}

int statusOf(const std::string& resp) { return resp.size() > 12 ? std::stoi(resp.substr(9, 3)) : 0; }

// One request on a fresh connection; the response text.
std::string exchange(std::uint16_t port, const std::string& request) {
  int fd = connectTo(port);
  sendAll(fd, request);
  std::string r = readResponse(fd);
  ::close(fd);
  return r;
}

}  // namespace

TEST(HttpServer, SK_HTTP_1_ContentLengthAndKeepAlive) {
  Server s;
  int fd = connectTo(s.port());
  ASSERT_GE(fd, 0);
  sendAll(fd, post("/a", "hello"));
  std::string r1 = readResponse(fd);
  EXPECT_EQ(statusOf(r1), 200) << r1;
  EXPECT_NE(r1.find("Content-Length: 13"), std::string::npos) << r1;
  EXPECT_NE(r1.find("POST /a hello"), std::string::npos);
  sendAll(fd, post("/b", "again"));  // same connection
  std::string r2 = readResponse(fd);
  EXPECT_NE(r2.find("POST /b again"), std::string::npos) << r2;
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_2_InlineRouteAndHandlerExceptionIs500) {
  Server s;
  int fd = connectTo(s.port());
  sendAll(fd, "GET /inline HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(readResponse(fd).find("inline"), std::string::npos);
  sendAll(fd, post("/throw", ""));
  std::string r = readResponse(fd);
  EXPECT_EQ(statusOf(r), 500) << r;
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_3_BodyOverLimitIs413) {
  kubos::service::HttpLimits l;
  l.maxBodyBytes = 100;
  Server s(l);
  std::string r = exchange(s.port(), post("/", std::string(101, 'x')));
  EXPECT_EQ(statusOf(r), 413) << r;
  EXPECT_NE(r.find("limit of 100 bytes"), std::string::npos) << r;
  // Chunked: no Content-Length up front, the parser's limit catches it.
  r = exchange(s.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n80\r\n" +
                             std::string(128, 'y') + "\r\n0\r\n\r\n");
  EXPECT_EQ(statusOf(r), 413) << r;
  // At the limit is fine.
  EXPECT_EQ(statusOf(exchange(s.port(), post("/", std::string(100, 'z')))), 200);
}

TEST(HttpServer, SK_HTTP_4_HeaderTimeoutClosesSlowClient) {
  kubos::service::HttpLimits l;
  l.headerTimeout = 300ms;
  Server s(l);
  int fd = connectTo(s.port());
  sendAll(fd, "POST / HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  const auto t0 = Clock::now();
  EXPECT_TRUE(closedWithin(fd, 2000ms));
  EXPECT_GE(Clock::now() - t0, 250ms);
  ::close(fd);
  // A connection that sends nothing at all is closed as well.
  fd = connectTo(s.port());
  EXPECT_TRUE(closedWithin(fd, 2000ms));
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_5_SlowClientDoesNotStallOthers) {
  Server s;
  std::vector<int> slow;
  for (int i = 0; i < 20; ++i) {
    int fd = connectTo(s.port());
    sendAll(fd, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");  // body never completes
    slow.push_back(fd);
  }
  int fd = connectTo(s.port());
  const auto t0 = Clock::now();
  sendAll(fd, post("/", "quick"));
  std::string r = readResponse(fd);
  EXPECT_EQ(statusOf(r), 200);
  EXPECT_LT(Clock::now() - t0, 200ms);
  ::close(fd);
  for (int f : slow) ::close(f);
}

TEST(HttpServer, SK_HTTP_6_BlockedHandlerDoesNotStopOtherRequests) {
  Server s;
  int blocked = connectTo(s.port());
  sendAll(blocked, post("/slow", ""));
  std::this_thread::sleep_for(50ms);  // the slow request is on a worker now
  int fd = connectTo(s.port());
  const auto t0 = Clock::now();
  sendAll(fd, post("/ping", ""));
  std::string r = readResponse(fd);
  const auto took = Clock::now() - t0;
  EXPECT_EQ(statusOf(r), 200);
  EXPECT_LT(took, 50ms) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
  EXPECT_EQ(statusOf(readResponse(blocked)), 200);
  ::close(fd);
  ::close(blocked);
}

TEST(HttpServer, SK_HTTP_7_FullQueueAnswers503) {
  kubos::service::HttpLimits l;
  l.workers = 1;
  l.queueLength = 1;
  Server s(l);
  std::vector<int> fds;
  for (int i = 0; i < 3; ++i) {
    int fd = connectTo(s.port());
    sendAll(fd, post("/slow", ""));
    fds.push_back(fd);
    std::this_thread::sleep_for(30ms);
  }
  // One running, one queued, the third refused at once.
  std::string third = readResponse(fds[2], 500ms);
  EXPECT_EQ(statusOf(third), 503) << third;
  EXPECT_NE(third.find("Retry-After: 1"), std::string::npos) << third;
  EXPECT_EQ(statusOf(readResponse(fds[0])), 200);
  EXPECT_EQ(statusOf(readResponse(fds[1])), 200);
  for (int f : fds) ::close(f);
  EXPECT_EQ(s.server.stats().rejectedBusy, 1u);
}

TEST(HttpServer, SK_HTTP_17_NoRefusalWithinTheConnectionCap) {
  // Every connection the cap allows has a request waiting behind one blocked
  // worker: with the queue as long as the cap (the default), none is refused.
  kubos::service::HttpLimits l;
  l.maxConnections = 6;
  l.workers = 1;
  l.queueLength = l.maxConnections;
  Server s(l);
  std::vector<int> fds;
  for (std::size_t i = 0; i < l.maxConnections; ++i) {
    fds.push_back(connectTo(s.port()));
    sendAll(fds.back(), post("/gate", ""));
  }
  // All requests have arrived once the first is at the gate and the rest queued
  // (nothing answered 503 meanwhile: that would be counted).
  const auto deadline = Clock::now() + 5s;
  while (s.handler.atGate == 0 && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
  for (int fd : fds) {
    pollfd p{fd, POLLIN, 0};
    EXPECT_EQ(::poll(&p, 1, 50), 0) << "a queued request was answered before the worker was free";
  }
  s.handler.gateOpen = true;
  for (int fd : fds) EXPECT_EQ(statusOf(readResponse(fd)), 200);
  for (int fd : fds) ::close(fd);
  EXPECT_EQ(s.server.stats().rejectedBusy, 0u);
  EXPECT_EQ(s.handler.handled, static_cast<int>(l.maxConnections));
}

TEST(HttpServer, SK_HTTP_8_Expect100Continue) {
  Server s;
  int fd = connectTo(s.port());
  sendAll(fd, "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  std::string cont = readResponse(fd);
  EXPECT_EQ(statusOf(cont), 100) << cont;
  sendAll(fd, "body");
  EXPECT_NE(readResponse(fd).find("POST /e body"), std::string::npos);
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_9_MalformedRequestIs400) {
  Server s;
  EXPECT_EQ(statusOf(exchange(s.port(), "THIS IS NOT HTTP\r\n\r\n")), 400);
}

TEST(HttpServer, SK_HTTP_10_HugeHeaderIs431) {
  kubos::service::HttpLimits l;
  l.maxHeaderBytes = 1024;
  Server s(l);
  EXPECT_EQ(statusOf(exchange(s.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n")),
            431);
}

TEST(HttpServer, SK_HTTP_11_PortInUseNamesTheAddress) {
  Server s;
  TestHandler h;
  kubos::service::HttpServer second(h, {});
  try {
    second.listen("127.0.0.1", s.port());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot listen on 127.0.0.1:" + std::to_string(s.port()) + ": Address already in use");
  }
}

TEST(HttpServer, SK_HTTP_18_SlowBodyGets408AndClose) {
  kubos::service::HttpLimits l;
  l.bodyTimeout = 200ms;
  Server s(l);
  int fd = connectTo(s.port());
  sendAll(fd, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");  // 8 bytes never come
  std::string r = readResponse(fd, 3000ms);
  EXPECT_EQ(statusOf(r), 408) << r;
  EXPECT_NE(r.find("Connection: close"), std::string::npos) << r;
  EXPECT_NE(r.find("body-timeout-ms (200 ms)"), std::string::npos) << r;
  EXPECT_TRUE(closedWithin(fd, 3000ms));
  ::close(fd);
  EXPECT_EQ(s.handler.handled, 0);
}

TEST(HttpServer, SK_HTTP_19_HeadIsGetWithoutABody) {
  Server s;
  int fd = connectTo(s.port());
  sendAll(fd, "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string head;
  const auto deadline = Clock::now() + 5s;
  while (head.find("\r\n\r\n") == std::string::npos && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<std::size_t>(n));
  }
  EXPECT_EQ(statusOf(head), 200) << head;
  // GET's length ("GET /h " is what the handler answers), and no body bytes.
  EXPECT_NE(head.find("Content-Length: 7\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << head;
  // The connection stays in step: the next request gets its own answer.
  sendAll(fd, "GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string next = readResponse(fd);
  EXPECT_EQ(statusOf(next), 200) << next;
  EXPECT_NE(next.find("GET /next "), std::string::npos) << next;
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_12_UnresolvableHost) {
  TestHandler h;
  kubos::service::HttpServer server(h, {});
  EXPECT_THROW(server.listen("no-such-host.invalid", 8080), std::runtime_error);
}

TEST(HttpServer, SK_HTTP_13_StopDrainsRequestInFlight) {
  auto s = std::make_unique<Server>();
  int fd = connectTo(s->port());
  sendAll(fd, post("/slow", ""));
  std::this_thread::sleep_for(100ms);
  std::thread stopper([&] { s.reset(); });  // stop + join while /slow runs
  std::string r = readResponse(fd);
  stopper.join();
  EXPECT_EQ(statusOf(r), 200) << "the request in flight still gets its answer";
  EXPECT_NE(r.find("Connection: close"), std::string::npos) << r;
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_14_ConnectionLimit) {
  // Both slots busy with a request: a third connection is closed at once.
  kubos::service::HttpLimits l;
  l.maxConnections = 2;
  Server s(l);
  int a = connectTo(s.port()), b = connectTo(s.port());
  sendAll(a, post("/gate", ""));
  sendAll(b, post("/gate", ""));
  const auto deadline = Clock::now() + 5s;
  while (s.handler.atGate < 2 && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
  int c = connectTo(s.port());
  EXPECT_TRUE(closedWithin(c, 1000ms));
  EXPECT_EQ(s.server.stats().rejectedConnections, 1u);
  s.handler.gateOpen = true;
  EXPECT_EQ(statusOf(readResponse(a)), 200);
  EXPECT_EQ(statusOf(readResponse(b)), 200);
  ::close(a);
  ::close(b);
  ::close(c);
}

TEST(HttpServer, SK_HTTP_20_IdleConnectionsMakeRoomOldestFirst) {
  // The cap is full of connections that sent nothing (or wait between
  // keep-alive requests): a new client is served, the oldest idle one goes.
  kubos::service::HttpLimits l;
  l.maxConnections = 3;
  Server s(l);
  int kept = connectTo(s.port());  // keep-alive between requests: idle too
  sendAll(kept, post("/first", ""));
  EXPECT_EQ(statusOf(readResponse(kept)), 200);
  int silent1 = connectTo(s.port()), silent2 = connectTo(s.port());
  std::vector<int> fresh;  // kept open (idle after their answer), so each needs room
  for (int i = 0; i < 3; ++i) {
    fresh.push_back(connectTo(s.port()));
    sendAll(fresh.back(), post("/new", ""));
    EXPECT_EQ(statusOf(readResponse(fresh.back())), 200) << "new client " << i;
  }
  // Oldest first: the keep-alive one, then the two silent ones.
  EXPECT_TRUE(closedWithin(kept, 1000ms));
  EXPECT_TRUE(closedWithin(silent1, 1000ms));
  EXPECT_TRUE(closedWithin(silent2, 1000ms));
  EXPECT_EQ(s.server.stats().rejectedConnections, 0u);
  EXPECT_EQ(s.server.stats().evictedIdle, 3u);
  for (int fd : fresh) ::close(fd);
  ::close(kept);
  ::close(silent1);
  ::close(silent2);
}

TEST(HttpServer, SK_HTTP_20_ClientThatKeepsPollingKeepsItsConnection) {
  // Idle longest goes first, not connected longest: a client connected before
  // a flood of silent sockets, still sending requests, is not the one closed.
  kubos::service::HttpLimits l;
  l.maxConnections = 3;
  Server s(l);
  int poller = connectTo(s.port());
  sendAll(poller, post("/first", ""));
  EXPECT_EQ(statusOf(readResponse(poller)), 200);
  int silent1 = connectTo(s.port()), silent2 = connectTo(s.port());
  sendAll(poller, post("/again", ""));  // idle again, but since now
  EXPECT_EQ(statusOf(readResponse(poller)), 200);
  int fresh = connectTo(s.port());
  sendAll(fresh, post("/new", ""));
  EXPECT_EQ(statusOf(readResponse(fresh)), 200);
  EXPECT_TRUE(closedWithin(silent1, 1000ms));
  sendAll(poller, post("/still", ""));
  EXPECT_EQ(statusOf(readResponse(poller)), 200);
  EXPECT_EQ(s.server.stats().evictedIdle, 1u);
  for (int fd : {poller, silent1, silent2, fresh}) ::close(fd);
}

namespace {

// A GraphQL service in miniature: `ping` and `cached` marked non-blocking,
// `device` marked blocking (it waits at a gate), `unmarked` left as is. Each
// resolver notes the thread it ran on.
struct GqlServer {
  std::atomic<bool> gateOpen{false};
  std::atomic<int> atGate{0};
  std::mutex mutex;
  std::vector<std::pair<std::string, std::thread::id>> calls;
  std::unique_ptr<kubos::graphql::Engine> engine;
  std::unique_ptr<kubos::service::GraphQLHttpHandler> handler;
  std::unique_ptr<kubos::service::HttpServer> server;
  std::thread thread;

  explicit GqlServer(kubos::service::HttpLimits limits = {}) {
    using kubos::graphql::Value;
    auto schema = kubos::graphql::Schema::fromSDL(
        "type Query { ping: String cached: Int device: Int unmarked: Int } type Mutation { set: Int }", nullptr);
    auto note = [this](const char* name) {
      std::lock_guard lock(mutex);
      calls.emplace_back(name, std::this_thread::get_id());
    };
    using R = const Value&;
    using I = const kubos::graphql::ResolveInfo&;
    EXPECT_TRUE(schema->bindResolver("Query", "ping", kubos::service::nonBlocking([note](R, R, I) {
                                       note("ping");
                                       return Value("pong");
                                     })));
    EXPECT_TRUE(schema->bindResolver("Query", "cached", kubos::service::nonBlocking([note](R, R, I) {
                                       note("cached");
                                       return Value(1);
                                     })));
    EXPECT_TRUE(schema->bindResolver("Query", "device", kubos::service::blocking([this, note](R, R, I) {
                                       note("device");
                                       ++atGate;
                                       const auto deadline = Clock::now() + 5s;
                                       while (!gateOpen && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
                                       return Value(2);
                                     })));
    EXPECT_TRUE(schema->bindResolver("Query", "unmarked", [note](R, R, I) {
      note("unmarked");
      return Value(3);
    }));
    EXPECT_TRUE(schema->bindResolver("Mutation", "set", [note](R, R, I) {
      note("set");
      return Value(4);
    }));
    engine = std::make_unique<kubos::graphql::Engine>(std::move(schema));
    kubos::service::GraphQLHttpOptions options;
    options.logErrors = false;
    handler = std::make_unique<kubos::service::GraphQLHttpHandler>(*engine, options);
    server = std::make_unique<kubos::service::HttpServer>(*handler, limits);
    server->listen("127.0.0.1", 0);
    thread = std::thread([this] { server->run(false); });
  }
  ~GqlServer() {
    gateOpen = true;
    server->stop();
    thread.join();
  }
  std::uint16_t port() const { return server->boundPort(); }
  // The thread the last call of `field` ran on.
  std::thread::id ranOn(const std::string& field) {
    std::lock_guard lock(mutex);
    for (auto it = calls.rbegin(); it != calls.rend(); ++it)
      if (it->first == field) return it->second;
    return {};
  }
};

std::string gql(const std::string& query) {
  return post("/", "{\"query\":\"" + query + "\"}", "Content-Type: application/json\r\n");
}

long statusKiB(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
  return -1;
}

}  // namespace

TEST(HttpServer, SK_HTTP_21_NonBlockingRequestsRunOnTheIoThreadBlockingOnesOnAWorker) {
  GqlServer s;
  const std::thread::id io = s.thread.get_id();
  int fd = connectTo(s.port());
  // The first request of a document validates it on a worker; from then on
  // it is answered on the I/O thread.
  for (int i = 0; i < 3; ++i) {
    sendAll(fd, gql("{ping cached __typename}"));
    const std::string r = readResponse(fd);
    EXPECT_NE(r.find(R"({"data":{"ping":"pong","cached":1,"__typename":"Query"}})"), std::string::npos) << r;
  }
  EXPECT_EQ(s.ranOn("ping"), io);
  EXPECT_EQ(s.server->stats().toWorkers, 1u);
  // Blocking, unmarked and mutation fields go to a worker every time.
  s.gateOpen = true;
  for (const char* q : {"{ping device}", "{unmarked}", "mutation{set}"}) {
    for (int i = 0; i < 2; ++i) {
      sendAll(fd, gql(q));
      EXPECT_EQ(statusOf(readResponse(fd)), 200) << q;
    }
  }
  EXPECT_NE(s.ranOn("device"), io);
  EXPECT_NE(s.ranOn("unmarked"), io);
  EXPECT_NE(s.ranOn("set"), io);
  EXPECT_EQ(s.server->stats().toWorkers, 7u);
  // Introspection and refusals need no worker.
  for (int i = 0; i < 2; ++i) {
    sendAll(fd, gql("{__schema{queryType{name}}}"));
    EXPECT_EQ(statusOf(readResponse(fd)), 200);
  }
  sendAll(fd, post("/", "not json", "Content-Type: application/json\r\n"));
  EXPECT_EQ(statusOf(readResponse(fd)), 400);
  EXPECT_EQ(s.server->stats().toWorkers, 8u);
  ::close(fd);
}

TEST(HttpServer, SK_HTTP_21_BlockedResolversDoNotDelayPingOnOtherConnections) {
  kubos::service::HttpLimits l;
  l.workers = 1;
  GqlServer s(l);
  int warm = connectTo(s.port());
  sendAll(warm, gql("{ping}"));  // the document is validated once, on the worker
  EXPECT_EQ(statusOf(readResponse(warm)), 200);
  // Every worker is held by a blocked device read, and another waits in the queue.
  int blocked1 = connectTo(s.port()), blocked2 = connectTo(s.port());
  sendAll(blocked1, gql("{device}"));
  sendAll(blocked2, gql("{device}"));
  const auto deadline = Clock::now() + 5s;
  while (s.atGate == 0 && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(s.atGate, 1);
  for (int i = 0; i < 20; ++i) {
    const auto t0 = Clock::now();
    sendAll(warm, gql("{ping}"));
    const std::string r = readResponse(warm, 1000ms);
    const auto took = Clock::now() - t0;
    EXPECT_NE(r.find("pong"), std::string::npos) << r;
    EXPECT_LT(took, 50ms) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
  }
  s.gateOpen = true;
  EXPECT_NE(readResponse(blocked1).find(R"({"data":{"device":2}})"), std::string::npos);
  EXPECT_NE(readResponse(blocked2).find(R"({"data":{"device":2}})"), std::string::npos);
  ::close(blocked1);
  ::close(blocked2);
  ::close(warm);
}

TEST(HttpServer, SK_HTTP_22_MemoryOfAConnectionBurstIsGivenBack) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "RSS under ASan is its shadow memory and quarantine; the release tree runs this";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "RSS under ASan is its shadow memory and quarantine; the release tree runs this";
#endif
#endif
  Server s([] {
    kubos::service::HttpLimits roomy;
    roomy.maxConnections = 512;
    return roomy;
  }());
  const std::string big(64 * 1024, 'x');
  EXPECT_EQ(statusOf(exchange(s.port(), post("/warm", big))), 200);
  const long idle = statusKiB("VmRSS:");
  ASSERT_GT(idle, 0);
  // 200 keep-alive clients, each with a large request and a small one, all
  // still connected.
  std::vector<int> fds;
  for (int i = 0; i < 200; ++i) {
    const int fd = connectTo(s.port());
    ASSERT_GE(fd, 0);
    fds.push_back(fd);
    sendAll(fd, post("/big", big));
    EXPECT_EQ(statusOf(readResponse(fd)), 200);
    sendAll(fd, post("/small", ""));
    EXPECT_EQ(statusOf(readResponse(fd)), 200);
  }
  const long peak = statusKiB("VmRSS:");
  for (int fd : fds) ::close(fd);
  // Back within 4 MiB of idle once they have gone (polled, with a deadline).
  long now = statusKiB("VmRSS:");
  const auto deadline = Clock::now() + 5s;
  while (now > idle + 4096 && Clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    now = statusKiB("VmRSS:");
  }
  EXPECT_LE(now, idle + 4096) << "idle " << idle << " KiB, peak " << peak << " KiB, after " << now << " KiB";
  RecordProperty("rss_kib_idle_peak_after", std::to_string(idle) + " " + std::to_string(peak) + " " + std::to_string(now));
}
