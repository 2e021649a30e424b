// The GraphQL abstract syntax tree, for executable documents and SDL.
//
// The shapes and names follow the GraphQL specification (October 2021) and
// graphql-js's `Kind`, so that code ported from the spec's algorithms reads
// the same. Every node carries its location. Nodes are owned by their parent
// through unique_ptr / vectors; a Document owns its source text, and names
// are string_views into it (so a Document must not outlive... itself: keep
// it behind a shared_ptr and never copy the source out from under it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::graphql::ast {

// 1-based line and column of a node's first token, plus byte offsets.
struct Location {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t start = 0;  // byte offset of the first character
  std::uint32_t end = 0;    // byte offset one past the last character
};

enum class Kind : std::uint8_t {
  Name,
  Document,
  OperationDefinition,
  VariableDefinition,
  SelectionSet,
  Field,
  Argument,
  FragmentSpread,
  InlineFragment,
  FragmentDefinition,
  Variable,
  IntValue,
  FloatValue,
  StringValue,
  BooleanValue,
  NullValue,
  EnumValue,
  ListValue,
  ObjectValue,
  ObjectField,
  Directive,
  NamedType,
  ListType,
  NonNullType,
  SchemaDefinition,
  OperationTypeDefinition,
  ScalarTypeDefinition,
  ObjectTypeDefinition,
  FieldDefinition,
  InputValueDefinition,
  InterfaceTypeDefinition,
  UnionTypeDefinition,
  EnumTypeDefinition,
  EnumValueDefinition,
  InputObjectTypeDefinition,
  DirectiveDefinition,
  SchemaExtension,
  ScalarTypeExtension,
  ObjectTypeExtension,
  InterfaceTypeExtension,
  UnionTypeExtension,
  EnumTypeExtension,
  InputObjectTypeExtension,
};

// graphql-js's Kind string, e.g. "OperationDefinition".
std::string_view kindName(Kind k);

struct Node {
  explicit Node(Kind k) : kind(k) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Kind kind;
  Location loc;

  template <class T> const T& as() const { return static_cast<const T&>(*this); }
  template <class T> T& as() { return static_cast<T&>(*this); }

  // Nodes are recycled through a per-thread cache of freed blocks (ast.cpp):
  // a parse allocates hundreds of them, and malloc's own cache is too small.
  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size) noexcept;
};

template <class T> using Ptr = std::unique_ptr<T>;
template <class T> using PtrList = std::vector<Ptr<T>>;

struct Name : Node {
  Name() : Node(Kind::Name) {}
  std::string_view value;
};

enum class OperationType : std::uint8_t { Query, Mutation, Subscription };
std::string_view operationTypeName(OperationType t);  // "query", "mutation", "subscription"

// ---- Values --------------------------------------------------------------

struct ValueNode : Node { using Node::Node; };

struct Variable : ValueNode {
  Variable() : ValueNode(Kind::Variable) {}
  Name name;
};
struct IntValue : ValueNode {
  IntValue() : ValueNode(Kind::IntValue) {}
  std::string_view value;  // the literal's text, e.g. "-12"
};
struct FloatValue : ValueNode {
  FloatValue() : ValueNode(Kind::FloatValue) {}
  std::string_view value;  // the literal's text, e.g. "1.5e3"
};
struct StringValue : ValueNode {
  StringValue() : ValueNode(Kind::StringValue) {}
  std::string value;  // escapes resolved; block strings dedented
  bool block = false;
};
struct BooleanValue : ValueNode {
  BooleanValue() : ValueNode(Kind::BooleanValue) {}
  bool value = false;
};
struct NullValue : ValueNode {
  NullValue() : ValueNode(Kind::NullValue) {}
};
struct EnumValue : ValueNode {
  EnumValue() : ValueNode(Kind::EnumValue) {}
  std::string_view value;
};
struct ListValue : ValueNode {
  ListValue() : ValueNode(Kind::ListValue) {}
  PtrList<ValueNode> values;
};
struct ObjectField : Node {
  ObjectField() : Node(Kind::ObjectField) {}
  Name name;
  Ptr<ValueNode> value;
};
struct ObjectValue : ValueNode {
  ObjectValue() : ValueNode(Kind::ObjectValue) {}
  PtrList<ObjectField> fields;
};

// ---- Type references -------------------------------------------------------

struct TypeNode : Node { using Node::Node; };

struct NamedType : TypeNode {
  NamedType() : TypeNode(Kind::NamedType) {}
  Name name;
};
struct ListType : TypeNode {
  ListType() : TypeNode(Kind::ListType) {}
  Ptr<TypeNode> type;
};
struct NonNullType : TypeNode {
  NonNullType() : TypeNode(Kind::NonNullType) {}
  Ptr<TypeNode> type;  // NamedType or ListType
};

// ---- Executable definitions -----------------------------------------------

struct Argument : Node {
  Argument() : Node(Kind::Argument) {}
  Name name;
  Ptr<ValueNode> value;
};

struct Directive : Node {
  Directive() : Node(Kind::Directive) {}
  Name name;
  PtrList<Argument> arguments;
};

struct Selection : Node { using Node::Node; PtrList<Directive> directives; };

struct SelectionSet : Node {
  SelectionSet() : Node(Kind::SelectionSet) {}
  PtrList<Selection> selections;
};

struct Field : Selection {
  Field() : Selection(Kind::Field) {}
  std::optional<Name> alias;
  Name name;
  PtrList<Argument> arguments;
  Ptr<SelectionSet> selectionSet;  // null for a leaf
  // The response key: alias if present, else name.
  std::string_view responseKey() const { return alias ? alias->value : name.value; }
};

struct FragmentSpread : Selection {
  FragmentSpread() : Selection(Kind::FragmentSpread) {}
  Name name;
};

struct InlineFragment : Selection {
  InlineFragment() : Selection(Kind::InlineFragment) {}
  Ptr<NamedType> typeCondition;  // may be null
  Ptr<SelectionSet> selectionSet;
};

struct Definition : Node { using Node::Node; };

struct VariableDefinition : Node {
  VariableDefinition() : Node(Kind::VariableDefinition) {}
  Ptr<StringValue> description;  // may be null (graphql-js 16.15 accepts one)
  Variable variable;
  Ptr<TypeNode> type;
  Ptr<ValueNode> defaultValue;  // may be null
  PtrList<Directive> directives;
};

struct OperationDefinition : Definition {
  OperationDefinition() : Definition(Kind::OperationDefinition) {}
  OperationType operation = OperationType::Query;
  Ptr<StringValue> description;  // may be null (graphql-js 16.15 accepts one)
  std::optional<Name> name;
  PtrList<VariableDefinition> variableDefinitions;
  PtrList<Directive> directives;
  Ptr<SelectionSet> selectionSet;
};

struct FragmentDefinition : Definition {
  FragmentDefinition() : Definition(Kind::FragmentDefinition) {}
  Ptr<StringValue> description;  // may be null (graphql-js 16.15 accepts one)
  Name name;
  Ptr<NamedType> typeCondition;
  PtrList<Directive> directives;
  Ptr<SelectionSet> selectionSet;
};

// ---- Type system definitions (SDL) -------------------------------------------

struct OperationTypeDefinition : Node {
  OperationTypeDefinition() : Node(Kind::OperationTypeDefinition) {}
  OperationType operation = OperationType::Query;
  Ptr<NamedType> type;
};

struct SchemaDefinition : Definition {
  SchemaDefinition() : Definition(Kind::SchemaDefinition) {}
  Ptr<StringValue> description;  // may be null
  PtrList<Directive> directives;
  PtrList<OperationTypeDefinition> operationTypes;
};

struct SchemaExtension : Definition {
  SchemaExtension() : Definition(Kind::SchemaExtension) {}
  PtrList<Directive> directives;
  PtrList<OperationTypeDefinition> operationTypes;
};

struct InputValueDefinition : Node {
  InputValueDefinition() : Node(Kind::InputValueDefinition) {}
  Ptr<StringValue> description;
  Name name;
  Ptr<TypeNode> type;
  Ptr<ValueNode> defaultValue;
  PtrList<Directive> directives;
};

struct FieldDefinition : Node {
  FieldDefinition() : Node(Kind::FieldDefinition) {}
  Ptr<StringValue> description;
  Name name;
  PtrList<InputValueDefinition> arguments;
  Ptr<TypeNode> type;
  PtrList<Directive> directives;
};

struct EnumValueDefinition : Node {
  EnumValueDefinition() : Node(Kind::EnumValueDefinition) {}
  Ptr<StringValue> description;
  Name name;
  PtrList<Directive> directives;
};

// Common base of every type definition and type extension. `description` is
// always null for extensions. Which of the lists are used depends on kind:
//   Scalar*       : directives
//   Object*       : interfaces, directives, fields
//   Interface*    : interfaces, directives, fields
//   Union*        : directives, types
//   Enum*         : directives, values
//   InputObject*  : directives, inputFields
struct TypeDefinitionOrExtension : Definition {
  using Definition::Definition;
  Ptr<StringValue> description;
  Name name;
  PtrList<NamedType> interfaces;
  PtrList<Directive> directives;
  PtrList<FieldDefinition> fields;
  PtrList<NamedType> types;
  PtrList<EnumValueDefinition> values;
  PtrList<InputValueDefinition> inputFields;

  bool isExtension() const { return kind >= Kind::ScalarTypeExtension; }
};

struct DirectiveDefinition : Definition {
  DirectiveDefinition() : Definition(Kind::DirectiveDefinition) {}
  Ptr<StringValue> description;
  Name name;
  PtrList<InputValueDefinition> arguments;
  bool repeatable = false;
  std::vector<Name> locations;
};

// ---- Document ----------------------------------------------------------------

struct Document : Node {
  Document() : Node(Kind::Document) {}
  // Owns the text the string_views point into. Never reassigned after parse.
  std::unique_ptr<const std::string> source;
  PtrList<Definition> definitions;
  std::uint32_t tokenCount = 0;  // tokens the lexer produced (for limits)
  // Set only by parseValueDocument / parseTypeDocument (definitions is then
  // empty): the parsed literal, whose names view into `source`.
  Ptr<ValueNode> value;
  Ptr<TypeNode> type;
};

// Helpers for the kind families.
inline bool isExecutableDefinition(Kind k) {
  return k == Kind::OperationDefinition || k == Kind::FragmentDefinition;
}
inline bool isTypeDefinition(Kind k) {
  return k >= Kind::ScalarTypeDefinition && k <= Kind::InputObjectTypeDefinition &&
         k != Kind::FieldDefinition && k != Kind::InputValueDefinition &&
         k != Kind::EnumValueDefinition;
}
inline bool isTypeExtension(Kind k) { return k >= Kind::ScalarTypeExtension; }

}  // namespace kubos::graphql::ast
