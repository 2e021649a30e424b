// Introspection: the __Schema, __Type, ... types exactly as graphql-js 16.15
// defines them (written here as SDL and built by the schema builder), their
// resolvers over kubos::graphql::Handle parents, the meta fields __schema, __type and
// __typename, and astFromValue + print for default values.
#include <cmath>
#include <deque>
#include <mutex>

#include "graphql/parser.h"
#include "inspect.h"
#include "schema_impl.h"

namespace kubos::graphql {

namespace {

// Field order, argument defaults and descriptions follow graphql-js's
// type/introspection.js; the type map order follows from the field order.
constexpr std::string_view kIntrospectionSDL = R"GQL(
"A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations."
type __Schema {
  description: String
  "A list of all types supported by this server."
  types: [__Type!]!
  "The type that query operations will be rooted at."
  queryType: __Type!
  "If this server supports mutation, the type that mutation operations will be rooted at."
  mutationType: __Type
  "If this server support subscription, the type that subscription operations will be rooted at."
  subscriptionType: __Type
  "A list of all directives supported by this server."
  directives(includeDeprecated: Boolean! = false): [__Directive!]!
}

"The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
  isOneOf: Boolean
}

"An enum describing what kind of type a given `__Type` is."
enum __TypeKind {
  "Indicates this type is a scalar."
  SCALAR
  "Indicates this type is an object. `fields` and `interfaces` are valid fields."
  OBJECT
  "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."
  INTERFACE
  "Indicates this type is a union. `possibleTypes` is a valid field."
  UNION
  "Indicates this type is an enum. `enumValues` is a valid field."
  ENUM
  "Indicates this type is an input object. `inputFields` is a valid field."
  INPUT_OBJECT
  "Indicates this type is a list. `ofType` is a valid field."
  LIST
  "Indicates this type is a non-null. `ofType` is a valid field."
  NON_NULL
}

"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}

"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  "A GraphQL-formatted string representing the default value for this input value."
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  isDeprecated: Boolean!
  deprecationReason: String
}

"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies."
enum __DirectiveLocation {
  "Location adjacent to a query operation."
  QUERY
  "Location adjacent to a mutation operation."
  MUTATION
  "Location adjacent to a subscription operation."
  SUBSCRIPTION
  "Location adjacent to a field."
  FIELD
  "Location adjacent to a fragment definition."
  FRAGMENT_DEFINITION
  "Location adjacent to a fragment spread."
  FRAGMENT_SPREAD
  "Location adjacent to an inline fragment."
  INLINE_FRAGMENT
  "Location adjacent to a variable definition."
  VARIABLE_DEFINITION
  "Location adjacent to a schema definition."
  SCHEMA
  "Location adjacent to a scalar definition."
  SCALAR
  "Location adjacent to an object type definition."
  OBJECT
  "Location adjacent to a field definition."
  FIELD_DEFINITION
  "Location adjacent to an argument definition."
  ARGUMENT_DEFINITION
  "Location adjacent to an interface definition."
  INTERFACE
  "Location adjacent to a union definition."
  UNION
  "Location adjacent to an enum definition."
  ENUM
  "Location adjacent to an enum value definition."
  ENUM_VALUE
  "Location adjacent to an input object type definition."
  INPUT_OBJECT
  "Location adjacent to an input object field definition."
  INPUT_FIELD_DEFINITION
  "Location adjacent to a directive definition."
  DIRECTIVE_DEFINITION
}
)GQL";

constexpr std::string_view kIntrospectionTypeNames[] = {
    "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
};

// Tags of the Handles that introspection resolvers receive as parents.
enum Tag : std::uint32_t {
  kSchemaTag = 0x5343'0001,
  kTypeTag,
  kFieldTag,
  kInputValueTag,
  kEnumValueTag,
  kDirectiveTag,
};

template <class T> Value handle(const T* p, Tag tag) {
  if (!p) return Value();
  return Value(Handle{static_cast<const void*>(p), tag});
}

Value typeHandle(const Type* t) { return handle(t, kTypeTag); }

template <class T> const T& parentAs(const Value& parent, Tag tag) {
  if (!parent.isHandle() || parent.asHandle().tag != tag || !parent.asHandle().ptr)
    throw FieldError("Introspection field resolved on a value that is not an introspection object.");
  return *static_cast<const T*>(parent.asHandle().ptr);
}

Value optionalString(const std::optional<std::string>& s) { return s ? Value(*s) : Value(); }

bool includeDeprecated(const Value& args) {
  const Value* v = args.find("includeDeprecated");
  return v && v->isBool() && v->asBool();
}

template <class T> Value listOfHandles(const std::vector<T>& items, Tag tag, bool includeAll) {
  Value list = Value::list();
  list.asList().reserve(items.size());
  for (const auto& item : items)
    if (includeAll || !item.deprecationReason) list.push(handle(&item, tag));
  return list;
}

using ResolverFn = Value (*)(const Value&, const Value&, const ResolveInfo&);

void bind(Schema& schema, std::string_view type, std::string_view field, ResolverFn fn) {
  // The fields exist (they come from kIntrospectionSDL): binding cannot fail.
  static_cast<void>(schema.bindResolver(type, field, fn));
}

void bindSchemaType(Schema& s) {
  bind(s, "__Schema", "description",
       [](const Value& p, const Value&, const ResolveInfo&) { return optionalString(parentAs<Schema>(p, kSchemaTag).description()); });
  bind(s, "__Schema", "types", [](const Value& p, const Value&, const ResolveInfo&) {
    const auto& types = parentAs<Schema>(p, kSchemaTag).types();
    Value list = Value::list();
    list.asList().reserve(types.size());
    for (const NamedTypeDef* t : types) list.push(typeHandle(t));
    return list;
  });
  bind(s, "__Schema", "queryType",
       [](const Value& p, const Value&, const ResolveInfo&) { return typeHandle(parentAs<Schema>(p, kSchemaTag).queryType()); });
  bind(s, "__Schema", "mutationType", [](const Value& p, const Value&, const ResolveInfo&) {
    return typeHandle(parentAs<Schema>(p, kSchemaTag).mutationType());
  });
  bind(s, "__Schema", "subscriptionType", [](const Value& p, const Value&, const ResolveInfo&) {
    return typeHandle(parentAs<Schema>(p, kSchemaTag).subscriptionType());
  });
  bind(s, "__Schema", "directives", [](const Value& p, const Value& args, const ResolveInfo&) {
    const bool all = includeDeprecated(args);
    const auto& directives = parentAs<Schema>(p, kSchemaTag).directives();
    Value list = Value::list();
    list.asList().reserve(directives.size());
    for (const DirectiveDef* d : directives)
      if (all || !d->deprecationReason) list.push(handle(d, kDirectiveTag));
    return list;
  });
}

void bindTypeType(Schema& s) {
  bind(s, "__Type", "kind", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(typeKindName(parentAs<Type>(p, kTypeTag).kind));
  });
  bind(s, "__Type", "name", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    return t.isNamed() ? Value(t.as<NamedTypeDef>().name) : Value();
  });
  bind(s, "__Type", "description", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    return t.isNamed() ? optionalString(t.as<NamedTypeDef>().description) : Value();
  });
  bind(s, "__Type", "specifiedByURL", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    return t.kind == TypeKind::Scalar ? optionalString(t.as<ScalarType>().specifiedByURL) : Value();
  });
  bind(s, "__Type", "fields", [](const Value& p, const Value& args, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (t.kind != TypeKind::Object && t.kind != TypeKind::Interface) return Value();
    return listOfHandles(t.as<FieldsType>().fields, kFieldTag, includeDeprecated(args));
  });
  bind(s, "__Type", "interfaces", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (t.kind != TypeKind::Object && t.kind != TypeKind::Interface) return Value();
    const auto& interfaces = t.as<FieldsType>().interfaces;
    Value list = Value::list();
    list.asList().reserve(interfaces.size());
    for (const InterfaceType* i : interfaces) list.push(typeHandle(i));
    return list;
  });
  bind(s, "__Type", "possibleTypes", [](const Value& p, const Value&, const ResolveInfo& info) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (!t.isAbstract()) return Value();
    const auto& possible = info.schema.possibleTypes(t.as<NamedTypeDef>());
    Value list = Value::list();
    list.asList().reserve(possible.size());
    for (const ObjectType* o : possible) list.push(typeHandle(o));
    return list;
  });
  bind(s, "__Type", "enumValues", [](const Value& p, const Value& args, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (t.kind != TypeKind::Enum) return Value();
    return listOfHandles(t.as<EnumType>().values, kEnumValueTag, includeDeprecated(args));
  });
  bind(s, "__Type", "inputFields", [](const Value& p, const Value& args, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (t.kind != TypeKind::InputObject) return Value();
    return listOfHandles(t.as<InputObjectType>().fields, kInputValueTag, includeDeprecated(args));
  });
  bind(s, "__Type", "ofType", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    if (t.kind == TypeKind::List) return typeHandle(t.as<ListType>().ofType);
    if (t.kind == TypeKind::NonNull) return typeHandle(t.as<NonNullType>().ofType);
    return Value();
  });
  bind(s, "__Type", "isOneOf", [](const Value& p, const Value&, const ResolveInfo&) {
    const Type& t = parentAs<Type>(p, kTypeTag);
    return t.kind == TypeKind::InputObject ? Value(t.as<InputObjectType>().isOneOf) : Value();
  });
}

void bindFieldType(Schema& s) {
  bind(s, "__Field", "name",
       [](const Value& p, const Value&, const ResolveInfo&) { return Value(parentAs<FieldDef>(p, kFieldTag).name); });
  bind(s, "__Field", "description", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<FieldDef>(p, kFieldTag).description);
  });
  bind(s, "__Field", "args", [](const Value& p, const Value& args, const ResolveInfo&) {
    return listOfHandles(parentAs<FieldDef>(p, kFieldTag).args, kInputValueTag, includeDeprecated(args));
  });
  bind(s, "__Field", "type",
       [](const Value& p, const Value&, const ResolveInfo&) { return typeHandle(parentAs<FieldDef>(p, kFieldTag).type); });
  bind(s, "__Field", "isDeprecated", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<FieldDef>(p, kFieldTag).deprecationReason.has_value());
  });
  bind(s, "__Field", "deprecationReason", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<FieldDef>(p, kFieldTag).deprecationReason);
  });
}

void bindInputValueType(Schema& s) {
  bind(s, "__InputValue", "name", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<InputValueDef>(p, kInputValueTag).name);
  });
  bind(s, "__InputValue", "description", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<InputValueDef>(p, kInputValueTag).description);
  });
  bind(s, "__InputValue", "type", [](const Value& p, const Value&, const ResolveInfo&) {
    return typeHandle(parentAs<InputValueDef>(p, kInputValueTag).type);
  });
  bind(s, "__InputValue", "defaultValue", [](const Value& p, const Value&, const ResolveInfo& info) {
    return optionalString(detail::printDefaultValue(info.schema, parentAs<InputValueDef>(p, kInputValueTag)));
  });
  bind(s, "__InputValue", "isDeprecated", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<InputValueDef>(p, kInputValueTag).deprecationReason.has_value());
  });
  bind(s, "__InputValue", "deprecationReason", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<InputValueDef>(p, kInputValueTag).deprecationReason);
  });
}

void bindEnumValueType(Schema& s) {
  bind(s, "__EnumValue", "name", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<EnumValueDef>(p, kEnumValueTag).name);
  });
  bind(s, "__EnumValue", "description", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<EnumValueDef>(p, kEnumValueTag).description);
  });
  bind(s, "__EnumValue", "isDeprecated", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<EnumValueDef>(p, kEnumValueTag).deprecationReason.has_value());
  });
  bind(s, "__EnumValue", "deprecationReason", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<EnumValueDef>(p, kEnumValueTag).deprecationReason);
  });
}

void bindDirectiveType(Schema& s) {
  bind(s, "__Directive", "name", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<DirectiveDef>(p, kDirectiveTag).name);
  });
  bind(s, "__Directive", "description", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<DirectiveDef>(p, kDirectiveTag).description);
  });
  bind(s, "__Directive", "isRepeatable", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<DirectiveDef>(p, kDirectiveTag).repeatable);
  });
  bind(s, "__Directive", "locations", [](const Value& p, const Value&, const ResolveInfo&) {
    const auto& locations = parentAs<DirectiveDef>(p, kDirectiveTag).locations;
    Value list = Value::list();
    list.asList().reserve(locations.size());
    for (DirectiveLocation l : locations) list.push(Value(directiveLocationName(l)));
    return list;
  });
  bind(s, "__Directive", "args", [](const Value& p, const Value& args, const ResolveInfo&) {
    return listOfHandles(parentAs<DirectiveDef>(p, kDirectiveTag).args, kInputValueTag, includeDeprecated(args));
  });
  bind(s, "__Directive", "isDeprecated", [](const Value& p, const Value&, const ResolveInfo&) {
    return Value(parentAs<DirectiveDef>(p, kDirectiveTag).deprecationReason.has_value());
  });
  bind(s, "__Directive", "deprecationReason", [](const Value& p, const Value&, const ResolveInfo&) {
    return optionalString(parentAs<DirectiveDef>(p, kDirectiveTag).deprecationReason);
  });
}

void makeMetaFields(Schema& s) {
  auto& impl = s.impl();
  FieldDef& schemaField = impl.schemaMetaField;
  schemaField.name = "__schema";
  schemaField.description = "Access the current type schema of this server.";
  schemaField.type = s.nonNullOf(s.getType("__Schema"));
  schemaField.resolver = [](const Value&, const Value&, const ResolveInfo& info) {
    return handle(&info.schema, kSchemaTag);
  };

  FieldDef& typeField = impl.typeMetaField;
  typeField.name = "__type";
  typeField.description = "Request the type information of a single type.";
  typeField.type = s.getType("__Type");
  InputValueDef nameArg;
  nameArg.name = "name";
  nameArg.type = s.nonNullOf(&s.stringType());
  typeField.args.push_back(std::move(nameArg));
  typeField.resolver = [](const Value&, const Value& args, const ResolveInfo& info) {
    const Value* name = args.find("name");
    if (!name || !name->isString()) return Value();
    return typeHandle(info.schema.getType(name->asString()));
  };

  FieldDef& typenameField = impl.typenameMetaField;
  typenameField.name = "__typename";
  typenameField.description = "The name of the current Object type at runtime.";
  typenameField.type = s.nonNullOf(&s.stringType());
  typenameField.resolver = [](const Value&, const Value&, const ResolveInfo& info) {
    return Value(info.parentType.name);
  };
}

// ---- astFromValue ------------------------------------------------------------

bool isIntegerString(std::string_view s) {  // /^-?(?:0|[1-9][0-9]*)$/
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  if (s == "0") return true;
  if (s.front() < '1' || s.front() > '9') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

class AstFromValue {
 public:
  explicit AstFromValue(const Schema& schema) : schema_(schema) {}

  // nullptr where graphql-js's astFromValue returns null.
  ast::Ptr<ast::ValueNode> build(const Value& value, const Type& type) {
    if (type.isNonNull()) {
      auto node = build(value, *type.as<NonNullType>().ofType);
      if (node && node->kind == ast::Kind::NullValue) return nullptr;
      return node;
    }
    if (value.isNull()) return std::make_unique<ast::NullValue>();
    if (type.isList()) {
      const Type& itemType = *type.as<ListType>().ofType;
      if (!value.isList()) return build(value, itemType);
      auto list = std::make_unique<ast::ListValue>();
      for (const Value& item : value.asList())
        if (auto node = build(item, itemType)) list->values.push_back(std::move(node));
      return list;
    }
    if (type.kind == TypeKind::InputObject) {
      if (!value.isObject()) return nullptr;
      auto object = std::make_unique<ast::ObjectValue>();
      for (const InputValueDef& field : type.as<InputObjectType>().fields) {
        const Value* fieldValue = value.find(field.name);
        if (!fieldValue) continue;  // undefined
        if (auto node = build(*fieldValue, *field.type)) {
          auto f = std::make_unique<ast::ObjectField>();
          f->name.value = field.name;
          f->value = std::move(node);
          object->fields.push_back(std::move(f));
        }
      }
      return object;
    }
    return leaf(value, type.as<NamedTypeDef>());
  }

 private:
  ast::Ptr<ast::ValueNode> leaf(const Value& value, const NamedTypeDef& type) {
    Value serialized;
    if (type.kind == TypeKind::Enum) {
      // Enum internal values are their names (SDL enums).
      if (!value.isString() || !type.as<EnumType>().findValue(value.asString()))
        throw FieldError("Enum \"" + type.name + "\" cannot represent value: " + inspect(value));
      serialized = value;
    } else if (type.kind == TypeKind::Scalar) {
      const auto& scalar = type.as<ScalarType>();
      serialized = scalar.serialize ? scalar.serialize(value) : value;
    } else {
      return nullptr;
    }
    if (serialized.isNull()) return nullptr;
    if (serialized.isBool()) {
      auto node = std::make_unique<ast::BooleanValue>();
      node->value = serialized.asBool();
      return node;
    }
    if (serialized.isNumber() && std::isfinite(serialized.asNumber())) {
      const std::string& text = texts_.emplace_back(jsNumberToString(serialized));
      if (isIntegerString(text)) {
        auto node = std::make_unique<ast::IntValue>();
        node->value = text;
        return node;
      }
      auto node = std::make_unique<ast::FloatValue>();
      node->value = text;
      return node;
    }
    if (serialized.isString()) {
      if (type.kind == TypeKind::Enum) {
        auto node = std::make_unique<ast::EnumValue>();
        node->value = texts_.emplace_back(serialized.asString());
        return node;
      }
      if (&type == &schema_.idType() && isIntegerString(serialized.asString())) {
        auto node = std::make_unique<ast::IntValue>();
        node->value = texts_.emplace_back(serialized.asString());
        return node;
      }
      auto node = std::make_unique<ast::StringValue>();
      node->value = serialized.asString();
      return node;
    }
    throw FieldError("Cannot convert value to AST: " + inspect(serialized) + ".");
  }

  const Schema& schema_;
  std::deque<std::string> texts_;  // storage for the nodes' string_views
};

}  // namespace

namespace detail {

const std::shared_ptr<const ast::Document>& introspectionDocument() {
  static const std::shared_ptr<const ast::Document> doc = [] {
    ParseResult parsed = parse(std::string(kIntrospectionSDL));
    return std::shared_ptr<const ast::Document>(std::move(parsed.document));
  }();
  return doc;
}

bool isIntrospectionTypeName(std::string_view name) {
  for (std::string_view n : kIntrospectionTypeNames)
    if (n == name) return true;
  return false;
}

void bindIntrospection(Schema& schema) {
  bindSchemaType(schema);
  bindTypeType(schema);
  bindFieldType(schema);
  bindInputValueType(schema);
  bindEnumValueType(schema);
  bindDirectiveType(schema);
  makeMetaFields(schema);
}

std::optional<std::string> printDefaultValue(const Schema& schema, const InputValueDef& def) {
  if (!def.defaultValue || !def.type) return std::nullopt;
  AstFromValue builder(schema);
  auto node = builder.build(*def.defaultValue, *def.type);
  if (!node) return std::nullopt;
  return printValueNode(*node);
}

}  // namespace detail
}  // namespace kubos::graphql
