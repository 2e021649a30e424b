// Requirements SK-GQL-*: GraphQL-over-HTTP rules of GraphQLHttpHandler,
// driven without sockets (the transport has its own tests).
#include <gtest/gtest.h>

#include "service/graphql_http.h"
#include "service/log.h"

namespace {

std::shared_ptr<kubos::graphql::Schema> testSchema() {
  std::vector<kubos::graphql::GraphQLError> errors;
  auto s = kubos::graphql::Schema::fromSDL(R"(
    type Query { ping: String  echo(text: String): String  fail: String }
    type Mutation { bump: Int }
  )", &errors);
  if (!s) return nullptr;
  EXPECT_TRUE(s->bindResolver("Query", "ping", [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value { return "pong"; }));
  EXPECT_TRUE(s->bindResolver("Query", "echo", [](const kubos::graphql::Value&, const kubos::graphql::Value& a, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value {
    const kubos::graphql::Value* t = a.find("text");
    return t ? *t : kubos::graphql::Value();
  }));
  EXPECT_TRUE(s->bindResolver("Query", "fail", [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value {
    throw kubos::graphql::FieldError("broken");
  }));
  EXPECT_TRUE(s->bindResolver("Mutation", "bump", [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value { return 1; }));
  return s;
}

struct Fixture : ::testing::Test {
  std::shared_ptr<kubos::graphql::Schema> schema = testSchema();
  kubos::graphql::Engine engine{schema};
  kubos::service::GraphQLHttpHandler handler{engine, [] {
                                     kubos::service::GraphQLHttpOptions o;
                                     o.logErrors = false;
                                     o.maxBatch = 3;
                                     return o;
                                   }()};

  kubos::service::HttpResponse send(std::string method, std::string target, std::string body = "",
                         std::vector<kubos::service::HttpHeader> headers = {{"content-type", "application/json"}}) {
    kubos::service::HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.headers = std::move(headers);
    if (auto quick = handler.route(r)) return *quick;
    return handler.handle(r);
  }
};

}  // namespace

TEST(MediaType, SK_GQL_10_AcceptNegotiation) {
  using kubos::service::MediaType;
  auto n = [](const char* a) {
    std::string s(a);
    return kubos::service::negotiateMediaType(&s);
  };
  EXPECT_EQ(kubos::service::negotiateMediaType(nullptr), MediaType::Json);
  EXPECT_EQ(n("application/graphql-response+json"), MediaType::GraphQLResponseJson);
  EXPECT_EQ(n("application/json"), MediaType::Json);
  EXPECT_EQ(n("*/*"), MediaType::Json);
  EXPECT_EQ(n("application/graphql-response+json, application/json;q=0.9"), MediaType::GraphQLResponseJson);
  EXPECT_EQ(n("application/graphql-response+json;q=0.5, application/json"), MediaType::Json);
  EXPECT_EQ(n("application/json, application/graphql-response+json"), MediaType::Json);
  EXPECT_EQ(n("text/html"), MediaType::Json);
  EXPECT_EQ(n("application/graphql-response+json;q=0"), MediaType::Json);
}

TEST(QueryString, SK_GQL_11_UrlDecoding) {
  auto parsed = kubos::service::parseQueryString("query=%7Bping%7D&a=b+c&empty=&flag");
  ASSERT_TRUE(parsed);
  const auto& p = *parsed;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"query", "{ping}"}));
  EXPECT_EQ(p[1].second, "b c");
  EXPECT_EQ(p[2].second, "");
  EXPECT_EQ(p[3].first, "flag");
  EXPECT_FALSE(kubos::service::parseQueryString("a=%zz"));
  EXPECT_FALSE(kubos::service::parseQueryString("a=%4"));
}

TEST_F(Fixture, SK_GQL_1_PostAnswersData) {
  auto r = send("POST", "/", R"({"query":"{ping}"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":{"ping":"pong"}})");
  EXPECT_EQ(*r.findHeader("content-type"), "application/json");
}

TEST_F(Fixture, SK_GQL_2_NoContentTypeIsJson) {
  auto r = send("POST", "/", R"({"query":"{ping}"})", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":{"ping":"pong"}})");
}

TEST_F(Fixture, SK_GQL_3_OtherContentTypeIs415) {
  EXPECT_EQ(send("POST", "/", "{}", {{"content-type", "text/plain"}}).status, 415);
  EXPECT_EQ(send("POST", "/", "{}", {{"content-type", "application/json; charset=latin1"}}).status, 415);
  EXPECT_EQ(send("POST", "/", R"({"query":"{ping}"})", {{"content-type", "Application/JSON; Charset=UTF-8"}}).status, 200);
}

TEST_F(Fixture, SK_GQL_4_BatchesAndTheirLimit) {
  auto r = send("POST", "/", R"([{"query":"{ping}"},{"query":"{echo(text:\"a\")}"}])");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"([{"data":{"ping":"pong"}},{"data":{"echo":"a"}}])");
  EXPECT_EQ(send("POST", "/", "[]").status, 400);
  auto big = send("POST", "/", R"([{"query":"{ping}"},{"query":"{ping}"},{"query":"{ping}"},{"query":"{ping}"}])");
  EXPECT_EQ(big.status, 400);
  EXPECT_NE(big.body.find("exceeds the limit of 3"), std::string::npos) << big.body;
  EXPECT_EQ(send("POST", "/", R"([{"query":"{ping}"},{"nope":1}])").status, 400);
}

TEST_F(Fixture, SK_GQL_5_GetQueriesAndMutationRefusal) {
  auto r = send("GET", "/?query=%7Bping%7D", "", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":{"ping":"pong"}})");
  auto m = send("GET", "/?query=mutation%7Bbump%7D", "", {});
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(*m.findHeader("allow"), "POST");
  EXPECT_EQ(send("GET", "/", "", {}).status, 400);
  EXPECT_EQ(send("GET", "/?query=%7Bping%7D&variables=%5B1%5D", "", {}).status, 400);  // variables must be an object
}

TEST_F(Fixture, SK_GQL_7_BadBodiesAre400) {
  EXPECT_EQ(send("POST", "/", "").status, 400);
  EXPECT_EQ(send("POST", "/", "{ \"not a JSON").status, 400);
  EXPECT_EQ(send("POST", "/", "42").status, 400);
  EXPECT_EQ(send("POST", "/", R"({"query":1})").status, 400);
  EXPECT_EQ(send("POST", "/", R"({"query":"{ping}","variables":"x"})").status, 400);
  EXPECT_EQ(send("POST", "/", R"({"query":"{ping}","operationName":false})").status, 400);
}

TEST_F(Fixture, SK_GQL_8_StatusDependsOnAcceptedMediaType) {
  auto json = send("POST", "/", R"({"query":"{nope}"})");
  EXPECT_EQ(json.status, 200);
  std::vector<kubos::service::HttpHeader> grj{{"content-type", "application/json"}, {"accept", "application/graphql-response+json"}};
  auto r = send("POST", "/", R"({"query":"{nope}"})", grj);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(*r.findHeader("content-type"), "application/graphql-response+json");
  EXPECT_EQ(r.body.find("\"data\""), std::string::npos);
  auto ok = send("POST", "/", R"({"query":"{fail}"})", grj);
  EXPECT_EQ(ok.status, 200) << "a field error still executed";
}

TEST_F(Fixture, SK_GQL_12_OtherMethodsAnd405) {
  auto r = send("DELETE", "/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(*r.findHeader("allow"), "GET, POST");
}

TEST_F(Fixture, SK_GIQL_3_GraphiqlRoutes) {
  auto page = send("GET", "/graphiql", "", {});
  if (kubos::service::graphiqlAssetsBundled()) {
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("GraphiQL.createFetcher"), std::string::npos);
    EXPECT_EQ(send("GET", "/graphiql/graphiql.min.js", "", {}).status, 200);
    EXPECT_EQ(send("GET", "/graphiql/nope", "", {}).status, 404);
  } else {
    EXPECT_EQ(page.status, 503);
  }
  EXPECT_EQ(send("POST", "/graphiql", R"({"query":"{ping}"})").status, 405);
}

TEST(ParseRequests, SK_REQ_1_OneReaderForBodiesAndBatches) {
  std::string err;
  auto one = kubos::service::parseRequests(R"({"query":"{ping}","operationName":"A"})", 3, &err);
  ASSERT_TRUE(one) << err;
  EXPECT_FALSE(one->batch);
  ASSERT_EQ(one->requests.size(), 1u);
  EXPECT_EQ(one->requests[0].query, "{ping}");
  EXPECT_EQ(one->requests[0].operationName, "A");
  auto two = kubos::service::parseRequests(R"([{"query":"{a}"},{"query":"{b}"}])", 3, &err);
  ASSERT_TRUE(two) << err;
  EXPECT_TRUE(two->batch);
  EXPECT_EQ(two->requests.size(), 2u);
  auto refused = [](std::string_view body) {
    std::string e;
    EXPECT_FALSE(kubos::service::parseRequests(body, 3, &e)) << body;
    return e;
  };
  EXPECT_EQ(refused("  "), "Missing body");
  EXPECT_EQ(refused("[]"), "Empty batch: send at least one request");
  EXPECT_EQ(refused(R"([{"query":"{a}"},{"query":"{a}"},{"query":"{a}"},{"query":"{a}"}])"),
            "Batch of 4 requests exceeds the limit of 3 (max-batch)");
  EXPECT_EQ(refused(R"([{"query":"{a}"},{"nope":1}])"), "Batch item 1: Missing query");
  EXPECT_EQ(refused(R"("{a}")"), "JSON body must be an object");
  EXPECT_EQ(refused("{").rfind("Unparsable JSON body: ", 0), 0u);
}

TEST(ParseRequests, SK_REQ_2_RefusalsEscapeControlCharacters) {
  auto r = kubos::service::HttpResponse::error(400, "bad\x01\n\"x\"");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"errors":[{"message":"bad\u0001\n\"x\""}]})");
  EXPECT_EQ(*r.findHeader("content-type"), "application/json");
}

namespace {
const std::vector<kubos::service::HttpHeader> kBrowser{
    {"accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}};
}  // namespace

TEST_F(Fixture, SK_EDGE_1_BrowserWithoutQueryIsSentToGraphiql) {
  for (const char* target : {"/", "/?", "/anything", "/?operationName=x"}) {
    auto r = send("GET", target, "", kBrowser);
    EXPECT_EQ(r.status, 302) << target;
    ASSERT_TRUE(r.findHeader("location")) << target;
    EXPECT_EQ(*r.findHeader("location"), "/graphiql");
  }
  // A query still runs, whoever asks; clients not asking for HTML get the 400.
  EXPECT_EQ(send("GET", "/?query=%7Bping%7D", "", kBrowser).status, 200);
  EXPECT_EQ(send("GET", "/", "", {{"accept", "application/json"}}).status, 400);
  EXPECT_EQ(send("GET", "/", "", {{"accept", "text/html;q=0"}}).status, 400);
}

TEST_F(Fixture, SK_EDGE_2_FaviconIs404WithoutAWarning) {
  kubos::service::log::Options o;
  o.ident = "graphql-http-test";
  o.useSyslog = false;
  kubos::service::log::init(o);
  std::vector<std::string> lines;
  kubos::service::log::setObserver([&](kubos::service::log::Level, std::string_view m) { lines.emplace_back(m); });
  kubos::service::GraphQLHttpHandler logging{engine, kubos::service::GraphQLHttpOptions{}};
  kubos::service::HttpRequest r;
  r.method = "GET";
  r.target = "/favicon.ico";
  r.headers = kBrowser;
  auto quick = logging.route(r);
  kubos::service::log::setObserver(nullptr);
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->status, 404);
  EXPECT_TRUE(lines.empty()) << lines.front();
}

TEST_F(Fixture, SK_EDGE_3_PostOnAnyPathStaysGraphQL) {
  for (const char* target : {"/", "/favicon.ico", "/graphql", "/a/b?c=d"}) {
    auto r = send("POST", target, R"({"query":"{ping}"})");
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body, R"({"data":{"ping":"pong"}})") << target;
  }
}
