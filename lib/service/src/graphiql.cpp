// GraphiQL at /graphiql: graphiql + react + react-dom (npm UMD builds, pinned
// in third_party/js/package.json) embedded at build time; no CDN, no internet.
//
// The assets (3.4 MB) go out gzip-compressed to a client that accepts it
// (compressed at build time by lib/service/CMakeLists.txt and embedded), with
// a strong ETag (a hash of the bytes sent) so that a browser revalidating its
// cache gets a 304 without a body. lib/service/README.md, SK-GIQL-4..7.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "service/graphql_http.h"
#include "text.h"

namespace kubos::service {
namespace detail {
extern const bool kGraphiqlAssetsBundled;
std::string_view graphiqlJs();
std::string_view graphiqlCss();
std::string_view reactJs();
std::string_view reactDomJs();
std::string_view graphiqlJsGz();
std::string_view graphiqlCssGz();
std::string_view reactJsGz();
std::string_view reactDomJsGz();
}  // namespace detail

namespace {

std::string htmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string page(std::string_view title) {
  // The fetcher posts to the service root: every path but /graphiql is GraphQL.
  return R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)" + htmlEscape(title) +
         R"(</title>
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL...</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: new URL('/', window.location.href).toString() });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: '{\n  ping\n}\n' }));
</script>
</body>
</html>
)";
}

// A strong validator: FNV-1a (64 bits) and the length of the exact bytes sent,
// so a different build or another content coding has another ETag.
std::string etagOf(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "\"%zx-%016llx\"", bytes.size(), static_cast<unsigned long long>(h));
  return buf;
}

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether Accept-Encoding (RFC 9110, 12.5.3) prefers gzip: its q (explicit,
// or from "*") above 0 and not below identity's when identity is listed
// (itself or through "*"). identity is acceptable
// unless "identity;q=0", or "*;q=0" without an identity entry, says not;
// when neither is acceptable the identity body is sent all the same.
bool prefersGzip(const std::string* acceptEncoding) {
  if (acceptEncoding == nullptr) return false;
  double gz = -1, identity = -1, star = -1;
  std::string_view rest = *acceptEncoding;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string coding = detail::asciiLower(trimSpace(item.substr(0, semi)));
    double q = 1.0;
    for (std::string_view params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
         !params.empty();) {
      const auto next = params.find(';');
      const std::string p = detail::asciiLower(trimSpace(params.substr(0, next)));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (p.rfind("q=", 0) != 0) continue;
      char* end = nullptr;
      const double v = std::strtod(p.c_str() + 2, &end);
      // A q that is not a number (or NaN) excludes the coding, as q=0 does.
      q = (end != p.c_str() + 2 && v >= 0.0) ? std::min(v, 1.0) : 0.0;
    }
    if (coding == "gzip" || coding == "x-gzip") gz = std::max(gz, q);
    else if (coding == "identity") identity = q;
    else if (coding == "*") star = q;
  }
  if (gz < 0) gz = star < 0 ? 0.0 : star;
  if (gz <= 0.0) return false;
  // Unlisted (and no "*"), identity is only the fallback, not a rival.
  if (identity < 0) identity = star;
  return gz >= identity;
}

// If-None-Match (RFC 9110, 13.1.2): "*" or a list of entity tags, compared
// weakly (W/ ignored). A malformed list matches nothing.
bool noneMatchHits(const std::string* ifNoneMatch, std::string_view etag) {
  if (ifNoneMatch == nullptr) return false;
  std::string_view s = trimSpace(*ifNoneMatch);
  if (s == "*") return true;
  while (!s.empty()) {
    if (s.front() == ',' || s.front() == ' ' || s.front() == '\t') {
      s.remove_prefix(1);
      continue;
    }
    if (s.rfind("W/", 0) == 0) s.remove_prefix(2);
    if (s.empty() || s.front() != '"') return false;
    const auto close = s.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (s.substr(0, close + 1) == etag) return true;
    s.remove_prefix(close + 1);
  }
  return false;
}

// One embedded file and its embedded gzip form; both ETags computed on first
// use (a hash over the bytes: milliseconds, and nothing copied).
struct Asset {
  std::string_view (*bytes)();
  std::string_view (*gzBytes)();
  const char* contentType;
  std::once_flag once;
  std::string etag, gzEtag;

  void prepare() {
    std::call_once(once, [this] {
      etag = etagOf(bytes());
      if (!gzBytes().empty()) gzEtag = etagOf(gzBytes());
    });
  }
};

// Unversioned URLs: a day in the browser's cache, then a revalidation that
// costs a 304 (the ETag changes with the build, never within one).
constexpr const char* kAssetCacheControl = "public, max-age=86400";

HttpResponse notModifiedOr(const HttpRequest& req, HttpResponse full, const std::string& etag) {
  if (!noneMatchHits(req.header("if-none-match"), etag)) return full;
  HttpResponse r;
  r.status = 304;
  for (const auto& h : full.headers)
    if (h.name != "content-type" && h.name != "content-encoding") r.headers.push_back(h);
  return r;
}

HttpResponse asset(Asset& a, const HttpRequest& req) {
  a.prepare();
  const bool gzipped = !a.gzBytes().empty() && prefersGzip(req.header("accept-encoding"));
  HttpResponse r;
  r.status = 200;
  r.staticBody = gzipped ? a.gzBytes() : a.bytes();
  r.header("content-type", a.contentType);
  if (gzipped) r.header("content-encoding", "gzip");
  r.header("vary", "Accept-Encoding");
  r.header("cache-control", kAssetCacheControl);
  const std::string& etag = gzipped ? a.gzEtag : a.etag;
  r.header("etag", etag);
  return notModifiedOr(req, std::move(r), etag);
}

Asset gGraphiqlJs{detail::graphiqlJs, detail::graphiqlJsGz, "application/javascript; charset=utf-8", {}, {}, {}};
Asset gGraphiqlCss{detail::graphiqlCss, detail::graphiqlCssGz, "text/css; charset=utf-8", {}, {}, {}};
Asset gReactJs{detail::reactJs, detail::reactJsGz, "application/javascript; charset=utf-8", {}, {}, {}};
Asset gReactDomJs{detail::reactDomJs, detail::reactDomJsGz, "application/javascript; charset=utf-8", {}, {}, {}};

}  // namespace

bool graphiqlAssetsBundled() { return detail::kGraphiqlAssetsBundled; }

std::optional<HttpResponse> serveGraphiql(const HttpRequest& request, std::string_view title) {
  const std::string_view path = request.path();
  if (path == "/graphiql" || path == "/graphiql/") {
    if (!detail::kGraphiqlAssetsBundled)
      return HttpResponse::text(503, "GraphiQL was not bundled into this build: run scripts/install-deps.sh "
                                     "(npm install in third_party/js) and rebuild.\n");
    HttpResponse r;
    r.status = 200;
    r.body = page(title);
    r.header("content-type", "text/html; charset=utf-8");
    r.header("cache-control", "no-cache");
    const std::string etag = etagOf(r.body);
    r.header("etag", etag);
    return notModifiedOr(request, std::move(r), etag);
  }
  if (!detail::kGraphiqlAssetsBundled) return std::nullopt;
  if (path == "/graphiql/graphiql.min.js") return asset(gGraphiqlJs, request);
  if (path == "/graphiql/graphiql.min.css") return asset(gGraphiqlCss, request);
  if (path == "/graphiql/react.production.min.js") return asset(gReactJs, request);
  if (path == "/graphiql/react-dom.production.min.js") return asset(gReactDomJs, request);
  return std::nullopt;
}

}  // namespace kubos::service
