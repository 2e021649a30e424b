// The engine facade: requests in, results and response JSON out, with a bounded LRU
// cache of parsed+validated documents and limits on what a query may cost.
#include "graphql/engine.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "graphql/validation.h"

namespace kubos::graphql {

// ---- requests ------------------------------------------------------------------

// Messages as graphql-http's parseRequestParams words them.
std::optional<Request> requestFromValue(const Value& v, std::string* error) {
  auto fail = [&](const char* message) -> std::optional<Request> {
    if (error) *error = message;
    return std::nullopt;
  };
  if (!v.isObject()) return fail("JSON body must be an object");
  Request r;
  const Value* query = v.find("query");
  if (!query || query->isNull()) return fail("Missing query");
  if (!query->isString()) return fail("Invalid query");
  r.query = query->asString();
  if (const Value* vars = v.find("variables"); vars && !vars->isNull()) {
    if (!vars->isObject()) return fail("Invalid variables");
    r.variables = *vars;
  }
  if (const Value* name = v.find("operationName"); name && !name->isNull()) {
    if (!name->isString()) return fail("Invalid operationName");
    r.operationName = name->asString();
  }
  if (const Value* ext = v.find("extensions"); ext && !ext->isNull()) {
    if (!ext->isObject()) return fail("Invalid extensions");
    r.extensions = *ext;
  }
  return r;
}

std::optional<ast::OperationType> operationTypeOf(const PreparedDocument& doc,
                                                  const std::optional<std::string>& operationName) {
  if (!doc.ok() || !doc.document) return std::nullopt;
  const ast::OperationDefinition* op = selectOperation(*doc.document, operationName);
  if (!op) return std::nullopt;
  return op->operation;
}

// ---- limits ----------------------------------------------------------------------

namespace {

// Nesting of selection sets and fragment spreads the limit check follows
// before giving up (keeps the recursion far from the stack's end).
constexpr std::size_t kMaxMeasureNesting = 1000;

std::uint64_t saturatingAdd(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max() : a + b;
}

// Field depth and field count of each operation with fragments expanded.
// Each fragment is measured once (memoised), so `...A ...A` chains that
// double at every level cost linear time; counts saturate instead of
// overflowing. Fragment cycles and unknown fragments (validation reports
// them) count as empty.
class QueryMeasure {
 public:
  explicit QueryMeasure(const ast::Document& doc) {
    for (const auto& def : doc.definitions)
      if (def->kind == ast::Kind::FragmentDefinition) {
        const auto& f = def->as<ast::FragmentDefinition>();
        fragments_.insert_or_assign(f.name.value, Fragment{&f, Fragment::Unvisited, {}});
      }
  }

  struct Size {
    std::uint32_t depth = 0;
    std::uint64_t count = 0;
  };

  // nullopt when the nesting is too deep to follow.
  std::optional<Size> measure(const ast::SelectionSet& set) {
    tooDeep_ = false;
    Size s = measureSet(set, 0);
    if (tooDeep_) return std::nullopt;
    return s;
  }

 private:
  struct Fragment {
    const ast::FragmentDefinition* def;
    enum State : std::uint8_t { Unvisited, InProgress, Done } state = Unvisited;
    Size size;
  };

  Size measureSet(const ast::SelectionSet& set, std::size_t nesting) {
    Size total;
    if (nesting > kMaxMeasureNesting) {
      tooDeep_ = true;
      return total;
    }
    for (const auto& sel : set.selections) {
      if (tooDeep_) break;
      Size s;
      switch (sel->kind) {
        case ast::Kind::Field: {
          const auto& field = sel->as<ast::Field>();
          if (field.selectionSet) s = measureSet(*field.selectionSet, nesting + 1);
          s.depth = s.depth + 1;
          s.count = saturatingAdd(s.count, 1);
          break;
        }
        case ast::Kind::InlineFragment: {
          const auto& frag = sel->as<ast::InlineFragment>();
          if (frag.selectionSet) s = measureSet(*frag.selectionSet, nesting + 1);
          break;
        }
        case ast::Kind::FragmentSpread: {
          auto it = fragments_.find(sel->as<ast::FragmentSpread>().name.value);
          if (it == fragments_.end()) break;
          Fragment& f = it->second;
          if (f.state == Fragment::Unvisited && f.def->selectionSet) {
            f.state = Fragment::InProgress;
            f.size = measureSet(*f.def->selectionSet, nesting + 1);
            f.state = Fragment::Done;
          }
          if (f.state == Fragment::Done) s = f.size;
          break;
        }
        default: break;
      }
      total.depth = std::max(total.depth, s.depth);
      total.count = saturatingAdd(total.count, s.count);
    }
    return total;
  }

  std::unordered_map<std::string_view, Fragment> fragments_;
  bool tooDeep_ = false;
};

// Depth is checked per operation, the field count over the whole document
// (validation visits every operation, so all of them cost).
std::vector<GraphQLError> checkLimits(const ast::Document& doc, const EngineLimits& limits) {
  std::vector<GraphQLError> errors;
  QueryMeasure measure(doc);
  std::uint64_t count = 0;
  for (const auto& def : doc.definitions) {
    if (def->kind != ast::Kind::OperationDefinition) continue;
    const auto& op = def->as<ast::OperationDefinition>();
    if (!op.selectionSet) continue;
    auto size = measure.measure(*op.selectionSet);
    if (!size) {
      errors.emplace_back("Query is nested more than " + std::to_string(kMaxMeasureNesting) +
                              " levels deep (fields and fragments); it is refused.",
                          op);
      return errors;
    }
    if (size->depth > limits.maxQueryDepth) {
      errors.emplace_back("Query depth " + std::to_string(size->depth) + " exceeds the maximum depth of " +
                              std::to_string(limits.maxQueryDepth) + ".",
                          op);
      return errors;
    }
    count = saturatingAdd(count, size->count);
  }
  if (count > limits.maxFieldCount) {
    std::string n = count == std::numeric_limits<std::uint64_t>::max() ? "more than 2^64" : std::to_string(count);
    errors.emplace_back("Query selects " + n + " fields (fragments expanded); the maximum is " +
                        std::to_string(limits.maxFieldCount) + ".");
  }
  return errors;
}

}  // namespace

// ---- the engine -----------------------------------------------------------------------

Engine::Engine(std::shared_ptr<const Schema> schema, EngineLimits limits)
    : schema_(std::move(schema)), limits_(limits) {}

std::size_t Engine::cacheSize() const {
  std::lock_guard lock(cacheMutex_);
  return lru_.size();
}

std::shared_ptr<const PreparedDocument> Engine::cached(std::string_view query) {
  std::lock_guard lock(cacheMutex_);
  auto it = cacheIndex_.find(query);
  if (it == cacheIndex_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
  return it->second->second;
}

std::shared_ptr<const PreparedDocument> Engine::prepare(std::string_view query) {
  if (auto hit = cached(query)) return hit;

  // Parse and validate outside the lock: other requests keep running.
  auto prepared = std::make_shared<PreparedDocument>();
  ParseResult parsed = parse(std::string(query), limits_.parse);
  if (!parsed.document) {
    prepared->errors.push_back(parsed.error ? *parsed.error : GraphQLError("Syntax Error: cannot parse the document."));
  } else {
    std::shared_ptr<const ast::Document> doc(std::move(parsed.document));
    prepared->errors = checkLimits(*doc, limits_);
    if (prepared->errors.empty()) prepared->errors = validate(*schema_, *doc, limits_.maxValidationErrors);
    prepared->document = std::move(doc);
    if (prepared->errors.empty() && limits_.cacheEntries > 0) prepared->plans = makeExecutionPlanCache();
  }
  std::shared_ptr<const PreparedDocument> result = std::move(prepared);

  if (limits_.cacheEntries == 0) return result;
  std::lock_guard lock(cacheMutex_);
  auto it = cacheIndex_.find(query);
  if (it != cacheIndex_.end()) {  // another thread prepared it meanwhile
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
  }
  lru_.emplace_front(std::string(query), result);
  cacheIndex_.emplace(std::string_view(lru_.front().first), lru_.begin());
  while (lru_.size() > limits_.cacheEntries) {
    cacheIndex_.erase(std::string_view(lru_.back().first));
    lru_.pop_back();
  }
  return result;
}

ExecutionResult Engine::execute(const Request& request, const Value* rootValue) {
  std::shared_ptr<const PreparedDocument> prepared = prepare(request.query);
  return execute(*prepared, request, rootValue);
}

ExecutionResult Engine::execute(const PreparedDocument& prepared, const Request& request, const Value* rootValue) {
  if (!prepared.ok()) {
    ExecutionResult r;
    r.errors = prepared.errors;
    return r;
  }
  ExecuteArgs args;
  args.rootValue = rootValue;
  args.variableValues = request.variables ? &*request.variables : nullptr;
  args.operationName = request.operationName;
  args.planCache = prepared.plans.get();
  return kubos::graphql::execute(*schema_, *prepared.document, args);
}

// ---- responses ---------------------------------------------------------------------------

void appendResultJson(std::string& out, const ExecutionResult& r) {
  // graphql-js builds {errors, data}: JSON.stringify keeps that order.
  out += '{';
  bool first = true;
  if (!r.errors.empty()) {
    out += "\"errors\":[";
    for (std::size_t i = 0; i < r.errors.size(); ++i) {
      if (i) out += ',';
      appendErrorJson(out, r.errors[i]);
    }
    out += ']';
    first = false;
  }
  if (r.data) {
    if (!first) out += ',';
    out += "\"data\":";
    appendJson(out, *r.data);
  }
  out += '}';
}

std::string errorsJson(std::string_view message) {
  std::string out = R"({"errors":[{"message":)";
  appendJsonString(out, message);
  out += "}]}";
  return out;
}

std::string resultToJson(const ExecutionResult& r) {
  std::string out;
  appendResultJson(out, r);
  return out;
}

}  // namespace kubos::graphql
