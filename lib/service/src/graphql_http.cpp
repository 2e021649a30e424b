#include "service/graphql_http.h"

#include <algorithm>
#include <cstdlib>

#include "graphql/execution.h"
#include "service/blocking.h"
#include "service/log.h"
#include "text.h"

namespace kubos::service {

// ---- helpers ------------------------------------------------------------------

std::string_view mediaTypeName(MediaType m) {
  return m == MediaType::GraphQLResponseJson ? "application/graphql-response+json" : "application/json";
}

namespace {

using detail::asciiLower;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "a/b; p=1; q=0.5" into the lower-cased media type and its q value.
std::pair<std::string, double> mediaRange(std::string_view item) {
  double q = 1.0;
  const auto semi = item.find(';');
  std::string type = asciiLower(trim(item.substr(0, semi)));
  std::string_view params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    std::string_view p = trim(params.substr(0, next));
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string num(p.substr(2));
      char* end = nullptr;
      const double v = std::strtod(num.c_str(), &end);
      if (end != num.c_str()) q = std::clamp(v, 0.0, 1.0);
    }
    if (next == std::string_view::npos) break;
    params.remove_prefix(next + 1);
  }
  return {type, q};
}

bool urlDecode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = detail::hexDigitValue(in[i + 1]), lo = detail::hexDigitValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi << 4 | lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

std::string describe(const kubos::graphql::GraphQLError& e) {
  std::string s = e.message;
  if (!e.locations.empty())
    s += " (at " + std::to_string(e.locations[0].line) + ":" + std::to_string(e.locations[0].column) + ")";
  if (e.hasPath) {
    s += " path ";
    bool first = true;
    for (const auto& seg : e.path) {
      if (!first) s += '.';
      first = false;
      if (const auto* name = std::get_if<std::string>(&seg))
        s += *name;
      else
        s += std::to_string(std::get<std::int64_t>(seg));
    }
  }
  return s;
}

// True when the Accept header lists text/html (or application/xhtml+xml)
// with a q above 0: a browser's page load.
bool acceptsHtml(const std::string* accept) {
  if (accept == nullptr) return false;
  std::string_view rest = *accept;
  while (true) {
    const auto comma = rest.find(',');
    const auto [type, q] = mediaRange(rest.substr(0, comma));
    if ((type == "text/html" || type == "application/xhtml+xml") && q > 0.0) return true;
    if (comma == std::string_view::npos) return false;
    rest.remove_prefix(comma + 1);
  }
}

}  // namespace

MediaType negotiateMediaType(const std::string* accept) {
  if (accept == nullptr || trim(*accept).empty()) return MediaType::Json;
  std::string_view rest = *accept;
  double bestQ = 0.0;
  MediaType best = MediaType::Json;
  bool found = false;
  while (true) {
    const auto comma = rest.find(',');
    const auto [type, q] = mediaRange(rest.substr(0, comma));
    std::optional<MediaType> m;
    if (type == "application/graphql-response+json") m = MediaType::GraphQLResponseJson;
    else if (type == "application/json" || type == "application/*" || type == "*/*") m = MediaType::Json;
    // Strictly greater: on a tie the client's first choice wins.
    if (m && q > 0.0 && (!found || q > bestQ)) {
      best = *m;
      bestQ = q;
      found = true;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return best;
}

std::optional<QueryParams> parseQueryString(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    if (!part.empty()) {
      const auto eq = part.find('=');
      std::string key, value;
      if (!urlDecode(part.substr(0, eq), key)) return std::nullopt;
      if (eq != std::string_view::npos && !urlDecode(part.substr(eq + 1), value)) return std::nullopt;
      out.emplace_back(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::optional<ParsedRequests> parseRequests(std::string_view body, std::size_t maxBatch, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<ParsedRequests> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  if (trim(body).empty()) return fail("Missing body");
  kubos::graphql::JsonParseError jerr;
  auto parsed = kubos::graphql::parseJson(body, &jerr);
  if (!parsed) return fail("Unparsable JSON body: " + jerr.message);
  ParsedRequests out;
  std::string err;
  if (!parsed->isList()) {
    auto r = kubos::graphql::requestFromValue(*parsed, &err);
    if (!r) return fail(err);
    out.requests.push_back(std::move(*r));
    return out;
  }
  out.batch = true;
  const auto& items = parsed->asList();
  if (items.empty()) return fail("Empty batch: send at least one request");
  if (items.size() > maxBatch)
    return fail("Batch of " + std::to_string(items.size()) + " requests exceeds the limit of " +
                std::to_string(maxBatch) + " (max-batch)");
  out.requests.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto r = kubos::graphql::requestFromValue(items[i], &err);
    if (!r) return fail("Batch item " + std::to_string(i) + ": " + err);
    out.requests.push_back(std::move(*r));
  }
  return out;
}

// ---- handler --------------------------------------------------------------------

struct GraphQLHttpHandler::Outcome {
  kubos::graphql::ExecutionResult result;
  bool refusedGetMutation = false;
};

GraphQLHttpHandler::GraphQLHttpHandler(kubos::graphql::Engine& engine, GraphQLHttpOptions options)
    : engine_(engine), options_(std::move(options)) {}

HttpResponse GraphQLHttpHandler::requestError(int status, MediaType media, const std::string& message) const {
  if (options_.logErrors) log::warn("GraphQL request refused (", status, "): ", message);
  return HttpResponse::error(status, message, std::string(mediaTypeName(media)));
}

std::optional<HttpResponse> GraphQLHttpHandler::route(const HttpRequest& req) {
  const std::string_view path = req.path();
  const MediaType media = negotiateMediaType(req.header("accept"));
  // KubOS routes on the first path segment: /graphiql, /graphiql/anything.
  if (path == "/graphiql" || path.rfind("/graphiql/", 0) == 0) {
    if (req.method != "GET") {
      auto r = requestError(405, media, "GraphiQL only answers GET; send GraphQL requests to another path");
      r.header("allow", "GET");
      return r;
    }
    if (auto r = serveGraphiql(req, options_.title)) return r;
    return HttpResponse::text(404, "Not found\n");
  }
  if (req.method == "GET") {
    // Browsers ask for it on every GraphiQL load: not worth a warning.
    if (path == "/favicon.ico") return HttpResponse::text(404, "Not found\n");
    // A person opening the service's URL in a browser wants GraphiQL, not a
    // 400 "Missing query". Clients that do not ask for HTML get the 400.
    if (acceptsHtml(req.header("accept"))) {
      const auto params = parseQueryString(req.query());
      const bool haveQuery =
          params && std::any_of(params->begin(), params->end(), [](const auto& p) { return p.first == "query"; });
      if (!haveQuery) {
        HttpResponse r = HttpResponse::text(302, "See /graphiql\n");
        r.header("location", "/graphiql");
        return r;
      }
    }
  }
  if (req.method != "GET" && req.method != "POST") {
    auto r = requestError(405, media, "GraphQL only accepts GET and POST requests, not " + req.method);
    r.header("allow", "GET, POST");
    return r;
  }
  if (req.method == "POST") {
    // No Content-Type: JSON (the comms forwarder sends none). Parameters such
    // as charset=utf-8 are fine; another charset or media type is not.
    if (const std::string* ct = req.header("content-type")) {
      const std::string value = asciiLower(*ct);
      const auto semi = value.find(';');
      const std::string type(trim(std::string_view(value).substr(0, semi)));
      bool ok = type == "application/json" || type == "application/graphql-response+json";
      if (ok && semi != std::string::npos) {
        const auto cs = value.find("charset=", semi);
        if (cs != std::string::npos) {
          std::string_view charset = trim(std::string_view(value).substr(cs + 8));
          charset = charset.substr(0, charset.find(';'));
          if (!charset.empty() && charset.front() == '"') charset = charset.substr(1, charset.size() - 2);
          ok = charset == "utf-8" || charset == "utf8";
        }
      }
      if (!ok)
        return requestError(415, media, "Unsupported Content-Type \"" + *ct + "\": send application/json (UTF-8)");
    }
  }
  return tryInline(req);
}

struct GraphQLHttpHandler::Parsed {
  std::vector<kubos::graphql::Request> requests;
  bool batch = false;
  bool viaGet = false;
  MediaType media = MediaType::Json;
};

GraphQLHttpHandler::Outcome GraphQLHttpHandler::runOne(const kubos::graphql::Request& request, bool viaGet,
                                                       const kubos::graphql::PreparedDocument* prepared) {
  Outcome out;
  std::shared_ptr<const kubos::graphql::PreparedDocument> own;
  if (prepared == nullptr) {
    // Parsed and validated through the engine's cache.
    own = engine_.prepare(request.query);
    prepared = own.get();
  }
  // GET is for reads: refuse a mutation before running anything.
  if (viaGet && kubos::graphql::operationTypeOf(*prepared, request.operationName) ==
                    kubos::graphql::ast::OperationType::Mutation) {
    out.refusedGetMutation = true;
    return out;
  }
  out.result = engine_.execute(*prepared, request, options_.rootValue);
  if (options_.logErrors) {
    for (const auto& e : out.result.errors) {
      if (out.result.data)
        log::error("GraphQL field error: ", describe(e));
      else
        log::warn("GraphQL request error: ", describe(e));
    }
  }
  return out;
}

std::variant<GraphQLHttpHandler::Parsed, HttpResponse> GraphQLHttpHandler::read(const HttpRequest& req) const {
  Parsed out;
  out.media = negotiateMediaType(req.header("accept"));
  out.viaGet = req.method == "GET";
  const MediaType media = out.media;

  if (out.viaGet) {
    const auto params = parseQueryString(req.query());
    if (!params) return requestError(400, media, "Invalid query string");
    kubos::graphql::Value object = kubos::graphql::Value::object();
    bool haveQuery = false;
    for (const auto& [key, value] : *params) {
      if (key == "query") {
        object.set("query", kubos::graphql::Value(value));
        haveQuery = true;
      } else if (key == "operationName" || key == "operation_name") {  // KubOS's juniper used snake_case
        object.set("operationName", kubos::graphql::Value(value));
      } else if (key == "variables" || key == "extensions") {
        if (value.empty()) continue;
        kubos::graphql::JsonParseError jerr;
        auto parsed = kubos::graphql::parseJson(value, &jerr);
        if (!parsed) return requestError(400, media, "Unparsable JSON in the \"" + key + "\" parameter: " + jerr.message);
        object.set(key, std::move(*parsed));
      }
    }
    if (!haveQuery) return requestError(400, media, "Missing query");
    std::string err;
    auto r = kubos::graphql::requestFromValue(object, &err);
    if (!r) return requestError(400, media, err);
    out.requests.push_back(std::move(*r));
  } else {
    std::string err;
    auto parsed = parseRequests(req.body, options_.maxBatch, &err);
    if (!parsed) return requestError(400, media, err);
    out.requests = std::move(parsed->requests);
    out.batch = parsed->batch;
  }
  return out;
}

HttpResponse GraphQLHttpHandler::answer(
    const Parsed& parsed, const std::vector<std::shared_ptr<const kubos::graphql::PreparedDocument>>* prepared) {
  const MediaType media = parsed.media;
  std::string body;
  bool allExecuted = true;
  if (parsed.batch) body += '[';
  for (std::size_t i = 0; i < parsed.requests.size(); ++i) {
    Outcome o = runOne(parsed.requests[i], parsed.viaGet, prepared ? (*prepared)[i].get() : nullptr);
    if (o.refusedGetMutation) {
      auto r = requestError(405, media, "Can only perform a mutation operation from a POST request.");
      r.header("allow", "POST");
      return r;
    }
    if (!o.result.data) allExecuted = false;
    if (i > 0) body += ',';
    kubos::graphql::appendResultJson(body, o.result);
  }
  if (parsed.batch) body += ']';
  // application/json: 200 once the request reached GraphQL. The newer media
  // type says "failed before execution" with a 400.
  const int status = (media == MediaType::GraphQLResponseJson && !allExecuted) ? 400 : 200;
  return HttpResponse::json(status, std::move(body), std::string(mediaTypeName(media)));
}

bool GraphQLHttpHandler::mayBlock(const kubos::graphql::PreparedDocument& doc,
                                  const kubos::graphql::Request& request) const {
  if (!doc.ok() || !doc.document) return false;  // answered with its errors, nothing runs
  const kubos::graphql::ast::OperationDefinition* op =
      kubos::graphql::selectOperation(*doc.document, request.operationName);
  if (op == nullptr) return false;  // likewise
  return operationMayBlock(engine_.schema(), *doc.document, *op);
}

// On the I/O thread: everything that cannot block is answered here. A
// document not yet in the cache goes to a worker once (parsing and
// validating it is the costly part); later requests with it come here.
std::optional<HttpResponse> GraphQLHttpHandler::tryInline(const HttpRequest& req) {
  if (!options_.inlineExecution) return std::nullopt;
  if (req.body.size() > options_.inlineMaxBytes || req.target.size() > options_.inlineMaxBytes) return std::nullopt;
  auto parsed = read(req);
  if (auto* refusal = std::get_if<HttpResponse>(&parsed)) return std::move(*refusal);
  auto state = std::make_shared<Parsed>(std::move(std::get<Parsed>(parsed)));
  std::vector<std::shared_ptr<const kubos::graphql::PreparedDocument>> docs;
  docs.reserve(state->requests.size());
  for (const auto& r : state->requests) {
    auto doc = engine_.cached(r.query);
    if (!doc || mayBlock(*doc, r)) {
      req.handlerState = std::move(state);
      return std::nullopt;
    }
    docs.push_back(std::move(doc));
  }
  return answer(*state, &docs);
}

HttpResponse GraphQLHttpHandler::handle(const HttpRequest& req) {
  auto state = std::static_pointer_cast<const Parsed>(req.handlerState);
  if (!state) {
    auto parsed = read(req);
    if (auto* refusal = std::get_if<HttpResponse>(&parsed)) return std::move(*refusal);
    state = std::make_shared<Parsed>(std::move(std::get<Parsed>(parsed)));
  }
  return answer(*state, nullptr);
}

}  // namespace kubos::service
