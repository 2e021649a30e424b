// libFuzzer target: raw bytes as HTTP/1.1 requests on one connection, read the
// way the kit's server reads them (Beast's request_parser with the kit's
// limits, then detail::toHttpRequest: lib/service/src/http_request.h) and
// answered by the kit's GraphQLHttpHandler (route, then handle): request line,
// headers, chunked and sized bodies, pipelined requests, GET query strings
// with %-escapes, Accept / Content-Type / Accept-Encoding / If-None-Match,
// GraphiQL's routes. Whatever the bytes: a parse error is a 400, 413 or 431;
// every JSON answer is valid JSON holding only "data"/"errors"; a status that
// cannot carry a body (1xx, 204, 304) has none; nothing crashes or hangs.
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "http_request.h"
#include "kit_fixture.h"

namespace {

namespace http = boost::beast::http;
using kubos::service::HttpResponse;

// The smallest limits config.toml allows for the header (max-header-bytes)
// and a small body limit, so that inputs of a few KiB reach both refusals.
const kubos::service::HttpLimits& limits() {
  static const kubos::service::HttpLimits l = [] {
    kubos::service::HttpLimits x;
    x.maxHeaderBytes = 1024;
    x.maxBodyBytes = 4096;
    return x;
  }();
  return l;
}

void checkAnswer(const HttpResponse& r) {
  if (r.status < 100 || r.status > 599) std::abort();
  const std::string_view body = r.staticBody ? *r.staticBody : std::string_view(r.body);
  if ((r.status < 200 || r.status == 204 || r.status == 304) && !body.empty()) std::abort();
  const std::string* type = r.findHeader("content-type");
  if (type == nullptr) {
    if (!body.empty()) std::abort();
    return;
  }
  if (type->rfind("application/json", 0) == 0 || type->rfind("application/graphql-response+json", 0) == 0)
    kubos::fuzz::checkResponse(r.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  kubos::fuzz::Fixture& fx = kubos::fuzz::fixture();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  // Keep-alive: the server reads request after request from one buffer.
  for (int n = 0; n < 8 && !rest.empty(); ++n) {
    kubos::service::detail::BeastRequestParser parser;
    kubos::service::detail::applyLimits(parser, limits());
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      // Beast answers need_more, or nothing at all for an empty buffer in a
      // sized body: either way, once every byte is in, the client closed.
      if (ec == http::error::need_more || (!ec && used == 0)) {
        ec = {};
        if (used > 0) continue;
        parser.put_eof(ec);  // the connection closed mid-request
        if (!ec && !parser.is_done()) return 0;
      }
      if (ec) break;
    }
    if (ec) {
      const int status = kubos::service::detail::parseErrorStatus(ec);
      if (status != 400 && status != 413 && status != 431) std::abort();
      return 0;  // refused, and the connection is closed
    }
    const bool keepAlive = parser.get().keep_alive();
    bool head = false;
    kubos::service::HttpRequest req = kubos::service::detail::toHttpRequest(parser.get(), "fuzz", &head);
    if (head && req.method != "GET") std::abort();
    std::optional<HttpResponse> answer = fx.handler->route(req);
    if (!answer) answer = fx.handler->handle(req);
    checkAnswer(*answer);
    if (!keepAlive) break;
  }
  return 0;
}
