// The directive rules of graphql-js's specifiedRules (validation_rules.h):
// KnownDirectives and UniqueDirectivesPerLocation. Directive definitions in
// the document override the schema's (ValidationContext::lookupDirective).
// Called by the Validator (validation.cpp) at the rules' places in
// specifiedRules.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

namespace {

// graphql-js getDirectiveLocationForASTPath: where a directive applied to
// `appliedTo` (whose own parent node is `grandParent`) is used.
std::string_view directiveLocationFor(const ast::Node& appliedTo, const ast::Node* grandParent) {
  switch (appliedTo.kind) {
    case Kind::OperationDefinition:
      switch (appliedTo.as<ast::OperationDefinition>().operation) {
        case ast::OperationType::Query: return "QUERY";
        case ast::OperationType::Mutation: return "MUTATION";
        case ast::OperationType::Subscription: return "SUBSCRIPTION";
      }
      return {};
    case Kind::Field: return "FIELD";
    case Kind::FragmentSpread: return "FRAGMENT_SPREAD";
    case Kind::InlineFragment: return "INLINE_FRAGMENT";
    case Kind::FragmentDefinition: return "FRAGMENT_DEFINITION";
    case Kind::VariableDefinition: return "VARIABLE_DEFINITION";
    case Kind::SchemaDefinition:
    case Kind::SchemaExtension: return "SCHEMA";
    case Kind::ScalarTypeDefinition:
    case Kind::ScalarTypeExtension: return "SCALAR";
    case Kind::ObjectTypeDefinition:
    case Kind::ObjectTypeExtension: return "OBJECT";
    case Kind::FieldDefinition: return "FIELD_DEFINITION";
    case Kind::InterfaceTypeDefinition:
    case Kind::InterfaceTypeExtension: return "INTERFACE";
    case Kind::UnionTypeDefinition:
    case Kind::UnionTypeExtension: return "UNION";
    case Kind::EnumTypeDefinition:
    case Kind::EnumTypeExtension: return "ENUM";
    case Kind::EnumValueDefinition: return "ENUM_VALUE";
    case Kind::InputObjectTypeDefinition:
    case Kind::InputObjectTypeExtension: return "INPUT_OBJECT";
    case Kind::InputValueDefinition:
      // graphql-js checks only for the definition kind (an input field of
      // an input object *extension* counts as an argument definition).
      return grandParent && grandParent->kind == Kind::InputObjectTypeDefinition ? "INPUT_FIELD_DEFINITION"
                                                                                 : "ARGUMENT_DEFINITION";
    case Kind::DirectiveDefinition: return "DIRECTIVE_DEFINITION";
    default: return {};
  }
}

bool directiveAllows(const ValidationContext::DirectiveView& def, std::string_view location) {
  if (def.docDef) {
    for (const auto& l : def.docDef->locations) {
      if (l.value == location) return true;
    }
    return false;
  }
  for (DirectiveLocation l : def.schemaDef->locations) {
    if (directiveLocationName(l) == location) return true;
  }
  return false;
}

}  // namespace

void DirectiveRules::enterDirective(const ast::Directive& dir) {
  // KnownDirectives
  const std::string_view name = dir.name.value;
  const ValidationContext::DirectiveView def = ctx_.lookupDirective(name);
  const auto& ancestors = ctx_.ancestors_;
  if (!def) {
    ctx_.report("Unknown directive \"@" + std::string(name) + "\".", dir);
  } else if (!ancestors.empty()) {
    const ast::Node* grandParent = ancestors.size() > 1 ? ancestors[ancestors.size() - 2] : nullptr;
    const std::string_view location = directiveLocationFor(*ancestors.back(), grandParent);
    if (!location.empty() && !directiveAllows(def, location)) {
      ctx_.report("Directive \"@" + std::string(name) + "\" may not be used on " + std::string(location) + ".", dir);
    }
  }
}

bool DirectiveRules::isUniqueDirective(std::string_view name) const {
  const ValidationContext::DirectiveView def = ctx_.lookupDirective(name);
  if (def.docDef) return !def.docDef->repeatable;
  if (def.schemaDef) return !def.schemaDef->repeatable;
  return false;
}

void DirectiveRules::enterLocation(const ast::Node& node, const ast::PtrList<ast::Directive>& directives) {
  // UniqueDirectivesPerLocation
  if (directives.empty()) return;
  SeenDirectives local;
  SeenDirectives* seen = &local;
  if (node.kind == Kind::SchemaDefinition || node.kind == Kind::SchemaExtension) {
    seen = &schemaDirectives_;
  } else if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind)) {
    // A type and its extensions share one location.
    seen = &typeDirectives_[node.as<ast::TypeDefinitionOrExtension>().name.value];
  }
  for (const auto& d : directives) {
    const std::string_view name = d->name.value;
    if (!isUniqueDirective(name)) continue;
    auto it = std::find_if(seen->begin(), seen->end(), [&](const auto& p) { return p.first == name; });
    if (it != seen->end()) {
      ctx_.report("The directive \"@" + std::string(name) + "\" can only be used once at this location.",
                  std::vector<SourceLocation>{locOf(*it->second), locOf(*d)});
    } else {
      seen->emplace_back(name, d.get());
    }
  }
}

}  // namespace kubos::graphql::detail
