// Internal: graphql-js's TypeInfo (utilities/TypeInfo.js) and a generic AST
// walker in graphql-js's visiting order (QueryDocumentKeys without
// descriptions). Validation rules read the types at the current position
// from TypeInfo, so it must be maintained exactly as graphql-js does.
#pragma once

#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace kubos::graphql::detail {

class TypeInfo {
 public:
  explicit TypeInfo(const Schema& schema) : schema_(schema) {
    // One allocation per stack for any ordinary document depth.
    typeStack_.reserve(16);
    parentTypeStack_.reserve(16);
    inputTypeStack_.reserve(16);
    fieldDefStack_.reserve(16);
  }

  // The output type at this position (field type, fragment type, root type).
  const Type* type() const { return typeStack_.empty() ? nullptr : typeStack_.back(); }
  // The composite type whose selection set we are in.
  const NamedTypeDef* parentType() const { return parentTypeStack_.empty() ? nullptr : parentTypeStack_.back(); }
  // The expected type of the value at this position.
  const Type* inputType() const { return inputTypeStack_.empty() ? nullptr : inputTypeStack_.back(); }
  const Type* parentInputType() const {
    return inputTypeStack_.size() > 1 ? inputTypeStack_[inputTypeStack_.size() - 2] : nullptr;
  }
  const FieldDef* fieldDef() const { return fieldDefStack_.empty() ? nullptr : fieldDefStack_.back(); }
  // Whether the argument / input field at this position has a default value.
  bool hasDefaultValue() const { return !defaultValueStack_.empty() && defaultValueStack_.back(); }
  const DirectiveDef* directive() const { return directive_; }
  const InputValueDef* argument() const { return argument_; }

  void enter(const ast::Node& node);
  void leave(const ast::Node& node);

  // graphql-js getFieldDef: the field of `parentType` named by `field`,
  // including the introspection meta-fields where they apply.
  static const FieldDef* fieldDefFor(const Schema& schema, const NamedTypeDef& parentType,
                                     const ast::Field& field);

 private:
  const Schema& schema_;
  std::vector<const Type*> typeStack_;
  std::vector<const NamedTypeDef*> parentTypeStack_;
  std::vector<const Type*> inputTypeStack_;
  std::vector<const FieldDef*> fieldDefStack_;
  std::vector<bool> defaultValueStack_;
  const DirectiveDef* directive_ = nullptr;
  const InputValueDef* argument_ = nullptr;
};

// Whether an argument or input field has a default (graphql-js's
// `defaultValue !== undefined`).
// graphql-js judges by the coerced default (defaultValue !== undefined): a
// default literal that does not coerce to its type counts as no default.
inline bool hasDefault(const InputValueDef* d) { return d && d->defaultValue.has_value(); }

// Depth-first walk in graphql-js's order. V provides
//   bool enter(const ast::Node&)  -- false skips the node's children and leave
//   void leave(const ast::Node&)
// Name nodes are not visited (no rule looks at them). Recursion depth is
// bounded by the parser's nesting limit.
template <class V>
void walk(const ast::Node& node, V& v);

template <class V, class T>
void walkList(const ast::PtrList<T>& list, V& v) {
  for (const auto& item : list) walk(*item, v);
}

template <class V>
void walk(const ast::Node& node, V& v) {
  using ast::Kind;
  if (!v.enter(node)) return;
  switch (node.kind) {
    case Kind::Document:
      walkList(node.as<ast::Document>().definitions, v);
      break;
    case Kind::OperationDefinition: {
      const auto& n = node.as<ast::OperationDefinition>();
      walkList(n.variableDefinitions, v);
      walkList(n.directives, v);
      if (n.selectionSet) walk(*n.selectionSet, v);
      break;
    }
    case Kind::VariableDefinition: {
      const auto& n = node.as<ast::VariableDefinition>();
      walk(n.variable, v);
      if (n.type) walk(*n.type, v);
      if (n.defaultValue) walk(*n.defaultValue, v);
      walkList(n.directives, v);
      break;
    }
    case Kind::SelectionSet:
      walkList(node.as<ast::SelectionSet>().selections, v);
      break;
    case Kind::Field: {
      const auto& n = node.as<ast::Field>();
      walkList(n.arguments, v);
      walkList(n.directives, v);
      if (n.selectionSet) walk(*n.selectionSet, v);
      break;
    }
    case Kind::Argument: {
      const auto& n = node.as<ast::Argument>();
      if (n.value) walk(*n.value, v);
      break;
    }
    case Kind::FragmentSpread:
      walkList(node.as<ast::FragmentSpread>().directives, v);
      break;
    case Kind::InlineFragment: {
      const auto& n = node.as<ast::InlineFragment>();
      if (n.typeCondition) walk(*n.typeCondition, v);
      walkList(n.directives, v);
      if (n.selectionSet) walk(*n.selectionSet, v);
      break;
    }
    case Kind::FragmentDefinition: {
      const auto& n = node.as<ast::FragmentDefinition>();
      if (n.typeCondition) walk(*n.typeCondition, v);
      walkList(n.directives, v);
      if (n.selectionSet) walk(*n.selectionSet, v);
      break;
    }
    case Kind::ListValue:
      walkList(node.as<ast::ListValue>().values, v);
      break;
    case Kind::ObjectValue:
      walkList(node.as<ast::ObjectValue>().fields, v);
      break;
    case Kind::ObjectField: {
      const auto& n = node.as<ast::ObjectField>();
      if (n.value) walk(*n.value, v);
      break;
    }
    case Kind::Directive:
      walkList(node.as<ast::Directive>().arguments, v);
      break;
    case Kind::ListType: {
      const auto& n = node.as<ast::ListType>();
      if (n.type) walk(*n.type, v);
      break;
    }
    case Kind::NonNullType: {
      const auto& n = node.as<ast::NonNullType>();
      if (n.type) walk(*n.type, v);
      break;
    }
    case Kind::SchemaDefinition: {
      const auto& n = node.as<ast::SchemaDefinition>();
      walkList(n.directives, v);
      walkList(n.operationTypes, v);
      break;
    }
    case Kind::SchemaExtension: {
      const auto& n = node.as<ast::SchemaExtension>();
      walkList(n.directives, v);
      walkList(n.operationTypes, v);
      break;
    }
    case Kind::OperationTypeDefinition: {
      const auto& n = node.as<ast::OperationTypeDefinition>();
      if (n.type) walk(*n.type, v);
      break;
    }
    case Kind::FieldDefinition: {
      const auto& n = node.as<ast::FieldDefinition>();
      walkList(n.arguments, v);
      if (n.type) walk(*n.type, v);
      walkList(n.directives, v);
      break;
    }
    case Kind::InputValueDefinition: {
      const auto& n = node.as<ast::InputValueDefinition>();
      if (n.type) walk(*n.type, v);
      if (n.defaultValue) walk(*n.defaultValue, v);
      walkList(n.directives, v);
      break;
    }
    case Kind::EnumValueDefinition:
      walkList(node.as<ast::EnumValueDefinition>().directives, v);
      break;
    case Kind::DirectiveDefinition:
      walkList(node.as<ast::DirectiveDefinition>().arguments, v);
      break;
    default:
      if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind)) {
        // Only the lists that belong to the kind are non-empty, and this
        // order matches every kind's key order (interfaces before directives
        // before fields; directives before types / values / input fields).
        const auto& n = node.as<ast::TypeDefinitionOrExtension>();
        walkList(n.interfaces, v);
        walkList(n.directives, v);
        walkList(n.fields, v);
        walkList(n.types, v);
        walkList(n.values, v);
        walkList(n.inputFields, v);
      }
      break;  // leaves: Variable, scalars, enum, null, NamedType
  }
  v.leave(node);
}

}  // namespace kubos::graphql::detail
