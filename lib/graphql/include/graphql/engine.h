// The engine facade that services use: a schema, a bounded cache of parsed
// and validated documents, limits, and request/response JSON.
//
//   kubos::graphql::Engine engine(schema);
//   std::string body = kubos::graphql::resultToJson(engine.execute(request));
//
// Reading HTTP bodies (one request or a batch) is the service kit's job
// (kubos::service::parseRequests in lib/service): one request path for every
// service, with one batch limit.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/execution.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace kubos::graphql {

struct EngineLimits {
  ParseLimits parse;                 // source bytes, tokens, syntactic nesting
  std::uint32_t maxQueryDepth = 64;  // field nesting with fragments expanded
  std::uint64_t maxFieldCount = 10'000;  // fields with fragments expanded
  std::size_t cacheEntries = 256;    // parsed+validated documents kept (LRU)
  std::size_t maxValidationErrors = 100;
};

struct Request {
  std::string query;
  std::optional<Value> variables;  // an Object, or absent
  std::optional<std::string> operationName;
  std::optional<Value> extensions;
};

// Reads one GraphQL-over-HTTP request object ({"query", "variables",
// "operationName", "extensions"}). On a malformed one returns nullopt and a
// message a client can act on (e.g. "The \"query\" parameter must be a string.").
[[nodiscard]] std::optional<Request> requestFromValue(const Value& v, std::string* error);

// A parsed and validated document, shared by the cache and in-flight requests.
struct PreparedDocument {
  std::shared_ptr<const ast::Document> document;
  std::vector<GraphQLError> errors;  // syntax / validation / limit errors; empty when valid
  // Field collection reused by every execution of this document (cached
  // documents only; null otherwise).
  std::shared_ptr<ExecutionPlanCache> plans;
  bool ok() const { return errors.empty(); }
};

// The operation type a request would run, if determinable (used to refuse
// mutations over GET). nullopt when the document is invalid or the operation
// cannot be selected.
[[nodiscard]] std::optional<ast::OperationType> operationTypeOf(const PreparedDocument& doc,
                                                                const std::optional<std::string>& operationName);

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Schema> schema, EngineLimits limits = {});

  const Schema& schema() const { return *schema_; }
  const EngineLimits& limits() const { return limits_; }

  // Parse + validate + limit checks, through the LRU cache (thread-safe).
  [[nodiscard]] std::shared_ptr<const PreparedDocument> prepare(std::string_view query);
  // The cached document for `query`, or null when the cache does not hold it
  // (nothing is parsed: cheap enough for an event loop to call).
  [[nodiscard]] std::shared_ptr<const PreparedDocument> cached(std::string_view query);

  // Executes a request. Resolvers reach their service's state through what
  // they capture when bound (Schema::bindResolver), not through a context.
  [[nodiscard]] ExecutionResult execute(const Request& request, const Value* rootValue = nullptr);
  // The same with the document already prepared (from prepare() or cached()).
  [[nodiscard]] ExecutionResult execute(const PreparedDocument& prepared, const Request& request,
                                        const Value* rootValue = nullptr);

  std::size_t cacheSize() const;

 private:
  std::shared_ptr<const Schema> schema_;
  EngineLimits limits_;
  mutable std::mutex cacheMutex_;
  // LRU: most recent at the front.
  std::list<std::pair<std::string, std::shared_ptr<const PreparedDocument>>> lru_;
  std::unordered_map<std::string_view, decltype(lru_)::iterator> cacheIndex_;
};

// Serialises a result exactly as a service sends it, in graphql-js's key order
// (JSON.stringify of its ExecutionResult): {"errors":[...],"data":...}, with
// only those keys, "errors" omitted when empty, "data" omitted when absent.
[[nodiscard]] std::string resultToJson(const ExecutionResult& r);
void appendResultJson(std::string& out, const ExecutionResult& r);

// {"errors":[{"message":<message>}]}: the body of a request refused before
// GraphQL ran (bad JSON, bad parameters, limits). The message is escaped as
// JSON requires (control characters as \uXXXX, never dropped).
[[nodiscard]] std::string errorsJson(std::string_view message);

}  // namespace kubos::graphql
