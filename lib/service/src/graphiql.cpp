// GraphiQL at /graphiql: graphiql + react + react-dom (npm UMD builds, pinned
// in third_party/js/package.json) embedded at build time; no CDN, no internet.
#include <string>

#include "service/graphql_http.h"

namespace kubos::service {
namespace detail {
extern const bool kGraphiqlAssetsBundled;
std::string_view graphiqlJs();
std::string_view graphiqlCss();
std::string_view reactJs();
std::string_view reactDomJs();
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

HttpResponse asset(std::string_view body, const char* contentType) {
  HttpResponse r;
  r.status = 200;
  r.staticBody = body;
  r.header("content-type", contentType);
  r.header("cache-control", "public, max-age=86400");
  return r;
}

}  // namespace

bool graphiqlAssetsBundled() { return detail::kGraphiqlAssetsBundled; }

std::optional<HttpResponse> serveGraphiql(std::string_view path, std::string_view title) {
  if (path == "/graphiql" || path == "/graphiql/") {
    if (!detail::kGraphiqlAssetsBundled)
      return HttpResponse::text(503, "GraphiQL was not bundled into this build: run scripts/install-deps.sh "
                                     "(npm install in third_party/js) and rebuild.\n");
    HttpResponse r;
    r.status = 200;
    r.body = page(title);
    r.header("content-type", "text/html; charset=utf-8");
    r.header("cache-control", "no-cache");
    return r;
  }
  if (!detail::kGraphiqlAssetsBundled) return std::nullopt;
  if (path == "/graphiql/graphiql.min.js") return asset(detail::graphiqlJs(), "application/javascript; charset=utf-8");
  if (path == "/graphiql/graphiql.min.css") return asset(detail::graphiqlCss(), "text/css; charset=utf-8");
  if (path == "/graphiql/react.production.min.js") return asset(detail::reactJs(), "application/javascript; charset=utf-8");
  if (path == "/graphiql/react-dom.production.min.js")
    return asset(detail::reactDomJs(), "application/javascript; charset=utf-8");
  return std::nullopt;
}

}  // namespace kubos::service
