#include "http_request.h"

#include <algorithm>
#include <cstdint>

#include "text.h"

namespace kubos::service::detail {

namespace http = boost::beast::http;

void applyLimits(BeastRequestParser& parser, const HttpLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(limits.maxHeaderBytes, UINT32_MAX)));
  parser.body_limit(limits.maxBodyBytes);
}

int parseErrorStatus(const boost::beast::error_code& ec) {
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::header_limit) return 431;
  return 400;
}

HttpRequest toHttpRequest(BeastRequest& msg, std::string remote, bool* head) {
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  *head = req.method == "HEAD";
  if (*head) req.method = "GET";
  req.remote = std::move(remote);
  for (const auto& f : msg) {
    const boost::beast::string_view name = f.name_string();
    req.headers.push_back({asciiLower(std::string_view(name.data(), name.size())), std::string(f.value())});
  }
  req.body = std::move(msg.body());
  return req;
}

}  // namespace kubos::service::detail
