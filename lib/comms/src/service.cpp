#include "comms/service.h"

#include <atomic>
#include <condition_variable>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "service/log.h"

namespace kubos::comms {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::ip::tcp;
using asio::ip::udp;

namespace {

// How long one read call may block, so that stop() is noticed promptly.
constexpr std::chrono::milliseconds kReadSlice{100};
// After a radio read error, before the next try (no busy loop).
constexpr std::chrono::milliseconds kReadErrorBackoff{100};
// An HTTP answer bigger than this is not read further.
constexpr std::size_t kMaxHttpBody = std::size_t{4} * 1024 * 1024;
constexpr std::size_t kDatagramBuffer = 65536;
constexpr unsigned kIoThreads = 2;

std::string endpointText(const asio::ip::address& a, std::uint16_t port) {
  return a.is_v6() ? "[" + a.to_string() + "]:" + std::to_string(port) : a.to_string() + ":" + std::to_string(port);
}

// True when `body` is a JSON object with an "errors" member: a GraphQL
// answer worth passing down as it is, whatever the HTTP status.
bool isGraphQLErrorsBody(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return !j.is_discarded() && j.is_object() && j.contains("errors");
}

std::string excerpt(const std::string& s, std::size_t max = 200) {
  std::string out = s.substr(0, max);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return s.size() > max ? out + "..." : out;
}

}  // namespace

std::string CommsService::errorsPayload(const std::string& message) {
  nlohmann::json j = {{"errors", nlohmann::json::array({{{"message", message}}})}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct CommsService::Impl {
  CommsControlBlock control;
  std::shared_ptr<CommsTelemetry> telemetry;
  std::shared_ptr<const PacketCodec> codec;
  asio::ip::address ip;

  std::atomic<bool> stopping{false};
  std::atomic<unsigned> inFlight{0};
  std::mutex stopMu;
  std::condition_variable stopCv;
  bool started = false;

  std::thread reader;
  std::vector<std::thread> ioThreads;
  // Declared last: destroyed first, taking pending handlers with it.
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  struct Endpoint {
    std::uint16_t port;
    std::size_t writer;
    udp::socket socket;
    udp::endpoint sender;
    std::vector<std::uint8_t> buffer;
  };
  std::vector<std::unique_ptr<Endpoint>> endpoints;

  Impl(CommsControlBlock c, std::shared_ptr<CommsTelemetry> t, std::shared_ptr<const PacketCodec> k)
      : control(std::move(c)), telemetry(std::move(t)), codec(std::move(k)) {
    ip = asio::ip::make_address(control.config.ip);
  }

  // ---- down: everything the radio sends goes through here ------------------
  void sendDown(std::size_t writer, const Packet& p) {
    Bytes bytes;
    try {
      bytes = codec->build(p);
    } catch (const std::exception& e) {
      telemetry->failedDown(std::string("cannot build downlink packet: ") + e.what());
      return;
    }
    try {
      control.write.at(writer)(bytes);
      telemetry->packetDown();
    } catch (const std::exception& e) {
      telemetry->failedDown("radio write of " + std::to_string(bytes.size()) + " bytes failed: " + e.what());
    }
  }

  void errorReply(std::uint64_t commandId, const std::string& message) {
    telemetry->failedDown(message);
    const std::string body = errorsPayload(message);
    sendDown(0, Packet{commandId, PayloadType::GraphQL, 0, Bytes(body.begin(), body.end())});
  }

  // ---- up ------------------------------------------------------------------
  void readLoop() {
    auto& read = *control.read;
    while (!stopping.load()) {
      std::optional<Bytes> data;
      try {
        data = read(kReadSlice);
      } catch (const std::exception& e) {
        telemetry->failedUp(std::string("radio read failed: ") + e.what());
        std::unique_lock lock(stopMu);
        stopCv.wait_for(lock, kReadErrorBackoff, [this] { return stopping.load(); });
        continue;
      }
      if (data) uplink(*data);
    }
  }

  void uplink(const Bytes& data) {
    ParseResult r = codec->parse(data);
    if (auto* err = std::get_if<ParseError>(&r)) {
      telemetry->failedUp(err->message);
      return;
    }
    Packet p = std::move(std::get<Packet>(r));
    telemetry->packetUp();
    if (p.type == PayloadType::Udp) {
      asio::post(ioc, [self = this, p = std::move(p)] { self->passthrough(p); });
      return;
    }
    // The handler limit is checked here, on the read thread, so that a burst
    // is counted in arrival order.
    unsigned n = inFlight.load();
    do {
      if (n >= control.config.maxNumHandlers) {
        const std::string msg = "all " + std::to_string(control.config.maxNumHandlers) +
                                " message handlers are busy; request to port " + std::to_string(p.destination) +
                                " dropped";
        asio::post(ioc, [self = this, id = p.commandId, msg] { self->errorReply(id, msg); });
        return;
      }
    } while (!inFlight.compare_exchange_weak(n, n + 1));
    startGraphQL(std::move(p));
  }

  void passthrough(const Packet& p) {
    const std::string target = endpointText(ip, p.destination);
    boost::system::error_code ec;
    udp::socket s(ioc);
    s.open(ip.is_v6() ? udp::v6() : udp::v4(), ec);
    if (!ec) s.send_to(asio::buffer(p.payload), udp::endpoint(ip, p.destination), 0, ec);
    if (ec) telemetry->failedDown("UDP passthrough of " + std::to_string(p.payload.size()) + " bytes to " + target +
                                  " failed: " + ec.message());
  }

  struct GraphQLRequest : std::enable_shared_from_this<GraphQLRequest> {
    Impl* owner;  // outlives every request: the io_context dies first
    Packet packet;
    std::string target;
    beast::tcp_stream stream;
    http::request<http::string_body> req;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    bool done = false;

    GraphQLRequest(Impl* o, Packet p)
        : owner(o), packet(std::move(p)), target(endpointText(owner->ip, packet.destination)),
          stream(owner->ioc) {
      parser.body_limit(kMaxHttpBody);
      req.method(http::verb::post);
      req.target("/");
      req.version(11);
      req.set(http::field::host, target);
      req.set(http::field::content_type, "application/json");
      req.set(http::field::connection, "close");
      req.body().assign(packet.payload.begin(), packet.payload.end());
      req.prepare_payload();
    }

    void run() {
      stream.expires_after(std::chrono::milliseconds(owner->control.config.timeoutMs));
      stream.async_connect(tcp::endpoint(owner->ip, packet.destination),
                           [self = shared_from_this()](beast::error_code ec) { self->onConnect(ec); });
    }
    void onConnect(beast::error_code ec) {
      if (ec) return fail(ec);
      http::async_write(stream, req, [self = shared_from_this()](beast::error_code e, std::size_t) {
        if (e) return self->fail(e);
        http::async_read(self->stream, self->buffer, self->parser,
                         [self](beast::error_code e2, std::size_t) { self->onRead(e2); });
      });
    }
    void onRead(beast::error_code ec) {
      if (ec) return fail(ec);
      const auto& res = parser.get();
      std::string body = res.body();
      const unsigned status = res.result_int();
      if ((status < 200 || status >= 300) && !isGraphQLErrorsBody(body)) {
        return finishWithError(target + " answered HTTP " + std::to_string(status) + " " + std::string(res.reason()) +
                               (body.empty() ? std::string() : ": " + excerpt(body)));
      }
      if (body.size() > owner->codec->maxPayload())
        return finishWithError("answer from " + target + " is " + std::to_string(body.size()) +
                               " bytes; a packet holds at most " + std::to_string(owner->codec->maxPayload()));
      finish();
      owner->sendDown(0, Packet{packet.commandId, PayloadType::GraphQL, 0, Bytes(body.begin(), body.end())});
    }
    void fail(beast::error_code ec) {
      // The stream's deadline is the only thing that cancels a request in
      // flight (stop() never runs the handlers), so a cancel is the timeout.
      if (ec == beast::error::timeout || ec == asio::error::operation_aborted)
        return finishWithError("no answer from " + target + " within " +
                               std::to_string(owner->control.config.timeoutMs) + " ms");
      if (ec == http::error::body_limit)
        return finishWithError("answer from " + target + " is larger than " + std::to_string(kMaxHttpBody) +
                               " bytes; a packet holds at most " + std::to_string(owner->codec->maxPayload()));
      // The service closing (or dying) after it accepted: say so, not only Beast's words.
      if (ec == http::error::end_of_stream)
        return finishWithError("request to " + target + " failed: the service closed the connection before answering (" +
                               ec.message() + ")");
      if (ec == http::error::partial_message)
        return finishWithError("request to " + target +
                               " failed: the service closed the connection in the middle of its answer (" + ec.message() +
                               ")");
      finishWithError("request to " + target + " failed: " + ec.message());
    }
    void finishWithError(const std::string& message) {
      finish();
      owner->errorReply(packet.commandId, message);
    }
    // Frees the handler slot once; the reply is written after, so a slot
    // never waits on the radio.
    void finish() {
      if (done) return;
      done = true;
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      owner->inFlight.fetch_sub(1);
    }
  };

  void startGraphQL(Packet p) {
    asio::post(ioc, [self = this, p = std::move(p)]() mutable {
      std::make_shared<GraphQLRequest>(self, std::move(p))->run();
    });
  }

  // ---- downlink endpoints ----------------------------------------------------
  void bindEndpoints() {
    if (!control.config.downlinkPorts) return;
    const auto& ports = *control.config.downlinkPorts;
    for (std::size_t i = 0; i < ports.size(); ++i) {
      auto ep = std::make_unique<Endpoint>(Endpoint{ports[i], i, udp::socket(ioc), {}, Bytes(kDatagramBuffer)});
      boost::system::error_code ec;
      ep->socket.open(ip.is_v6() ? udp::v6() : udp::v4(), ec);
      if (!ec) ep->socket.bind(udp::endpoint(ip, ports[i]), ec);
      if (ec)
        throw std::runtime_error("cannot bind downlink endpoint " + endpointText(ip, ports[i]) + ": " + ec.message() +
                                 " (downlink_ports)");
      endpoints.push_back(std::move(ep));
    }
  }

  void receiveDownlink(Endpoint& ep) {
    ep.socket.async_receive_from(
        asio::buffer(ep.buffer), ep.sender, [self = this, &ep](boost::system::error_code ec, std::size_t n) {
          if (ec == asio::error::operation_aborted || self->stopping.load()) return;
          if (ec) {
            self->telemetry->failedDown("downlink endpoint " + std::to_string(ep.port) + ": " + ec.message());
          } else if (n > self->codec->maxPayload()) {
            self->telemetry->failedDown("datagram of " + std::to_string(n) + " bytes on downlink port " +
                                        std::to_string(ep.port) + " does not fit one packet (at most " +
                                        std::to_string(self->codec->maxPayload()) + ")");
          } else {
            self->sendDown(ep.writer, Packet{0, PayloadType::Udp, 0, Bytes(ep.buffer.begin(), ep.buffer.begin() +
                                                                                    static_cast<std::ptrdiff_t>(n))});
          }
          self->receiveDownlink(ep);
        });
  }
};

CommsService::CommsService(CommsControlBlock control, std::shared_ptr<CommsTelemetry> telemetry,
                           std::shared_ptr<const PacketCodec> codec)
    : impl_(std::make_unique<Impl>(std::move(control), telemetry ? std::move(telemetry) : std::make_shared<CommsTelemetry>(),
                                   codec ? std::move(codec) : std::make_shared<SpacePacketCodec>())) {}

CommsService::~CommsService() { stop(); }

void CommsService::start() {
  Impl& m = *impl_;
  if (m.started) return;
  m.bindEndpoints();
  m.started = true;
  m.work.emplace(m.ioc.get_executor());
  for (auto& ep : m.endpoints) m.receiveDownlink(*ep);
  for (unsigned i = 0; i < kIoThreads; ++i) m.ioThreads.emplace_back([&m] { m.ioc.run(); });
  if (m.control.read) m.reader = std::thread([&m] { m.readLoop(); });
  kubos::service::log::info("comms: started (", m.endpoints.size(), " downlink endpoint(s), ",
                            m.control.read ? "reading" : "transmit only", ")");
}

void CommsService::stop() {
  Impl& m = *impl_;
  if (!m.started || m.stopping.exchange(true)) return;
  m.stopCv.notify_all();
  if (m.reader.joinable()) m.reader.join();
  m.work.reset();
  m.ioc.stop();
  for (auto& t : m.ioThreads)
    if (t.joinable()) t.join();
  m.ioThreads.clear();
  for (auto& ep : m.endpoints) {
    boost::system::error_code ignored;
    ep->socket.close(ignored);
  }
  kubos::service::log::info("comms: stopped");
}

}  // namespace kubos::comms
