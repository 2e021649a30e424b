#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <list>
#include <mutex>
#include <stdexcept>

#include "graphql/engine.h"
#include "http_request.h"
#include "service/http.h"
#include "service/log.h"
#include "text.h"
#include "worker_pool.h"

namespace kubos::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// ---- request / response helpers -------------------------------------------

const std::string* HttpRequest::header(std::string_view lowerName) const {
  for (const auto& h : headers)
    if (h.name == lowerName) return &h.value;
  return nullptr;
}

std::string_view HttpRequest::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::query() const {
  std::string_view t = target;
  const auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

HttpResponse HttpResponse::text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.push_back({"content-type", "text/plain; charset=utf-8"});
  return r;
}

HttpResponse HttpResponse::json(int status, std::string body, std::string contentType) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.push_back({"content-type", std::move(contentType)});
  return r;
}

HttpResponse HttpResponse::error(int status, std::string_view message, std::string contentType) {
  return json(status, kubos::graphql::errorsJson(message), std::move(contentType));
}

HttpResponse& HttpResponse::header(std::string_view name, std::string value) {
  headers.push_back({detail::asciiLower(name), std::move(value)});
  return *this;
}

const std::string* HttpResponse::findHeader(std::string_view lowerName) const {
  for (const auto& h : headers)
    if (h.name == lowerName) return &h.value;
  return nullptr;
}

namespace {

std::string endpointText(const tcp::endpoint& e) {
  const auto a = e.address();
  if (a.is_v6()) return "[" + a.to_string() + "]:" + std::to_string(e.port());
  return a.to_string() + ":" + std::to_string(e.port());
}

class Session;

}  // namespace

// ---- server state -------------------------------------------------------------

struct HttpServer::Impl {
  Impl(HttpHandler& h, HttpLimits l)
      : handler(h), limits(l), pool(l.workers, l.queueLength), signals(io), drainTimer(io), trimTimer(io) {
    // Each thread that mallocs gets a glibc arena of its own, which keeps
    // what it freed; two are enough for one I/O thread and a few workers
    // (lib/service/README.md, "Memory"). MALLOC_ARENA_MAX still overrides.
    if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  }
  ~Impl() { destroying = true; }

  // Declared before `io`, so still alive while io's destructor frees the
  // sessions held by pending handlers.
  HttpHandler& handler;
  HttpLimits limits;
  std::size_t active = 0;   // I/O thread only
  bool stopping = false;    // I/O thread only
  bool destroying = false;
  std::atomic<std::uint64_t> accepted{0}, requests{0}, rejectedBusy{0}, rejectedConnections{0}, evicted{0},
      toWorkers{0};

  asio::io_context io;
  detail::WorkerPool pool;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::vector<std::string> bound;
  asio::signal_set signals;
  asio::steady_timer drainTimer;
  std::list<std::weak_ptr<Session>> sessions;  // I/O thread only
  // Giving memory back (lib/service/README.md, "Memory"): malloc keeps what
  // a burst of connections freed unless asked to return it.
  asio::steady_timer trimTimer;
  bool trimPending = false;
  std::size_t peakSinceTrim = 0;
  bool largeSinceTrim = false;  // a request of kLargeRequestBytes or more came
  std::chrono::steady_clock::time_point lastTrim{};
  // Lingering closes read into this and throw it away (I/O thread only).
  std::unique_ptr<char[]> discard;

  void accept(tcp::acceptor& acceptor);
  bool evictIdleSession();
  void beginStop();
  void sessionEnded();
  void maybeTrim();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), bodyTimer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? std::string("?") : endpointText(peer);
  }
  ~Session() { server_.sessionEnded(); }

  void start() { readHeader(); }

  // No request in progress: nothing received yet on this connection, or
  // keep-alive between two requests.
  bool idle() const { return awaitingFirstByte_; }
  std::chrono::steady_clock::time_point idleSince() const { return idleSince_; }
  void evict() {
    beast::error_code ec;
    stream_.socket().cancel(ec);
    stream_.socket().close(ec);
  }

  // Shutdown: an idle connection is closed now, a busy one after its reply.
  void closeIfIdle() {
    closeAfterReply_ = true;
    if (!busy_) {
      beast::error_code ec;
      stream_.socket().cancel(ec);
      stream_.socket().close(ec);
    }
  }

 private:
  void readHeader() {
    busy_ = false;
    if (closeAfterReply_) return close();
    method_.clear();
    target_.clear();
    head_ = false;
    parser_.emplace();
    detail::applyLimits(*parser_, server_.limits);
    if (buffer_.size() == 0 && !awaitingHeader_) {
      // A large request grew the buffer: give it back before the wait.
      if (buffer_.capacity() > kIdleBufferBytes) buffer_.shrink_to_fit();
      // Wait for the first byte of a request: on a new connection within the
      // header timeout, on a keep-alive one within the idle timeout. Until it
      // comes the connection is idle, and may be closed to make room for a new
      // client when the connection cap is reached.
      stream_.expires_after(first_ ? server_.limits.headerTimeout : server_.limits.idleTimeout);
      awaitingFirstByte_ = true;
      idleSince_ = std::chrono::steady_clock::now();
      stream_.async_read_some(buffer_.prepare(kIdleBufferBytes),
                              [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->awaitingFirstByte_ = false;
                                if (ec) return self->close();
                                self->buffer_.commit(n);
                                self->awaitingHeader_ = true;
                                self->readHeader();
                              });
      return;
    }
    // The header deadline runs from the first byte (for the first request:
    // from accept, so the byte wait did not extend it).
    if (!first_ || !awaitingHeader_) stream_.expires_after(server_.limits.headerTimeout);
    first_ = false;
    awaitingHeader_ = false;
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
  }

  void onHeader(beast::error_code ec) {
    if (ec) return failRead(ec, "header");
    busy_ = true;
    auto& req = parser_->get();
    method_ = std::string(req.method_string());
    target_ = std::string(req.target());
    if (auto len = parser_->content_length(); len && *len > server_.limits.maxBodyBytes)
      return refuse(413, "Request body of " + std::to_string(*len) + " bytes exceeds the limit of " +
                             std::to_string(server_.limits.maxBodyBytes) + " bytes");
    // curl and others wait for "100 Continue" before sending a larger body.
    auto expect = req[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
      stream_.expires_after(server_.limits.writeTimeout);
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
        if (wec) return self->close();
        self->readBody();
      });
      return;
    }
    readBody();
  }

  // The body has its own timer rather than the stream's expiry: an expired
  // stream is closed, and a client whose body is too slow gets 408 first.
  void readBody() {
    stream_.expires_never();
    readingBody_ = true;
    bodyTimedOut_ = false;
    bodyTimer_.expires_after(server_.limits.bodyTimeout);
    bodyTimer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      auto self = weak.lock();
      if (ec || !self || !self->readingBody_) return;
      self->bodyTimedOut_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->readingBody_ = false;
      self->bodyTimer_.cancel();
      self->onBody(ec);
    });
  }

  void failRead(const beast::error_code& ec, const char* phase) {
    if (bodyTimedOut_ && ec == asio::error::operation_aborted)
      return refuse(408, "Request body not complete within body-timeout-ms (" +
                             std::to_string(server_.limits.bodyTimeout.count()) + " ms)");
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == asio::error::eof ||
        ec == asio::error::connection_reset)
      return close();
    if (ec == beast::error::timeout) {
      log::debug("http: ", remote_, ": ", phase, " timeout, closing");
      return close();
    }
    const int status = detail::parseErrorStatus(ec);
    if (status == 413)
      return refuse(413, "Request body exceeds the limit of " + std::to_string(server_.limits.maxBodyBytes) + " bytes");
    if (status == 431)
      return refuse(431, "Request header exceeds the limit of " + std::to_string(server_.limits.maxHeaderBytes) +
                             " bytes");
    refuse(400, "Malformed HTTP request: " + ec.message());
  }

  void onBody(beast::error_code ec) {
    if (ec) return failRead(ec, "body");
    stream_.expires_never();  // the handler may take a while; nothing is read meanwhile
    server_.requests.fetch_add(1, std::memory_order_relaxed);
    auto& msg = parser_->get();
    keepAlive_ = msg.keep_alive();
    version_ = msg.version();
    method_ = std::string(msg.method_string());
    // HEAD is answered as GET, with GET's header and no body.
    auto req = std::make_shared<HttpRequest>(detail::toHttpRequest(msg, remote_, &head_));
    target_ = req->target;
    parser_.reset();
    // A large request (a 1 MB commandRaw, 10,000 aliases) leaves its parse
    // and execution memory in the heap: trim after it too, not only after a
    // burst of connections (tests/hostile, HOST-7 and HOST-9).
    if (req->body.size() >= kLargeRequestBytes) {
      server_.largeSinceTrim = true;
      server_.maybeTrim();
    }

    std::optional<HttpResponse> quick;
    try {
      quick = server_.handler.route(*req);
    } catch (const std::exception& e) {
      log::error("http: ", req->method, " ", req->target, ": ", e.what());
      quick = HttpResponse::text(500, "Internal server error\n");
    }
    if (quick) return write(std::move(*quick));

    auto self = shared_from_this();
    server_.toWorkers.fetch_add(1, std::memory_order_relaxed);
    const bool queued = server_.pool.trySubmit([self, req] {
      HttpResponse res;
      try {
        res = self->server_.handler.handle(*req);
      } catch (const std::exception& e) {
        log::error("http: ", req->method, " ", req->target, ": ", e.what());
        res = HttpResponse::error(500, "Internal server error");
      }
      asio::post(self->server_.io, [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
    });
    if (!queued) {
      server_.rejectedBusy.fetch_add(1, std::memory_order_relaxed);
      log::warn("http: ", remote_, ": request queue full (", server_.limits.queueLength, "), answering 503");
      HttpResponse busy = HttpResponse::error(503, "Service busy: too many requests waiting, try again");
      busy.header("retry-after", "1");
      write(std::move(busy));
    }
  }

  // Answers an unreadable request and closes: the rest of its bytes cannot be trusted.
  void refuse(int status, const std::string& message) {
    busy_ = true;
    keepAlive_ = false;
    linger_ = true;
    log::warn("http: ", remote_, ": ", status, " ", message);
    write(HttpResponse::error(status, message));
  }

  void write(HttpResponse r) {
    response_ = std::move(r);
    const bool keep = keepAlive_ && !closeAfterReply_ && !server_.stopping;
    res_.emplace(static_cast<http::status>(response_.status), version_ == 10 ? 10 : 11);
    for (const auto& h : response_.headers) {
      // Known fields go out in their usual spelling (Content-Type, Allow...).
      const http::field f = http::string_to_field(h.name);
      if (f != http::field::unknown)
        res_->set(f, h.value);
      else
        res_->set(h.name, h.value);
    }
    const std::string_view body = response_.staticBody ? *response_.staticBody : std::string_view(response_.body);
    res_->keep_alive(keep);
    // Content-Length, always (the comms forwarder needs it); HEAD gets GET's.
    if (response_.status == 304) {
      res_->content_length(boost::none);  // no body, and no Content-Length (RFC 9110, 15.4.5)
    } else if (head_) {
      res_->content_length(body.size());
    } else {
      res_->body() = beast::span<const char>(body.data(), body.size());
      res_->prepare_payload();
    }
    stream_.expires_after(server_.limits.writeTimeout);
    log::debug("http: ", remote_, " ", method_, " ", target_, " -> ", response_.status);
    http::async_write(stream_, *res_, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
      self->res_.reset();
      self->response_ = HttpResponse{};  // its body is sent: free it now, not at the next request
      if (ec) return self->close();
      if (!keep) return self->linger_ ? self->lingerClose() : self->close();
      self->readHeader();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  // After refusing a request whose body was not read (413...): closing with
  // unread bytes makes the kernel send a reset, which can destroy the answer
  // before the client reads it. So: send FIN, discard what still arrives for
  // a short while, then close.
  void lingerClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    if (drained_ > kMaxDrainBytes) return close();
    if (!server_.discard) server_.discard = std::make_unique<char[]>(kDiscardBytes);
    stream_.async_read_some(asio::buffer(server_.discard.get(), kDiscardBytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->drained_ += n;
      self->drain();
    });
  }

  static constexpr std::size_t kMaxDrainBytes = 8u << 20;
  static constexpr std::size_t kDiscardBytes = 16384;
  // What an idle connection's read buffer holds at most while it waits.
  static constexpr std::size_t kIdleBufferBytes = 4096;
  static constexpr std::size_t kLargeRequestBytes = std::size_t{64} * 1024;  // trimmed after (maybeTrim)
  std::size_t drained_ = 0;
  bool linger_ = false;
  std::string method_, target_;  // of the current request, for the debug log

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::span_body<const char>>> res_;
  HttpResponse response_;  // owns the body res_ points into
  std::string remote_;
  unsigned version_ = 11;
  asio::steady_timer bodyTimer_;
  bool readingBody_ = false;
  bool bodyTimedOut_ = false;
  bool head_ = false;  // the current request is a HEAD
  bool first_ = true;               // no request read yet on this connection
  bool awaitingFirstByte_ = false;  // idle: waiting for a request's first byte
  std::chrono::steady_clock::time_point idleSince_{};  // when it last became idle
  bool awaitingHeader_ = false;     // that byte came: read the header now
  bool busy_ = false;
  bool keepAlive_ = true;
  bool closeAfterReply_ = false;
};

}  // namespace

void HttpServer::Impl::accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([this, &acceptor](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (!ec) {
      accepted.fetch_add(1, std::memory_order_relaxed);
      if (active >= limits.maxConnections && !evictIdleSession()) {
        rejectedConnections.fetch_add(1, std::memory_order_relaxed);
        log::warn("http: connection limit (", limits.maxConnections, ") reached with every connection busy, closing a new connection");
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        ++active;
        peakSinceTrim = std::max(peakSinceTrim, active);
        auto s = std::make_shared<Session>(*this, std::move(socket));
        sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
        sessions.push_back(s);
        s->start();
      }
    } else {
      log::warn("http: accept failed: ", ec.message());
    }
    accept(acceptor);
  });
}

// At the connection cap: close the connection that has been idle longest (as
// nginx reuses its idle keep-alive connections), so that clients holding
// sockets without requests cannot keep a new client out, while a client that
// polls keeps its connection. False if every connection is busy.
bool HttpServer::Impl::evictIdleSession() {
  std::shared_ptr<Session> victim;
  for (auto& w : sessions) {
    auto s = w.lock();
    if (s && s->idle() && (!victim || s->idleSince() < victim->idleSince())) victim = std::move(s);
  }
  if (!victim) return false;
  victim->evict();
  evicted.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void HttpServer::Impl::beginStop() {
  if (stopping) return;
  stopping = true;
  beast::error_code ec;
  for (auto& a : acceptors) a->close(ec);
  signals.cancel(ec);
  for (auto& w : sessions)
    if (auto s = w.lock()) s->closeIfIdle();
  if (active == 0) {
    io.stop();
    return;
  }
  drainTimer.expires_after(limits.drainTimeout);
  drainTimer.async_wait([this](beast::error_code e) {
    if (e) return;
    if (active > 0) log::warn("http: ", active, " connection(s) still busy after the drain timeout, stopping");
    io.stop();
  });
}

void HttpServer::Impl::sessionEnded() {
  if (destroying) return;
  if (active > 0) --active;
  if (stopping && active == 0) {
    io.stop();
    return;
  }
  maybeTrim();
}

// glibc keeps the memory a burst of connections or a large request freed
// (fragments below the top of the heap, the arenas of the worker threads)
// until malloc_trim. So when the connections are gone (none left, or at most
// half of the peak since the last trim), or after a large request, trim: at
// most once a second, after the burst.
void HttpServer::Impl::maybeTrim() {
  constexpr auto kTrimInterval = std::chrono::seconds(1);
  constexpr auto kTrimDelay = std::chrono::milliseconds(50);
  constexpr std::size_t kBurst = 8;  // fewer connections than this are not a burst
  if (trimPending) return;
  const bool burstOver =
      peakSinceTrim != 0 && (active == 0 || (peakSinceTrim >= kBurst && active <= peakSinceTrim / 2));
  if (!burstOver && !largeSinceTrim) return;
  trimPending = true;
  const auto now = std::chrono::steady_clock::now();
  const auto earliest = lastTrim + kTrimInterval;
  trimTimer.expires_after(std::max<std::chrono::steady_clock::duration>(kTrimDelay, earliest - now));
  trimTimer.async_wait([this](beast::error_code ec) {
    trimPending = false;
    if (ec || stopping) return;
    malloc_trim(0);
    largeSinceTrim = false;
    lastTrim = std::chrono::steady_clock::now();
    peakSinceTrim = active;
  });
}

// ---- HttpServer ---------------------------------------------------------------

HttpServer::HttpServer(HttpHandler& handler, HttpLimits limits) : impl_(std::make_unique<Impl>(handler, limits)) {}

HttpServer::~HttpServer() {
  impl_->pool.shutdown();
}

void HttpServer::listen(const std::string& host, std::uint16_t port) {
  const std::string shown =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  tcp::resolver resolver(impl_->io);
  beast::error_code ec;
  auto results = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::numeric_service | tcp::resolver::address_configured, ec);
  if (ec) throw std::runtime_error("cannot listen on " + shown + ": cannot resolve \"" + host + "\": " + ec.message());
  std::vector<tcp::endpoint> endpoints;
  for (const auto& r : results)
    if (std::find(endpoints.begin(), endpoints.end(), r.endpoint()) == endpoints.end())
      endpoints.push_back(r.endpoint());
  if (endpoints.empty()) throw std::runtime_error("cannot listen on " + shown + ": no address");

  std::string lastError;
  std::size_t boundNow = 0;
  for (const auto& ep : endpoints) {
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
    const std::string where = endpointText(ep);
    auto fail = [&](const char* what) {
      lastError = "cannot listen on " + where + ": " + what + ": " + ec.message();
      // Port in use is fatal even when another address of the name is free.
      if (ec == asio::error::address_in_use) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
    };
    acceptor->open(ep.protocol(), ec);
    if (ec) { fail("open"); continue; }
    acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (ep.address().is_v6() && endpoints.size() > 1) acceptor->set_option(asio::ip::v6_only(true), ec);
    acceptor->bind(ep, ec);
    if (ec) { fail("bind"); continue; }
    acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) { fail("listen"); continue; }
    impl_->bound.push_back(endpointText(acceptor->local_endpoint()));
    impl_->acceptors.push_back(std::move(acceptor));
    ++boundNow;
  }
  if (boundNow == 0) throw std::runtime_error(lastError);
  if (!lastError.empty()) log::warn("http: ", lastError, " (serving on the other addresses)");
}

std::vector<std::string> HttpServer::boundAddresses() const { return impl_->bound; }

std::uint16_t HttpServer::boundPort() const {
  return impl_->acceptors.empty() ? 0 : impl_->acceptors.front()->local_endpoint().port();
}

void HttpServer::run(bool handleSignals) {
  Impl& s = *impl_;
  if (handleSignals) {
    beast::error_code ec;
    s.signals.add(SIGTERM, ec);
    s.signals.add(SIGINT, ec);
    s.signals.async_wait([&s](beast::error_code e, int signo) {
      if (e) return;
      log::info("received ", signo == SIGTERM ? "SIGTERM" : "SIGINT", ", shutting down");
      s.beginStop();
    });
  }
  for (auto& a : s.acceptors) s.accept(*a);
  // A handler that throws (out of memory, a bug) costs its connection, not the
  // service: log it and keep the loop running.
  for (;;) {
    try {
      s.io.run();
      break;
    } catch (const std::exception& e) {
      log::error("http: unexpected error in the event loop: ", e.what());
    }
  }
  // Requests still queued or running finish here; their replies have nowhere
  // to go once the loop stopped, which is what a drain timeout means.
  s.pool.shutdown();
}

void HttpServer::stop() {
  asio::post(impl_->io, [this] { impl_->beginStop(); });
}

HttpServer::Stats HttpServer::stats() const {
  Stats st;
  st.accepted = impl_->accepted.load();
  st.requests = impl_->requests.load();
  st.rejectedBusy = impl_->rejectedBusy.load();
  st.rejectedConnections = impl_->rejectedConnections.load();
  st.evictedIdle = impl_->evicted.load();
  st.toWorkers = impl_->toWorkers.load();
  return st;
}

}  // namespace kubos::service
