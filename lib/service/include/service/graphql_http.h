// GraphQL over HTTP (docs/services.md, "GraphQL over HTTP": the
// GraphQL-over-HTTP spec as the graphql-http server audit checks it) on top of kubos::graphql::Engine, plus GraphiQL.
//
//   POST any path but /graphiql: {"query", "variables"?, "operationName"?,
//        "extensions"?} or an array of them (a batch, answered by an array).
//        No Content-Type is read as JSON (KubOS's comms forwarder sends none);
//        another media type than application/json is a 415.
//   GET  ?query=&variables=&operationName=  queries only (a mutation: 405).
//   GET  /graphiql                           the GraphiQL page, served offline.
//
// Status codes: 400 for a body or parameters that are not a GraphQL request.
// With Accept: application/json (or none, or */*), a request that reached
// GraphQL is a 200 whatever its errors. With application/graphql-response+json,
// a request that failed before execution (syntax, validation, variables) is a
// 400 and has no "data".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "graphql/engine.h"
#include "service/http.h"

namespace kubos::service {

enum class MediaType { Json, GraphQLResponseJson };
[[nodiscard]] std::string_view mediaTypeName(MediaType m);

// Picks the reply's media type from an Accept header (q-values honoured,
// */* and application/* mean application/json; nothing acceptable or no
// header: application/json).
[[nodiscard]] MediaType negotiateMediaType(const std::string* accept);

// application/x-www-form-urlencoded decoding ('+' is a space), in order.
// nullopt on a bad %-escape.
using QueryParams = std::vector<std::pair<std::string, std::string>>;
[[nodiscard]] std::optional<QueryParams> parseQueryString(std::string_view query);

// A POST body read as GraphQL-over-HTTP: one request object, or a batch (a
// JSON array of 1..maxBatch objects, answered by an array).
struct ParsedRequests {
  std::vector<kubos::graphql::Request> requests;
  bool batch = false;
};
// The one reader of request bodies (the handler uses it; so may tests and
// fuzzers). nullopt and a message a client can act on, e.g.
//   "Unparsable JSON body: ...", "Empty batch: send at least one request",
//   "Batch of 40 requests exceeds the limit of 32 (max-batch)",
//   "Batch item 2: Missing query".
[[nodiscard]] std::optional<ParsedRequests> parseRequests(std::string_view body, std::size_t maxBatch,
                                                          std::string* error);

struct GraphQLHttpOptions {
  std::size_t maxBatch = 32;              // requests in one batch
  const kubos::graphql::Value* rootValue = nullptr;  // given to every execution
  std::string title = "GraphiQL";         // the GraphiQL page title
  bool logErrors = true;                  // every error in a response is logged once
  // Requests whose every selected field cannot block (service/blocking.h)
  // and whose documents are already validated (in the engine's cache) are
  // executed in route(), on the I/O thread; the others go to a worker.
  bool inlineExecution = true;
  // Larger bodies (or GET targets) always go to a worker: reading their JSON
  // would hold the I/O thread.
  std::size_t inlineMaxBytes = 16384;
};

class GraphQLHttpHandler : public HttpHandler {
 public:
  GraphQLHttpHandler(kubos::graphql::Engine& engine, GraphQLHttpOptions options);

  std::optional<HttpResponse> route(const HttpRequest& request) override;
  HttpResponse handle(const HttpRequest& request) override;

 private:
  struct Outcome;
  struct Parsed;
  // The GraphQL requests an HTTP request carries, or its refusal.
  std::variant<Parsed, HttpResponse> read(const HttpRequest& request) const;
  // Executes them; `prepared` (one per request) when already looked up.
  HttpResponse answer(const Parsed& parsed,
                      const std::vector<std::shared_ptr<const kubos::graphql::PreparedDocument>>* prepared);
  // Whether the request (its document is prepared) may call a blocking resolver.
  bool mayBlock(const kubos::graphql::PreparedDocument& doc, const kubos::graphql::Request& request) const;
  std::optional<HttpResponse> tryInline(const HttpRequest& request);
  Outcome runOne(const kubos::graphql::Request& request, bool viaGet, const kubos::graphql::PreparedDocument* prepared);
  HttpResponse requestError(int status, MediaType media, const std::string& message) const;

  kubos::graphql::Engine& engine_;
  GraphQLHttpOptions options_;
};

// GraphiQL: the page (pointing at this service's root URL) and its assets,
// for a GET whose path starts with /graphiql. The assets honour
// Accept-Encoding (gzip) and, like the page, If-None-Match (304 on a
// matching ETag). nullopt when nothing is there (404).
[[nodiscard]] std::optional<HttpResponse> serveGraphiql(const HttpRequest& request, std::string_view title);
[[nodiscard]] bool graphiqlAssetsBundled();

}  // namespace kubos::service
