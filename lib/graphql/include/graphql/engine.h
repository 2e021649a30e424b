// The engine facade that services use: a schema, a bounded cache of parsed
// and validated documents, limits, and request/response JSON.
//
//   kubos::graphql::Engine engine(schema);
//   std::string body = engine.executeJson(R"({"query":"{ping}"})");
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
  std::size_t maxBatchSize = 100;    // requests in one JSON array (executeJson)
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
std::optional<Request> requestFromValue(const Value& v, std::string* error);

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
std::optional<ast::OperationType> operationTypeOf(const PreparedDocument& doc,
                                                  const std::optional<std::string>& operationName);

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Schema> schema, EngineLimits limits = {});

  const Schema& schema() const { return *schema_; }
  const EngineLimits& limits() const { return limits_; }

  // Parse + validate + limit checks, through the LRU cache (thread-safe).
  std::shared_ptr<const PreparedDocument> prepare(std::string_view query);

  // Executes a request. `context` is passed to resolvers via ResolveInfo.
  ExecutionResult execute(const Request& request, const Value* rootValue = nullptr, void* context = nullptr);

  // JSON in, JSON out: one request object (or, with batches allowed, an
  // array of them). Malformed JSON gives {"errors":[{"message":...}]}.
  std::string executeJson(std::string_view body, const Value* rootValue = nullptr, void* context = nullptr);

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
std::string resultToJson(const ExecutionResult& r);
void appendResultJson(std::string& out, const ExecutionResult& r);

}  // namespace kubos::graphql
