// The seam between Beast's parser and the kit's handlers: the parser with the
// kit's limits, and how a parsed message becomes an HttpRequest. The server
// (http_server.cpp) uses it on sockets; the http fuzzer (fuzz/http_fuzzer.cpp)
// uses the same functions on a buffer, so both read requests the same way.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "service/http.h"

namespace kubos::service::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Beast's header and body limits set from the kit's (431 and 413 past them).
void applyLimits(BeastRequestParser& parser, const HttpLimits& limits);

// The status a parse error gets: 413 (body limit), 431 (header limit), else 400.
int parseErrorStatus(const boost::beast::error_code& ec);

// The parsed message as handlers see it: header names in lower case, the
// body moved out of `msg`. HEAD is answered as GET: the method becomes "GET"
// and *head is set, so the server sends GET's header without the body.
HttpRequest toHttpRequest(BeastRequest& msg, std::string remote, bool* head);

}  // namespace kubos::service::detail
