// The HTTP/1.1 server under every service (Boost.Asio + Beast behind a pimpl,
// so services do not compile Beast).
//
// Threads: one I/O thread runs the event loop (accept, read, write, timers);
// request handling that may block (GraphQL resolvers talk to hardware) runs on
// a small worker pool with a bounded queue. So a slow client only costs its
// own connection, and a resolver blocked on a device only costs one worker.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::service {

struct HttpHeader {
  std::string name;  // lower case
  std::string value;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // "/path?a=b"
  std::vector<HttpHeader> headers;
  std::string body;
  std::string remote;  // peer address, for logs
  // What the handler's route() read and wants handle() to reuse (so a
  // request sent on to a worker is not parsed twice). The handler's own type.
  mutable std::shared_ptr<const void> handlerState;

  [[nodiscard]] const std::string* header(std::string_view lowerName) const;
  [[nodiscard]] std::string_view path() const;   // target up to '?'
  [[nodiscard]] std::string_view query() const;  // after '?', or empty
};

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;  // Content-Length is added by the server
  std::string body;
  // Used instead of `body` when set (embedded assets: no copy per request).
  std::optional<std::string_view> staticBody;

  static HttpResponse text(int status, std::string body);
  static HttpResponse json(int status, std::string body, std::string contentType = "application/json");
  // A refusal: {"errors":[{"message":...}]} (kubos::graphql::errorsJson).
  static HttpResponse error(int status, std::string_view message, std::string contentType = "application/json");
  HttpResponse& header(std::string_view name, std::string value);
  [[nodiscard]] const std::string* findHeader(std::string_view lowerName) const;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // On the I/O thread, for answers that cannot block (static pages,
  // refusals, GraphQL requests selecting only non-blocking fields): return a
  // response, or nullopt to have handle() run on a worker.
  virtual std::optional<HttpResponse> route(const HttpRequest&) { return std::nullopt; }
  // On a worker thread; may block. Exceptions become a 500.
  virtual HttpResponse handle(const HttpRequest& request) = 0;
};

struct HttpLimits {
  std::size_t maxBodyBytes = 1 << 20;      // 413 past it
  std::size_t maxHeaderBytes = std::size_t{16} * 1024;  // 431 past it
  // From the first byte of a request (or from accept, for the first request
  // on a connection) until its header is complete.
  std::chrono::milliseconds headerTimeout{10'000};
  std::chrono::milliseconds bodyTimeout{30'000};   // header complete -> body complete
  std::chrono::milliseconds idleTimeout{60'000};   // keep-alive wait for the next request
  std::chrono::milliseconds writeTimeout{30'000};  // a client that does not read its reply
  std::chrono::milliseconds drainTimeout{5'000};   // shutdown: wait for requests in flight
  std::size_t maxConnections = 256;                // past it the oldest idle one is closed, or the new one
  unsigned workers = 4;                            // threads running handle()
  std::size_t queueLength = 256;                   // waiting requests; 503 past it (default: maxConnections)
};

class HttpServer {
 public:
  HttpServer(HttpHandler& handler, HttpLimits limits);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds every address `host` resolves to (IPv4/IPv6 literal or host name).
  // Throws std::runtime_error whose message names the address, e.g.
  //   "cannot listen on 127.0.0.1:8100: Address already in use"
  void listen(const std::string& host, std::uint16_t port);
  // "127.0.0.1:8100", "[::1]:8100", ... as bound.
  [[nodiscard]] std::vector<std::string> boundAddresses() const;
  [[nodiscard]] std::uint16_t boundPort() const;

  // Serves until stop() or, with handleSignals, SIGTERM/SIGINT; then stops
  // accepting, closes idle connections, lets requests in flight finish (up to
  // drainTimeout) and returns.
  void run(bool handleSignals = true);
  // Thread-safe; returns at once.
  void stop();

  struct Stats {
    std::uint64_t accepted = 0;
    std::uint64_t requests = 0;
    std::uint64_t rejectedBusy = 0;         // 503 for a full queue
    std::uint64_t rejectedConnections = 0;  // closed at maxConnections, every connection busy
    std::uint64_t evictedIdle = 0;          // idle connections closed to make room at maxConnections
    std::uint64_t toWorkers = 0;            // requests handle()d on a worker (the rest were answered inline)
  };
  [[nodiscard]] Stats stats() const;

  struct Impl;  // implementation detail (http_server.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kubos::service
