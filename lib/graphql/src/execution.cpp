// Execution (graphql-js execute()): operation selection, resolvers, value
// completion with null propagation, errors with paths. Field collection and
// its plan cache are in execution_plan.{h,cpp}.
//
// graphql-js propagates a null past a non-null position by throwing; here a
// completion step returns false instead ("this position failed"), after the
// error has been recorded. Errors are recorded where they arise: execution is
// synchronous, so that is the order in which graphql-js collects them, and a
// failed position stops its siblings exactly where graphql-js's throw would.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "execution_internal.h"
#include "execution_plan.h"
#include "graphql/execution.h"
#include "inspect.h"

namespace kubos::graphql {

const ast::OperationDefinition* selectOperation(const ast::Document& document,
                                                const std::optional<std::string>& operationName,
                                                std::string* error) {
  const ast::OperationDefinition* operation = nullptr;
  for (const auto& def : document.definitions) {
    if (def->kind != ast::Kind::OperationDefinition) continue;
    const auto& op = def->as<ast::OperationDefinition>();
    if (!operationName) {
      if (operation) {
        if (error) *error = "Must provide operation name if query contains multiple operations.";
        return nullptr;
      }
      operation = &op;
    } else if (op.name && op.name->value == *operationName) {
      operation = &op;
    }
  }
  if (!operation && error) {
    *error = operationName ? "Unknown operation named \"" + *operationName + "\"." : "Must provide an operation.";
  }
  return operation;
}

// The field collection types (execution_plan.h) used by value completion.
using detail::CollectedField;
using detail::CollectedFields;
using detail::FieldState;

namespace {

// Deeper nesting than this is refused rather than risking the stack (the
// engine's depth limit normally stops such documents long before).
constexpr std::size_t kMaxExecutionDepth = 512;

struct PathEntry {
  std::string_view key;
  std::int64_t index = -1;  // >= 0: a list index
};

// The built-in scalars' serializers return a value of their own kind
// unchanged (a string for String and ID, a bool for Boolean, ...). When a
// schema still uses them, such values skip the call and are moved, not
// copied. Their addresses are learnt from a probe schema, so a scalar that
// a service re-bound is always called.
using SerializeFn = Value (*)(const Value&);
struct BuiltinSerializers {
  SerializeFn string = nullptr, id = nullptr, boolean = nullptr, integer = nullptr, floating = nullptr;
};

SerializeFn serializerOf(const ScalarType& t) {
  const SerializeFn* fn = t.serialize.target<SerializeFn>();
  return fn ? *fn : nullptr;
}

const BuiltinSerializers& builtinSerializers() {
  static const BuiltinSerializers builtins = [] {
    BuiltinSerializers b;
    std::vector<GraphQLError> errors;
    auto probe = Schema::fromSDL("type Query { a: Int }", &errors);
    if (probe) {
      b.string = serializerOf(probe->stringType());
      b.id = serializerOf(probe->idType());
      b.boolean = serializerOf(probe->booleanType());
      b.integer = serializerOf(probe->intType());
      b.floating = serializerOf(probe->floatType());
    }
    return b;
  }();
  return builtins;
}

// Scalars whose values of the canonical kind pass through unchanged.
struct LeafFastPath {
  const ScalarType* string = nullptr;
  const ScalarType* id = nullptr;
  const ScalarType* boolean = nullptr;
  const ScalarType* integer = nullptr;
  const ScalarType* floating = nullptr;

  explicit LeafFastPath(const Schema& schema) {
    const auto& b = builtinSerializers();
    auto pick = [](const ScalarType& t, SerializeFn builtin) {
      return builtin && serializerOf(t) == builtin ? &t : nullptr;
    };
    string = pick(schema.stringType(), b.string);
    id = pick(schema.idType(), b.id);
    boolean = pick(schema.booleanType(), b.boolean);
    integer = pick(schema.intType(), b.integer);
    floating = pick(schema.floatType(), b.floating);
  }

  bool passesThrough(const Type& type, const Value& v) const {
    if (v.isString()) return &type == string || &type == id;
    if (v.isBool()) return &type == boolean;
    if (v.isInt()) {
      const auto i = v.asInt();
      return (&type == integer && i >= INT32_MIN && i <= INT32_MAX) || &type == floating;
    }
    if (v.isFloat()) return &type == floating && std::isfinite(v.asFloat());
    return false;
  }

  // An enum's internal value is its name (schema.h), so a string naming one
  // of its values is its own serialisation: no lookup-and-copy needed.
  static bool enumPassesThrough(const Type& type, const Value& v) {
    return type.kind == TypeKind::Enum && v.isString() && type.as<EnumType>().findValue(v.asString());
  }
};

const Value& nullValue() {
  static const Value v;
  return v;
}
const Value& emptyObject() {
  static const Value v = Value::object();
  return v;
}

class Executor {
 public:
  Executor(const Schema& schema, const ast::Document& doc, const ast::OperationDefinition& op, const Value& root,
           Value variables, ExecutionPlanCache* cache)
      : schema_(schema),
        op_(op),
        root_(root),
        variables_(std::move(variables)),
        fields_(schema, doc, variables_, cache),
        leaf_(schema) {}

  ExecutionResult run() {
    ExecutionResult result;
    const ObjectType* rootType = schema_.rootType(op_.operation);
    if (!rootType) {
      errors_.emplace_back("Schema is not configured to execute " + std::string(ast::operationTypeName(op_.operation)) +
                               " operation.",
                           op_);
      result.data = Value();
      result.errors = std::move(errors_);
      return result;
    }
    const CollectedFields& fields = fields_.collect(*rootType, nullptr, op_.selectionSet.get());
    Value data;
    if (!fields.ok) {
      // graphql-js: an error while collecting the root fields fails the whole operation.
      GraphQLError e(fields.error.message, fields.error.locations);
      errors_.push_back(std::move(e));
    } else if (!executeFields(*rootType, root_, fields, data)) {
      data = Value();
    }
    result.data = std::move(data);
    result.errors = std::move(errors_);
    return result;
  }

 private:
  // ---- errors ----------------------------------------------------------------

  void raise(std::string message, const std::vector<SourceLocation>& ownLocations,
             const std::vector<const ast::Field*>& nodes) {
    GraphQLError e(std::move(message));
    if (!ownLocations.empty()) {
      e.locations = ownLocations;
    } else {
      e.locations.reserve(nodes.size());
      for (const auto* n : nodes) e.locations.push_back({n->loc.line, n->loc.column});
    }
    e.hasPath = true;
    e.path.reserve(path_.size());
    for (const auto& p : path_) {
      if (p.index >= 0) e.path.emplace_back(p.index);
      else e.path.emplace_back(std::string(p.key));
    }
    errors_.push_back(std::move(e));
  }
  void raise(std::string message, const CollectedField& f) { raise(std::move(message), {}, f.nodes); }

  // ---- execution -------------------------------------------------------------------

  // Returns false when a non-null field failed: the object becomes null.
  // Results are built in place (no temporary Values to move around).
  bool executeFields(const ObjectType& type, const Value& source, const CollectedFields& fields, Value& out) {
    ValueObject& obj = out.makeObject(fields.fields.size());
    for (auto& f : fields.fields) {
      if (!f.def && !f.isTypename) continue;  // unknown field: graphql-js leaves it out
      path_.push_back({f.key, -1});
      obj.emplace_back(std::string(f.key), Value());
      const bool ok = executeField(type, source, f, obj.back().second);
      path_.pop_back();
      if (!ok) return false;
    }
    return true;
  }

  // graphql-js handleFieldError: a nullable position absorbs the failure.
  static bool absorb(const Type& type, Value& out) {
    if (type.isNonNull()) return false;
    out = Value();
    return true;
  }

  bool executeField(const ObjectType& parentType, const Value& source, const CollectedField& f, Value& out) {
    if (f.isTypename) {
      out = Value(parentType.name);
      return true;
    }
    const FieldDef& def = *f.def;
    FieldState& s = fields_.stateOf(f);
    if (!s.argsDone) {
      s.argsDone = true;
      s.info.emplace(ResolveInfo{def.name, def, parentType, schema_, f.nodes, root_, variables_,
                                 op_.operation});
      const ast::Field& node = *f.nodes.front();
      if (def.args.empty()) {
        s.argsOk = true;
        s.args = emptyObject();
      } else {
        s.argsOk = detail::getArgumentValues(def.args, node.arguments, node, &variables_, s.args, &s.argsError);
      }
    }
    if (!s.argsOk) {
      raise(s.argsError.message, s.argsError.locations, f.nodes);
      return absorb(*def.type, out);
    }
    const ResolveInfo& info = *s.info;
    Value resolved;
    const Value* result;
    Value* owned = nullptr;
    if (def.resolver) {
      // A leaf is resolved straight into its slot and coerced there.
      const bool leaf = f.leafResolver;
      try {
        (leaf ? out : resolved) = def.resolver(source, s.args, info);
      } catch (const std::exception& e) {
        raise(e.what(), f);
        return absorb(*def.type, out);
      } catch (...) {
        raise("Unexpected error value: the resolver threw a non-exception.", f);
        return absorb(*def.type, out);
      }
      if (leaf) {
        if (!completeValue(*def.type, f, info, out, out, nullptr)) return absorb(*def.type, out);
        return true;
      }
      result = owned = &resolved;
    } else {
      // graphql-js defaultFieldResolver: the same-named property of an object parent.
      result = source.isObject() ? source.find(def.name) : nullptr;
      if (!result) result = &nullValue();
    }
    if (!completeValue(*def.type, f, info, *result, out, owned)) return absorb(*def.type, out);
    return true;
  }

  std::string fieldCoordinate(const ResolveInfo& info) const {
    return info.parentType.name + "." + std::string(info.fieldName);
  }

    // `owned` is null, or `result` itself when it may be moved from (a
  // resolver's return value rather than a part of the parent).
  bool completeValue(const Type& type, const CollectedField& f, const ResolveInfo& info, const Value& result, Value& out,
                     Value* owned) {
    switch (type.kind) {
      case TypeKind::NonNull: {
        if (!completeValue(*type.as<NonNullType>().ofType, f, info, result, out, owned)) return false;
        if (out.isNull()) {
          raise("Cannot return null for non-nullable field " + fieldCoordinate(info) + ".", f);
          return false;
        }
        return true;
      }
      default: break;
    }
    if (result.isNull()) {
      out = Value();
      return true;
    }
    switch (type.kind) {
      case TypeKind::List: return completeList(type.as<ListType>(), f, info, result, out, owned);
      case TypeKind::Scalar:
      case TypeKind::Enum: {
        if (&out != &result) {  // `result` may be `out` itself (see executeField)
          if (owned) out = std::move(*owned);
          else out = result;
        }
        return serializeInPlace(type, f, out);
      }
      case TypeKind::Interface:
      case TypeKind::Union: {
        const ObjectType* runtimeType = resolveRuntimeType(type.as<NamedTypeDef>(), f, info, result);
        if (!runtimeType) return false;
        return completeObject(*runtimeType, f, info, result, out);
      }
      case TypeKind::Object: return completeObject(type.as<ObjectType>(), f, info, result, out);
      default:
        raise("Cannot complete value of unexpected output type: " + type.toString(), f);
        return false;
    }
  }

  // graphql-js completeLeafValue on `v`, replacing it by its serialisation.
  bool serializeInPlace(const Type& type, const CollectedField& f, Value& v) {
    if (leaf_.passesThrough(type, v) || LeafFastPath::enumPassesThrough(type, v)) return true;
    Value serialized;
    try {
      serialized = detail::serializeLeaf(type.as<NamedTypeDef>(), v);
    } catch (const std::exception& e) {
      raise(e.what(), f);
      return false;
    }
    if (serialized.isNull()) {
      raise("Expected `" + type.toString() + ".serialize(" + inspect(v) +
                ")` to return non-nullable value, returned: null",
            f);
      return false;
    }
    v = std::move(serialized);
    return true;
  }

  bool completeList(const ListType& type, const CollectedField& f, const ResolveInfo& info, const Value& result, Value& out,
                    Value* owned) {
    if (!result.isList()) {
      raise("Expected Iterable, but did not find one for field \"" + fieldCoordinate(info) + "\".", f);
      return false;
    }
    const Type& itemType = *type.ofType;
    if (owned) {
      // The resolver's own list becomes the result: each item is moved out
      // of its slot and completed back into it, saving a list allocation.
      ValueList& slots = owned->asList();
      for (std::size_t i = 0; i < slots.size(); ++i) {
        path_.push_back({{}, static_cast<std::int64_t>(i)});
        Value source = std::move(slots[i]);
        slots[i] = Value();
        const bool ok = completeValue(itemType, f, info, source, slots[i], &source) || absorb(itemType, slots[i]);
        path_.pop_back();
        if (!ok) return false;
      }
      out = std::move(*owned);
      return true;
    }
    const auto& items = result.asList();
    ValueList& completed = out.makeList(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      path_.push_back({{}, static_cast<std::int64_t>(i)});
      Value& item = completed.emplace_back();
      const bool ok = completeValue(itemType, f, info, items[i], item, nullptr) || absorb(itemType, item);
      path_.pop_back();
      if (!ok) return false;
    }
    return true;
  }

  const ObjectType* resolveRuntimeType(const NamedTypeDef& abstractType, const CollectedField& f, const ResolveInfo& info,
                                       const Value& result) {
    const TypeResolver& custom = abstractType.kind == TypeKind::Interface
                                     ? abstractType.as<InterfaceType>().resolveType
                                     : abstractType.as<UnionType>().resolveType;
    std::optional<std::string> name;
    try {
      if (custom) {
        std::string n = custom(result, info);
        if (!n.empty()) name = std::move(n);  // an empty name plays graphql-js's undefined
      } else {
        // graphql-js defaultTypeResolver: "__typename", then each possible type's isTypeOf.
        const Value* tn = result.isObject() ? result.find("__typename") : nullptr;
        if (tn && tn->isString()) {
          name = tn->asString();
        } else {
          for (const ObjectType* candidate : schema_.possibleTypes(abstractType))
            if (candidate->isTypeOf && candidate->isTypeOf(result, info)) {
              name = candidate->name;
              break;
            }
        }
      }
    } catch (const std::exception& e) {
      raise(e.what(), f);
      return nullptr;
    }
    const std::string& a = abstractType.name;
    if (!name) {
      raise("Abstract type \"" + a + "\" must resolve to an Object type at runtime for field \"" + fieldCoordinate(info) +
                "\". Either the \"" + a +
                "\" type should provide a \"resolveType\" function or each possible type should provide an "
                "\"isTypeOf\" function.",
            f);
      return nullptr;
    }
    const NamedTypeDef* runtime = schema_.getType(*name);
    if (!runtime) {
      raise("Abstract type \"" + a + "\" was resolved to a type \"" + *name + "\" that does not exist inside the schema.",
            f);
      return nullptr;
    }
    if (runtime->kind != TypeKind::Object) {
      raise("Abstract type \"" + a + "\" was resolved to a non-object type \"" + *name + "\".", f);
      return nullptr;
    }
    if (!schema_.isSubType(abstractType, *runtime)) {
      raise("Runtime Object type \"" + *name + "\" is not a possible type for \"" + a + "\".", f);
      return nullptr;
    }
    return &runtime->as<ObjectType>();
  }

  bool completeObject(const ObjectType& type, const CollectedField& f, const ResolveInfo& info, const Value& result,
                      Value& out) {
    const CollectedFields& sub = fields_.subfields(type, f);
    if (!sub.ok) {
      raise(sub.error.message, sub.error.locations, f.nodes);
      return false;
    }
    if (type.isTypeOf) {
      bool matches = false;
      try {
        matches = type.isTypeOf(result, info);
      } catch (const std::exception& e) {
        raise(e.what(), f);
        return false;
      }
      if (!matches) {
        raise("Expected value of type \"" + type.name + "\" but got: " + inspect(result) + ".", f);
        return false;
      }
    }
    if (depth_ >= kMaxExecutionDepth) {
      raise("Query is nested too deeply to execute.", f);
      return false;
    }
    ++depth_;
    const bool ok = executeFields(type, result, sub, out);
    --depth_;
    return ok;
  }

  const Schema& schema_;
  const ast::OperationDefinition& op_;
  const Value& root_;
  Value variables_;
  detail::FieldCollector fields_;
  LeafFastPath leaf_;
  std::vector<PathEntry> path_;
  std::vector<GraphQLError> errors_;
  std::size_t depth_ = 0;
};

}  // namespace

ExecutionResult execute(const Schema& schema, const ast::Document& document, const ExecuteArgs& args) {
  ExecutionResult result;
  std::string error;
  const ast::OperationDefinition* op = selectOperation(document, args.operationName, &error);
  if (!op) {
    result.errors.emplace_back(std::move(error));
    return result;
  }
  const Value& inputs = args.variableValues && !args.variableValues->isNull() ? *args.variableValues : emptyObject();
  if (!inputs.isObject()) {
    result.errors.emplace_back(
        "Variables must be provided as an Object where each property is a variable value. Perhaps look to see if an "
        "unparsed JSON string was provided.");
    return result;
  }
  std::optional<Value> variables = coerceVariableValues(schema, *op, inputs, result.errors);
  if (!variables) return result;
  const Value& root = args.rootValue ? *args.rootValue : emptyObject();
  Executor executor(schema, document, *op, root, std::move(*variables), args.planCache);
  return executor.run();
}

}  // namespace kubos::graphql
