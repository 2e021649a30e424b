// Input coercion (graphql-js coerceInputValue, getVariableValues,
// getArgumentValues, valueFromAST, valueFromASTUntyped) and leaf result
// coercion (serialize), with graphql-js's error messages.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <variant>

#include "execution_internal.h"
#include "graphql/execution.h"
#include "graphql/parser.h"
#include "inspect.h"
#include "suggest.h"

namespace kubos::graphql {
namespace detail {
namespace {

// ---- paths in variable errors -------------------------------------------------------

using InputPath = std::vector<std::variant<std::string_view, std::size_t>>;

std::string printPath(const InputPath& path) {
  std::string s;
  for (const auto& seg : path) {
    if (const auto* key = std::get_if<std::string_view>(&seg)) {
      s += '.';
      s += *key;
    } else {
      s += '[' + std::to_string(std::get<std::size_t>(seg)) + ']';
    }
  }
  return s;
}

// Reports one coercion problem: (path, invalid value, message).
struct InputErrorSink {
  virtual ~InputErrorSink() = default;
  virtual void report(const InputPath& path, const Value& invalid, std::string message) = 0;
};

// A value absent from its object (JavaScript's undefined); nullopt results
// from the coercion helpers mean "invalid, no value".
std::optional<Value> coerceInputValueImpl(const Value& input, const Type& type, InputPath& path,
                                          InputErrorSink& sink);

std::optional<Value> coerceLeaf(const Value& input, const NamedTypeDef& type, const InputPath& path,
                                InputErrorSink& sink) {
  if (type.kind == TypeKind::Enum) {
    const auto& e = type.as<EnumType>();
    std::vector<std::string_view> names;
    if (!input.isString()) {
      std::string valueStr = kubos::graphql::inspect(input);
      for (const auto& ev : e.values) names.push_back(ev.name);
      sink.report(path, input,
                  "Enum \"" + e.name + "\" cannot represent non-string value: " + valueStr + "." +
                      didYouMean("the enum value", suggestionList(valueStr, names)));
      return std::nullopt;
    }
    if (!e.findValue(input.asString())) {
      for (const auto& ev : e.values) names.push_back(ev.name);
      sink.report(path, input,
                  "Value \"" + input.asString() + "\" does not exist in \"" + e.name + "\" enum." +
                      didYouMean("the enum value", suggestionList(input.asString(), names)));
      return std::nullopt;
    }
    return input;
  }
  const auto& scalar = type.as<ScalarType>();
  if (!scalar.parseValue) return input;  // custom scalar without a parser: identity
  try {
    return scalar.parseValue(input);
  } catch (const FieldError& e) {
    // FieldError plays graphql-js's GraphQLError: its message is used as is.
    sink.report(path, input, e.what());
  } catch (const std::exception& e) {
    sink.report(path, input, "Expected type \"" + scalar.name + "\". " + e.what());
  } catch (...) {
    sink.report(path, input, "Expected type \"" + scalar.name + "\".");
  }
  return std::nullopt;
}

std::optional<Value> coerceInputValueImpl(const Value& input, const Type& type, InputPath& path,
                                          InputErrorSink& sink) {
  if (type.kind == TypeKind::NonNull) {
    if (!input.isNull()) return coerceInputValueImpl(input, *type.as<NonNullType>().ofType, path, sink);
    sink.report(path, input, "Expected non-nullable type \"" + type.toString() + "\" not to be null.");
    return std::nullopt;
  }
  if (input.isNull()) return Value();
  if (type.kind == TypeKind::List) {
    const Type& itemType = *type.as<ListType>().ofType;
    if (input.isList()) {
      ValueList items;
      items.reserve(input.asList().size());
      std::size_t index = 0;
      for (const auto& item : input.asList()) {
        path.emplace_back(index++);
        auto coerced = coerceInputValueImpl(item, itemType, path, sink);
        path.pop_back();
        // An invalid item has been reported; keep going to report the others.
        items.push_back(coerced ? std::move(*coerced) : Value());
      }
      return Value(std::move(items));
    }
    // A non-list value is accepted as a list of one.
    auto coerced = coerceInputValueImpl(input, itemType, path, sink);
    ValueList one;
    one.push_back(coerced ? std::move(*coerced) : Value());
    return Value(std::move(one));
  }
  if (type.kind == TypeKind::InputObject) {
    const auto& io = type.as<InputObjectType>();
    if (!input.isObject()) {
      sink.report(path, input, "Expected type \"" + io.name + "\" to be an object.");
      return std::nullopt;
    }
    ValueObject out;
    out.reserve(io.fields.size());
    bool firstInvalid = false;  // graphql-js stores undefined for an invalid field
    for (const auto& field : io.fields) {
      const Value* fieldValue = input.find(field.name);
      if (!fieldValue) {
        if (field.defaultValue) {
          out.emplace_back(field.name, *field.defaultValue);
        } else if (field.type->isNonNull()) {
          sink.report(path, input,
                      "Field \"" + field.name + "\" of required type \"" + field.type->toString() +
                          "\" was not provided.");
        }
        continue;
      }
      path.emplace_back(std::string_view(field.name));
      auto coerced = coerceInputValueImpl(*fieldValue, *field.type, path, sink);
      path.pop_back();
      if (out.empty()) firstInvalid = !coerced;
      out.emplace_back(field.name, coerced ? std::move(*coerced) : Value());
    }
    for (const auto& [key, member] : input.asObject()) {
      (void)member;
      if (!io.findField(key)) {
        std::vector<std::string_view> names;
        for (const auto& f : io.fields) names.push_back(f.name);
        sink.report(path, input,
                    "Field \"" + key + "\" is not defined by type \"" + io.name + "\"." +
                        didYouMean(suggestionList(key, names)));
      }
    }
    if (io.isOneOf) {
      if (out.size() != 1)
        sink.report(path, input, "Exactly one key must be specified for OneOf type \"" + io.name + "\".");
      if (!out.empty() && !firstInvalid && out.front().second.isNull()) {
        path.emplace_back(std::string_view(out.front().first));
        sink.report(path, Value(), "Field \"" + out.front().first + "\" must be non-null.");
        path.pop_back();
      }
    }
    return Value(std::move(out));
  }
  if (type.isLeaf()) return coerceLeaf(input, type.as<NamedTypeDef>(), path, sink);
  return std::nullopt;  // not an input type: refused earlier
}

// A variable holds a value when it is present in the coerced variables.
const Value* lookupVariable(const Value* variables, std::string_view name) {
  return variables ? variables->find(name) : nullptr;
}

bool isMissingVariable(const ast::ValueNode& node, const Value* variables) {
  return node.kind == ast::Kind::Variable &&
         !lookupVariable(variables, node.as<ast::Variable>().name.value);
}

std::optional<Value> valueFromASTImpl(const ast::ValueNode& node, const Type& type, const Value* variables) {
  if (node.kind == ast::Kind::Variable) {
    const Value* v = lookupVariable(variables, node.as<ast::Variable>().name.value);
    if (!v) return std::nullopt;
    if (v->isNull() && type.isNonNull()) return std::nullopt;
    return *v;  // variables were coerced already
  }
  if (type.kind == TypeKind::NonNull) {
    if (node.kind == ast::Kind::NullValue) return std::nullopt;
    return valueFromASTImpl(node, *type.as<NonNullType>().ofType, variables);
  }
  if (node.kind == ast::Kind::NullValue) return Value();
  if (type.kind == TypeKind::List) {
    const Type& itemType = *type.as<ListType>().ofType;
    if (node.kind == ast::Kind::ListValue) {
      ValueList items;
      const auto& values = node.as<ast::ListValue>().values;
      items.reserve(values.size());
      for (const auto& item : values) {
        if (isMissingVariable(*item, variables)) {
          if (itemType.isNonNull()) return std::nullopt;
          items.emplace_back();
          continue;
        }
        auto v = valueFromASTImpl(*item, itemType, variables);
        if (!v) return std::nullopt;
        items.push_back(std::move(*v));
      }
      return Value(std::move(items));
    }
    auto v = valueFromASTImpl(node, itemType, variables);
    if (!v) return std::nullopt;
    ValueList one;
    one.push_back(std::move(*v));
    return Value(std::move(one));
  }
  if (type.kind == TypeKind::InputObject) {
    if (node.kind != ast::Kind::ObjectValue) return std::nullopt;
    const auto& io = type.as<InputObjectType>();
    const auto& fieldNodes = node.as<ast::ObjectValue>().fields;
    ValueObject out;
    out.reserve(io.fields.size());
    for (const auto& field : io.fields) {
      const ast::ObjectField* fieldNode = nullptr;
      for (const auto& fn : fieldNodes)
        if (fn->name.value == field.name) fieldNode = fn.get();  // the last one wins, as keyMap
      if (!fieldNode || isMissingVariable(*fieldNode->value, variables)) {
        if (field.defaultValue) {
          out.emplace_back(field.name, *field.defaultValue);
        } else if (field.type->isNonNull()) {
          return std::nullopt;
        }
        continue;
      }
      auto v = valueFromASTImpl(*fieldNode->value, *field.type, variables);
      if (!v) return std::nullopt;
      out.emplace_back(field.name, std::move(*v));
    }
    if (io.isOneOf && (out.size() != 1 || out.front().second.isNull())) return std::nullopt;
    return Value(std::move(out));
  }
  if (type.kind == TypeKind::Enum) {
    if (node.kind != ast::Kind::EnumValue) return std::nullopt;
    const auto& e = type.as<EnumType>();
    const auto* ev = e.findValue(node.as<ast::EnumValue>().value);
    if (!ev) return std::nullopt;
    return Value(ev->name);
  }
  if (type.kind == TypeKind::Scalar) {
    const auto& scalar = type.as<ScalarType>();
    if (!scalar.parseLiteral) return valueFromASTUntyped(node, variables);
    try {
      return scalar.parseLiteral(node, variables);
    } catch (...) {
      return std::nullopt;  // graphql-js: an invalid literal gives no value
    }
  }
  return std::nullopt;
}

}  // namespace

bool getArgumentValues(const std::vector<InputValueDef>& defs, const ast::PtrList<ast::Argument>& argNodes,
                       const ast::Node& node, const Value* variables, Value& out, RaisedError* error) {
  ValueObject coerced;
  coerced.reserve(defs.size());
  auto fail = [&](std::string message, const ast::Node& at) {
    if (error) *error = RaisedError{std::move(message), {{at.loc.line, at.loc.column}}};
    return false;
  };
  for (const auto& def : defs) {
    const ast::Argument* argNode = nullptr;
    for (const auto& a : argNodes)
      if (a->name.value == def.name) argNode = a.get();  // last wins, as graphql-js keyMap
    if (!argNode || !argNode->value) {
      if (def.defaultValue) {
        coerced.emplace_back(def.name, *def.defaultValue);
      } else if (def.type->isNonNull()) {
        return fail("Argument \"" + def.name + "\" of required type \"" + def.type->toString() +
                        "\" was not provided.",
                    node);
      }
      continue;
    }
    const ast::ValueNode& valueNode = *argNode->value;
    bool isNull = valueNode.kind == ast::Kind::NullValue;
    if (valueNode.kind == ast::Kind::Variable) {
      std::string_view varName = valueNode.as<ast::Variable>().name.value;
      const Value* v = lookupVariable(variables, varName);
      if (!v) {
        if (def.defaultValue) {
          coerced.emplace_back(def.name, *def.defaultValue);
        } else if (def.type->isNonNull()) {
          return fail("Argument \"" + def.name + "\" of required type \"" + def.type->toString() +
                          "\" was provided the variable \"$" + std::string(varName) +
                          "\" which was not provided a runtime value.",
                      valueNode);
        }
        continue;
      }
      isNull = v->isNull();
    }
    if (isNull && def.type->isNonNull()) {
      return fail("Argument \"" + def.name + "\" of non-null type \"" + def.type->toString() +
                      "\" must not be null.",
                  valueNode);
    }
    auto value = valueFromASTImpl(valueNode, *def.type, variables);
    if (!value) {
      return fail("Argument \"" + def.name + "\" has invalid value " + printValueNode(valueNode) + ".",
                  valueNode);
    }
    coerced.emplace_back(def.name, std::move(*value));
  }
  out = Value(std::move(coerced));
  return true;
}

Value serializeLeaf(const NamedTypeDef& type, const Value& v) {
  if (type.kind == TypeKind::Enum) {
    // Internal enum values are their names (schema.h).
    const auto& e = type.as<EnumType>();
    if (v.isString()) {
      if (const auto* ev = e.findValue(v.asString())) return Value(ev->name);
    }
    throw FieldError("Enum \"" + e.name + "\" cannot represent value: " + kubos::graphql::inspect(v));
  }
  const auto& scalar = type.as<ScalarType>();
  if (!scalar.serialize) return v;
  return scalar.serialize(v);
}

}  // namespace detail

// ---- public entry points ------------------------------------------------------------

namespace {

constexpr std::size_t kMaxCoercionErrors = 50;  // graphql-js maxCoercionErrors default

struct TooManyErrors {};

struct VariableErrorSink : detail::InputErrorSink {
  std::vector<GraphQLError>& errors;
  const ast::VariableDefinition* def = nullptr;
  std::string_view name;
  explicit VariableErrorSink(std::vector<GraphQLError>& e) : errors(e) {}

  void add(GraphQLError e) {
    if (errors.size() >= kMaxCoercionErrors) throw TooManyErrors{};
    errors.push_back(std::move(e));
  }
  void report(const detail::InputPath& path, const Value& invalid, std::string message) override {
    std::string prefix = "Variable \"$" + std::string(name) + "\" got invalid value " + kubos::graphql::inspect(invalid);
    if (!path.empty()) prefix += " at \"" + std::string(name) + detail::printPath(path) + "\"";
    add(GraphQLError(prefix + "; " + message, *def));
  }
};

}  // namespace

std::optional<Value> coerceVariableValues(const Schema& schema, const ast::OperationDefinition& op,
                                          const Value& inputs, std::vector<GraphQLError>& errors) {
  const std::size_t errorsBefore = errors.size();
  VariableErrorSink sink(errors);
  ValueObject coerced;
  coerced.reserve(op.variableDefinitions.size());
  try {
    for (const auto& vd : op.variableDefinitions) {
      std::string_view name = vd->variable.name.value;
      const Type* type = vd->type ? schema.typeFromAST(*vd->type) : nullptr;
      if (!type || !type->isInputType()) {
        sink.add(GraphQLError("Variable \"$" + std::string(name) + "\" expected value of type \"" +
                                  (vd->type ? printTypeNode(*vd->type) : std::string()) +
                                  "\" which cannot be used as an input type.",
                              vd->type ? static_cast<const ast::Node&>(*vd->type) : *vd));
        continue;
      }
      const Value* input = inputs.find(name);
      if (!input) {
        if (vd->defaultValue) {
          if (auto v = detail::valueFromASTImpl(*vd->defaultValue, *type, nullptr))
            coerced.emplace_back(std::string(name), std::move(*v));
        } else if (type->isNonNull()) {
          sink.add(GraphQLError("Variable \"$" + std::string(name) + "\" of required type \"" + type->toString() +
                                    "\" was not provided.",
                                *vd));
        }
        continue;
      }
      if (input->isNull() && type->isNonNull()) {
        sink.add(GraphQLError("Variable \"$" + std::string(name) + "\" of non-null type \"" + type->toString() +
                                  "\" must not be null.",
                              *vd));
        continue;
      }
      sink.def = vd.get();
      sink.name = name;
      detail::InputPath path;
      auto v = detail::coerceInputValueImpl(*input, *type, path, sink);
      coerced.emplace_back(std::string(name), v ? std::move(*v) : Value());
    }
  } catch (const TooManyErrors&) {
    errors.emplace_back("Too many errors processing variables, error limit reached. Execution aborted.");
  }
  if (errors.size() != errorsBefore) return std::nullopt;
  return Value(std::move(coerced));
}

std::optional<Value> valueFromAST(const Schema& /*schema*/, const ast::ValueNode* node, const Type& type,
                                  const Value* variables) {
  if (!node) return std::nullopt;
  return detail::valueFromASTImpl(*node, type, variables);
}

Value valueFromASTUntyped(const ast::ValueNode& node, const Value* variables) {
  switch (node.kind) {
    case ast::Kind::IntValue: {
      std::string_view text = node.as<ast::IntValue>().value;
      std::int64_t i = 0;
      auto res = std::from_chars(text.data(), text.data() + text.size(), i);
      if (res.ec == std::errc() && res.ptr == text.data() + text.size()) return Value(i);
      return Value(std::strtod(std::string(text).c_str(), nullptr));  // beyond int64: a JS number
    }
    case ast::Kind::FloatValue:
      return Value(std::strtod(std::string(node.as<ast::FloatValue>().value).c_str(), nullptr));
    case ast::Kind::StringValue: return Value(node.as<ast::StringValue>().value);
    case ast::Kind::EnumValue: return Value(node.as<ast::EnumValue>().value);
    case ast::Kind::BooleanValue: return Value(node.as<ast::BooleanValue>().value);
    case ast::Kind::ListValue: {
      ValueList items;
      const auto& values = node.as<ast::ListValue>().values;
      items.reserve(values.size());
      for (const auto& item : values) items.push_back(valueFromASTUntyped(*item, variables));
      return Value(std::move(items));
    }
    case ast::Kind::ObjectValue: {
      Value obj = Value::object();
      for (const auto& f : node.as<ast::ObjectValue>().fields)
        obj.set(f->name.value, valueFromASTUntyped(*f->value, variables));  // keyValMap: last wins
      return obj;
    }
    case ast::Kind::Variable: {
      const Value* v = detail::lookupVariable(variables, node.as<ast::Variable>().name.value);
      return v ? *v : Value();
    }
    default: return Value();
  }
}

}  // namespace kubos::graphql
