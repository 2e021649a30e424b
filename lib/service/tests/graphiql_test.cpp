// Requirements SK-GIQL-4..7 (lib/service/README.md): GraphiQL's assets
// compressed when the client accepts gzip, strong ETags and 304s, caching.
#include <gtest/gtest.h>
#include <zlib.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/graphql_http.h"

namespace {

using kubos::service::HttpRequest;
using kubos::service::HttpResponse;

constexpr const char* kJs = "/graphiql/graphiql.min.js";
const char* const kAssets[] = {"/graphiql/graphiql.min.js", "/graphiql/graphiql.min.css",
                               "/graphiql/react.production.min.js", "/graphiql/react-dom.production.min.js"};

HttpResponse get(const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpRequest r;
  r.method = "GET";
  r.target = path;
  for (auto& [n, v] : headers) r.headers.push_back({n, v});
  std::optional<HttpResponse> res = kubos::service::serveGraphiql(r, "T");
  EXPECT_TRUE(res) << path;
  return res ? *res : HttpResponse{};
}

std::string bodyOf(const HttpResponse& r) { return r.staticBody ? std::string(*r.staticBody) : r.body; }

std::string header(const HttpResponse& r, const char* name) {
  const std::string* v = r.findHeader(name);
  return v ? *v : std::string("<none>");
}

std::string gunzip(const std::string& in) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "<inflateInit2 failed>";
  std::string out;
  char buf[65536];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END && zs.avail_in == 0 ? out : "<bad gzip stream>";
}

#define REQUIRE_ASSETS()                                                       \
  if (!kubos::service::graphiqlAssetsBundled()) GTEST_SKIP() << "GraphiQL not bundled in this build"

}  // namespace

TEST(GraphiQL, SK_GIQL_4_GzipWhenAcceptedDecompressesToIdentity) {
  REQUIRE_ASSETS();
  for (const char* path : kAssets) {
    const HttpResponse plain = get(path);
    for (const char* accept : {"gzip", "gzip, deflate, br", "GZIP;q=0.5", "x-gzip", "*", "br;q=1, gzip;q=0.8"}) {
      const HttpResponse gz = get(path, {{"accept-encoding", accept}});
      ASSERT_EQ(gz.status, 200) << path << " " << accept;
      EXPECT_EQ(header(gz, "content-encoding"), "gzip") << path << " " << accept;
      EXPECT_EQ(header(gz, "vary"), "Accept-Encoding");
      EXPECT_EQ(header(gz, "content-type"), header(plain, "content-type"));
      // The CSS embeds its fonts (already compressed): smaller, not by half.
      EXPECT_LT(bodyOf(gz).size(), bodyOf(plain).size() / (path == std::string(kJs) ? 3 : 1)) << path;
      EXPECT_EQ(gunzip(bodyOf(gz)), bodyOf(plain)) << path;
    }
  }
  // The compressed form is built once and kept: the same bytes every time.
  EXPECT_EQ(get(kJs, {{"accept-encoding", "gzip"}}).staticBody->data(),
            get(kJs, {{"accept-encoding", "gzip"}}).staticBody->data());
}

TEST(GraphiQL, SK_GIQL_5_NoGzipUnlessAccepted) {
  REQUIRE_ASSETS();
  const std::string identity = bodyOf(get(kJs));
  EXPECT_GT(identity.size(), 100000u);
  for (const char* accept : {"", "identity", "gzip;q=0", "gzip; q=0.000", "deflate, br", "*;q=0",
                             "gzip;q=0.5, identity;q=0.9", "gzip;q=nope", "identity, *;q=0"}) {
    const HttpResponse r = get(kJs, {{"accept-encoding", accept}});
    EXPECT_EQ(r.status, 200) << accept;
    EXPECT_EQ(header(r, "content-encoding"), "<none>") << accept;
    EXPECT_EQ(header(r, "vary"), "Accept-Encoding") << accept;
    EXPECT_EQ(bodyOf(r), identity) << accept;
  }
  const HttpResponse none = get(kJs);
  EXPECT_EQ(header(none, "content-encoding"), "<none>");
  EXPECT_EQ(header(none, "vary"), "Accept-Encoding");
}

TEST(GraphiQL, SK_GIQL_6_StrongEtagAndNotModified) {
  REQUIRE_ASSETS();
  const HttpResponse plain = get(kJs);
  const HttpResponse gz = get(kJs, {{"accept-encoding", "gzip"}});
  const std::string etag = header(plain, "etag"), gzEtag = header(gz, "etag");
  ASSERT_EQ(etag.front(), '"') << etag;  // strong: no W/
  ASSERT_EQ(etag.back(), '"') << etag;
  EXPECT_NE(etag, gzEtag);  // another content coding, another representation
  EXPECT_EQ(header(get(kJs), "etag"), etag);
  EXPECT_NE(header(get("/graphiql/graphiql.min.css"), "etag"), etag);

  for (const std::string& inm : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
    const HttpResponse r = get(kJs, {{"if-none-match", inm}});
    EXPECT_EQ(r.status, 304) << inm;
    EXPECT_TRUE(bodyOf(r).empty()) << inm;
    EXPECT_EQ(header(r, "etag"), etag);
    EXPECT_EQ(header(r, "vary"), "Accept-Encoding");
    EXPECT_EQ(header(r, "cache-control"), header(plain, "cache-control"));
  }
  const HttpResponse gz304 = get(kJs, {{"accept-encoding", "gzip"}, {"if-none-match", gzEtag}});
  EXPECT_EQ(gz304.status, 304);
  EXPECT_TRUE(bodyOf(gz304).empty());
  EXPECT_EQ(header(gz304, "etag"), gzEtag);
  // The other representation's tag, a stale tag or a malformed list: the full body.
  EXPECT_EQ(get(kJs, {{"if-none-match", gzEtag}}).status, 200);
  EXPECT_EQ(get(kJs, {{"if-none-match", "\"stale\""}}).status, 200);
  EXPECT_EQ(get(kJs, {{"if-none-match", etag.substr(1)}}).status, 200);
  EXPECT_EQ(get(kJs, {{"if-none-match", ""}}).status, 200);

  const HttpResponse page = get("/graphiql");
  const std::string pageTag = header(page, "etag");
  ASSERT_NE(pageTag, "<none>");
  const HttpResponse page304 = get("/graphiql", {{"if-none-match", pageTag}});
  EXPECT_EQ(page304.status, 304);
  EXPECT_TRUE(bodyOf(page304).empty());
}

TEST(GraphiQL, SK_GIQL_7_CacheControl) {
  REQUIRE_ASSETS();
  for (const char* path : kAssets) EXPECT_EQ(header(get(path), "cache-control"), "public, max-age=86400") << path;
  EXPECT_EQ(header(get("/graphiql"), "cache-control"), "no-cache");
}
