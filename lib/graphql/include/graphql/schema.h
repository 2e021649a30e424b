// The type system: a Schema built from SDL at run time, with C++ resolvers
// bound to it by type and field name.
//
// The model mirrors graphql-js's GraphQLSchema (types, fields, arguments,
// directives, descriptions, deprecation) so that introspection of a schema
// built here equals graphql-js's for the same SDL. A Schema is immutable once
// built and bound; it is shared by all requests and threads.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/value.h"

namespace kubos::graphql {

class Schema;
struct FieldDef;
struct ObjectType;

enum class TypeKind : std::uint8_t { Scalar, Object, Interface, Union, Enum, InputObject, List, NonNull };
std::string_view typeKindName(TypeKind k);  // "SCALAR", "OBJECT", ... as __TypeKind

struct Type {
  explicit Type(TypeKind k) : kind(k) {}
  virtual ~Type() = default;
  Type(const Type&) = delete;
  Type& operator=(const Type&) = delete;
  TypeKind kind;

  template <class T> const T& as() const { return static_cast<const T&>(*this); }
  template <class T> T& as() { return static_cast<T&>(*this); }

  bool isNamed() const { return kind != TypeKind::List && kind != TypeKind::NonNull; }
  bool isWrapping() const { return !isNamed(); }
  bool isNonNull() const { return kind == TypeKind::NonNull; }
  bool isList() const { return kind == TypeKind::List; }
  bool isLeaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
  bool isComposite() const {
    return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
  }
  bool isAbstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
  // Input/output per the spec, looking through wrappers.
  bool isInputType() const;
  bool isOutputType() const;
  // The named type inside any wrappers.
  const struct NamedTypeDef& namedType() const;
  // Without one NonNull wrapper (if any).
  const Type& nullableType() const;
  // graphql-js's String(type): "[Int!]!"
  std::string toString() const;
};

// Common part of all named types.
struct NamedTypeDef : Type {
  using Type::Type;
  std::string name;
  std::optional<std::string> description;
  // The defining AST node and its extensions, in order (for validation
  // messages and locations). The Schema keeps the SDL documents alive.
  const ast::TypeDefinitionOrExtension* astNode = nullptr;
  std::vector<const ast::TypeDefinitionOrExtension*> extensionAstNodes;
};

// Argument or input field.
struct InputValueDef {
  std::string name;
  std::optional<std::string> description;
  const Type* type = nullptr;
  // Default as an AST literal (printed by introspection) and as a coerced value.
  const ast::ValueNode* defaultLiteral = nullptr;
  std::optional<Value> defaultValue;
  std::optional<std::string> deprecationReason;
  const ast::InputValueDefinition* astNode = nullptr;
};

struct ResolveInfo {
  std::string_view fieldName;
  const FieldDef& field;
  const ObjectType& parentType;
  const Schema& schema;
  const std::vector<const ast::Field*>& fieldNodes;  // the merged nodes of this field
  const Value& rootValue;
  const Value& variables;  // coerced variable values (an Object)
  ast::OperationType operation;
};

// A resolver returns the field's value. To report a field error it throws
// kubos::graphql::FieldError (or any std::exception); the message becomes the error's.
// `args` is an Object holding the coerced arguments (absent ones omitted,
// defaults applied), as graphql-js passes them.
using Resolver = std::function<Value(const Value& parent, const Value& args, const ResolveInfo& info)>;

// Returns the name of the concrete object type of `value` for an abstract
// type. The default reads the value's "__typename" member.
using TypeResolver = std::function<std::string(const Value& value, const ResolveInfo& info)>;

struct FieldDef {
  std::string name;
  std::optional<std::string> description;
  std::vector<InputValueDef> args;
  const Type* type = nullptr;
  std::optional<std::string> deprecationReason;
  const ast::FieldDefinition* astNode = nullptr;
  Resolver resolver;  // empty: read parent[name]

  const InputValueDef* findArg(std::string_view n) const;
};

struct ScalarType : NamedTypeDef {
  ScalarType() : NamedTypeDef(TypeKind::Scalar) {}
  std::optional<std::string> specifiedByURL;
  // Result coercion (graphql-js serialize), input coercion from variables
  // (parseValue) and from literals (parseLiteral). They throw FieldError with
  // graphql-js's message (e.g. "Int cannot represent non-integer value: 1.5").
  // Built-in scalars have them preset; custom scalars default to identity /
  // valueFromASTUntyped as graphql-js does.
  std::function<Value(const Value&)> serialize;
  std::function<Value(const Value&)> parseValue;
  std::function<Value(const ast::ValueNode&, const Value* variables)> parseLiteral;
};

struct FieldsType : NamedTypeDef {  // Object or Interface
  using NamedTypeDef::NamedTypeDef;
  std::vector<FieldDef> fields;  // in definition order
  std::vector<const struct InterfaceType*> interfaces;
  std::unordered_map<std::string_view, std::size_t> fieldIndex;  // name -> index in fields

  const FieldDef* findField(std::string_view n) const;
  FieldDef* findField(std::string_view n);
};

struct ObjectType : FieldsType {
  ObjectType() : FieldsType(TypeKind::Object) {}
  // Optional: tells whether a value is of this type (graphql-js isTypeOf).
  std::function<bool(const Value&, const ResolveInfo&)> isTypeOf;
};

struct InterfaceType : FieldsType {
  InterfaceType() : FieldsType(TypeKind::Interface) {}
  TypeResolver resolveType;  // empty: default (__typename)
};

struct UnionType : NamedTypeDef {
  UnionType() : NamedTypeDef(TypeKind::Union) {}
  std::vector<const ObjectType*> types;
  TypeResolver resolveType;
};

struct EnumValueDef {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> deprecationReason;
  const ast::EnumValueDefinition* astNode = nullptr;
};

struct EnumType : NamedTypeDef {
  EnumType() : NamedTypeDef(TypeKind::Enum) {}
  std::vector<EnumValueDef> values;  // internal value = the name as a String Value
  const EnumValueDef* findValue(std::string_view n) const;
};

struct InputObjectType : NamedTypeDef {
  InputObjectType() : NamedTypeDef(TypeKind::InputObject) {}
  std::vector<InputValueDef> fields;
  // Declared with @oneOf (graphql-js 16.15): exactly one field must be given.
  bool isOneOf = false;
  const InputValueDef* findField(std::string_view n) const;
};

struct ListType : Type {
  ListType() : Type(TypeKind::List) {}
  const Type* ofType = nullptr;
};

struct NonNullType : Type {
  NonNullType() : Type(TypeKind::NonNull) {}
  const Type* ofType = nullptr;
};

enum class DirectiveLocation : std::uint8_t {
  // Executable
  QUERY, MUTATION, SUBSCRIPTION, FIELD, FRAGMENT_DEFINITION, FRAGMENT_SPREAD,
  INLINE_FRAGMENT, VARIABLE_DEFINITION,
  // Type system
  SCHEMA, SCALAR, OBJECT, FIELD_DEFINITION, ARGUMENT_DEFINITION, INTERFACE, UNION,
  ENUM, ENUM_VALUE, INPUT_OBJECT, INPUT_FIELD_DEFINITION,
  // graphql-js 16.15 lists it (@deprecated may be used on directive definitions).
  DIRECTIVE_DEFINITION,
};
std::string_view directiveLocationName(DirectiveLocation l);
std::optional<DirectiveLocation> directiveLocationFromName(std::string_view n);

struct DirectiveDef {
  std::string name;
  std::optional<std::string> description;
  std::vector<DirectiveLocation> locations;
  std::vector<InputValueDef> args;
  bool repeatable = false;
  // graphql-js 16.15 __Directive.isDeprecated/deprecationReason (only set by
  // its experimental directive-on-directive syntax, so normally empty).
  std::optional<std::string> deprecationReason;
  const ast::DirectiveDefinition* astNode = nullptr;
  const InputValueDef* findArg(std::string_view n) const;
};

struct SchemaBuildOptions {
  // graphql-js assumeValidSDL: skip SDL validation (not recommended).
  bool assumeValid = false;
};

class Schema {
 public:
  // Builds a schema from SDL (graphql-js buildASTSchema + extensions in the
  // same document, then assertValidSchema). On failure returns null and fills
  // `errors` with messages that name the type and field, e.g.
  //   Interface field Node.id expects type ID! but Ship.id is type String.
  [[nodiscard]] static std::shared_ptr<Schema> fromSDL(std::string sdl, std::vector<GraphQLError>* errors,
                                         const SchemaBuildOptions& options = {});

  // Binds a resolver to Type.field. Returns false (and sets *error, naming
  // the type and field) when the type or field does not exist.
  [[nodiscard]] bool bindResolver(std::string_view typeName, std::string_view fieldName, Resolver r,
                    std::string* error = nullptr);
  [[nodiscard]] bool bindTypeResolver(std::string_view abstractTypeName, TypeResolver r, std::string* error = nullptr);
  [[nodiscard]] bool bindScalar(std::string_view scalarName, std::function<Value(const Value&)> serialize,
                  std::function<Value(const Value&)> parseValue,
                  std::function<Value(const ast::ValueNode&, const Value*)> parseLiteral,
                  std::string* error = nullptr);

  const ObjectType* queryType() const { return query_; }
  const ObjectType* mutationType() const { return mutation_; }
  const ObjectType* subscriptionType() const { return subscription_; }
  const ObjectType* rootType(ast::OperationType op) const;
  const std::optional<std::string>& description() const { return description_; }

  const NamedTypeDef* getType(std::string_view name) const;
  // All named types in graphql-js's typeMap order (introspection's order),
  // including the introspection types (__Schema, __Type, ...).
  const std::vector<const NamedTypeDef*>& types() const { return typeList_; }
  const std::vector<const DirectiveDef*>& directives() const { return directiveList_; }
  const DirectiveDef* getDirective(std::string_view name) const;

  // Object types that implement an interface or are members of a union.
  const std::vector<const ObjectType*>& possibleTypes(const NamedTypeDef& abstractType) const;
  // Interfaces implementing the interface `iface`.
  const std::vector<const InterfaceType*>& implementingInterfaces(const InterfaceType& iface) const;
  bool isSubType(const NamedTypeDef& abstractType, const NamedTypeDef& maybeSub) const;
  bool isPossibleType(const NamedTypeDef& abstractType, const ObjectType& t) const;

  // Type-reference helpers (graphql-js typeFromAST, isTypeSubTypeOf, isEqualType,
  // doTypesOverlap).
  const Type* typeFromAST(const ast::TypeNode& node) const;
  bool isTypeSubTypeOf(const Type& maybeSub, const Type& superType) const;
  bool doTypesOverlap(const NamedTypeDef& a, const NamedTypeDef& b) const;
  static bool isEqualType(const Type& a, const Type& b);

  // Wrapper types are interned, so pointer equality means type equality.
  const ListType* listOf(const Type* t);
  const NonNullType* nonNullOf(const Type* t);
  // const-callable variants that find an existing wrapper or intern a new one
  // (thread-safe; used while executing / validating).
  const ListType* listOf(const Type* t) const;
  const NonNullType* nonNullOf(const Type* t) const;

  // The built-in scalars and the introspection meta-fields.
  const ScalarType& stringType() const;
  const ScalarType& intType() const;
  const ScalarType& floatType() const;
  const ScalarType& booleanType() const;
  const ScalarType& idType() const;
  const FieldDef& schemaMetaField() const;    // __schema: __Schema!
  const FieldDef& typeMetaField() const;      // __type(name: String!): __Type
  const FieldDef& typenameMetaField() const;  // __typename: String!

  // Implementation access for the builder and introspection (not for services).
  struct Impl;
  Impl& impl() { return *impl_; }
  const Impl& impl() const { return *impl_; }

  Schema();
  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

 private:
  friend struct Impl;
  std::unique_ptr<Impl> impl_;
  const ObjectType* query_ = nullptr;
  const ObjectType* mutation_ = nullptr;
  const ObjectType* subscription_ = nullptr;
  std::optional<std::string> description_;
  std::vector<const NamedTypeDef*> typeList_;
  std::vector<const DirectiveDef*> directiveList_;
};

}  // namespace kubos::graphql
