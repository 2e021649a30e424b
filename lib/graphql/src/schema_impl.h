// Schema::Impl: what a Schema owns (types, directives, the SDL documents,
// interned wrapper types) and the internal entry points of the builder,
// schema validation and introspection.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace kubos::graphql {

struct Schema::Impl {
  // The SDL documents the schema was built from; AST pointers in the type
  // definitions point into them. The introspection document is shared.
  std::unique_ptr<ast::Document> document;
  std::shared_ptr<const ast::Document> introspectionDocument;

  // Every named type the schema knows (including built-in scalars not in
  // the type map), owned here; addresses never change.
  std::vector<std::unique_ptr<NamedTypeDef>> ownedTypes;
  // The type map (graphql-js getTypeMap()): name -> type, only the types
  // listed in Schema::types().
  std::unordered_map<std::string_view, NamedTypeDef*> typeMap;

  std::vector<std::unique_ptr<DirectiveDef>> ownedDirectives;
  std::unordered_map<std::string_view, const DirectiveDef*> directiveMap;

  // Root types as named by the schema (may be non-object types until
  // validation rejects them).
  const NamedTypeDef* queryRoot = nullptr;
  const NamedTypeDef* mutationRoot = nullptr;
  const NamedTypeDef* subscriptionRoot = nullptr;
  const ast::SchemaDefinition* schemaAstNode = nullptr;
  std::vector<const ast::SchemaExtension*> schemaExtensionAstNodes;

  // Built-in scalars (always present, in the type map only when referenced).
  ScalarType* stringType = nullptr;
  ScalarType* intType = nullptr;
  ScalarType* floatType = nullptr;
  ScalarType* booleanType = nullptr;
  ScalarType* idType = nullptr;

  FieldDef schemaMetaField;
  FieldDef typeMetaField;
  FieldDef typenameMetaField;

  // Interface name -> implementing objects / interfaces (graphql-js
  // _implementationsMap), union -> members.
  std::unordered_map<const NamedTypeDef*, std::vector<const ObjectType*>> possibleTypes;
  std::unordered_map<const InterfaceType*, std::vector<const InterfaceType*>> implementingInterfaces;

  // The implements / member lists as written, including types of the wrong
  // kind (FieldsType::interfaces and UnionType::types keep only the right
  // kind), for type collection order and schema validation.
  std::unordered_map<const FieldsType*, std::vector<const NamedTypeDef*>> rawInterfaces;
  std::unordered_map<const UnionType*, std::vector<const NamedTypeDef*>> rawUnionMembers;
  const std::vector<const NamedTypeDef*>& interfacesOf(const FieldsType& t) const {
    static const std::vector<const NamedTypeDef*> kNone;
    auto it = rawInterfaces.find(&t);
    return it == rawInterfaces.end() ? kNone : it->second;
  }
  const std::vector<const NamedTypeDef*>& unionMembers(const UnionType& t) const {
    static const std::vector<const NamedTypeDef*> kNone;
    auto it = rawUnionMembers.find(&t);
    return it == rawUnionMembers.end() ? kNone : it->second;
  }

  // Interned wrapper types; guarded so const lookups may intern from any thread.
  mutable std::shared_mutex wrapperMutex;
  mutable std::unordered_map<const Type*, std::unique_ptr<ListType>> listTypes;
  mutable std::unordered_map<const Type*, std::unique_ptr<NonNullType>> nonNullTypes;

  const ListType* internList(const Type* t) const;
  const NonNullType* internNonNull(const Type* t) const;

  // Sets the Schema's public lists and root types (Impl is its friend).
  void publish(Schema& schema, std::vector<const NamedTypeDef*> types, std::vector<const DirectiveDef*> directives,
               std::optional<std::string> description);

  NamedTypeDef* findType(std::string_view name) const {
    auto it = typeMap.find(name);
    return it == typeMap.end() ? nullptr : it->second;
  }
};

namespace detail {

// scalars.cpp
std::unique_ptr<ScalarType> makeBuiltinScalar(std::string_view name);  // null if not built-in
bool isSpecifiedScalarName(std::string_view name);
void setCustomScalarDefaults(ScalarType& t);

// schema_validation.cpp: graphql-js specifiedSDLRules over an SDL document.
std::vector<GraphQLError> validateSDL(const ast::Document& document);
// graphql-js validateSchema on a built schema.
std::vector<GraphQLError> validateSchema(const Schema& schema);

// introspection.cpp
// The SDL text of the introspection types (__Schema, __Type, ...).
const std::shared_ptr<const ast::Document>& introspectionDocument();
bool isIntrospectionTypeName(std::string_view name);
// Binds the resolvers of the introspection types and the meta fields.
void bindIntrospection(Schema& schema);
// graphql-js astFromValue + print for an input value's default, or nullopt
// (null in introspection). Throws FieldError when a custom scalar's value
// cannot be converted, as graphql-js does.
std::optional<std::string> printDefaultValue(const Schema& schema, const InputValueDef& def);

}  // namespace detail
}  // namespace kubos::graphql
