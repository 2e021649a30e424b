// The operation rules of graphql-js's specifiedRules: ExecutableDefinitions,
// UniqueOperationNames and LoneAnonymousOperation (validation_rules.h).
// Called by the Validator (validation.cpp) at the rules' places in
// specifiedRules.
#include <string>
#include <string_view>
#include <vector>

#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

namespace {

std::string_view definitionName(const ast::Definition& def) {
  if (def.kind == Kind::DirectiveDefinition) return def.as<ast::DirectiveDefinition>().name.value;
  if (ast::isTypeDefinition(def.kind) || ast::isTypeExtension(def.kind)) {
    return def.as<ast::TypeDefinitionOrExtension>().name.value;
  }
  return {};
}

}  // namespace

void OperationRules::enterDocument(const ast::Document& doc) {
  // ExecutableDefinitions
  for (const auto& def : doc.definitions) {
    if (ast::isExecutableDefinition(def->kind)) continue;
    const bool isSchema = def->kind == Kind::SchemaDefinition || def->kind == Kind::SchemaExtension;
    const std::string defName = isSchema ? "schema" : quoted(definitionName(*def));
    ctx_.report("The " + defName + " definition is not executable.", *def);
  }
  // LoneAnonymousOperation
  operationCount_ = 0;
  for (const auto& def : doc.definitions) {
    if (def->kind == Kind::OperationDefinition) ++operationCount_;
  }
}

void OperationRules::enterOperation(const ast::OperationDefinition& op) {
  // UniqueOperationNames
  if (op.name) {
    auto [it, inserted] = operationNames_.emplace(op.name->value, &*op.name);
    if (!inserted) {
      ctx_.report("There can be only one operation named " + quoted(op.name->value) + ".",
                  std::vector<SourceLocation>{locOf(*it->second), locOf(*op.name)});
    }
  }
  // LoneAnonymousOperation
  if (!op.name && operationCount_ > 1) {
    ctx_.report("This anonymous operation must be the only defined operation.", op);
  }
}

}  // namespace kubos::graphql::detail
