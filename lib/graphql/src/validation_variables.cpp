// The variable rules of graphql-js's specifiedRules (validation_rules.h):
// VariablesAreInputTypes, UniqueVariableNames, NoUndefinedVariables,
// NoUnusedVariables and VariablesInAllowedPosition. The usages they check
// are the ValidationContext's (getRecursiveVariableUsages). Called by the
// Validator (validation.cpp) at the rules' places in specifiedRules.
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graphql/parser.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

void VariableRules::enterOperation(const ast::OperationDefinition& op) {
  // UniqueVariableNames
  for (const auto& group :
       groupByName(op.variableDefinitions, [](const ast::VariableDefinition& d) { return d.variable.name.value; })) {
    if (group.size() < 2) continue;
    std::vector<SourceLocation> locs;
    locs.reserve(group.size());
    for (const auto* d : group) locs.push_back(locOf(d->variable.name));
    ctx_.report("There can be only one variable named \"$" + std::string(group[0]->variable.name.value) + "\".",
                std::move(locs));
  }
  // NoUndefinedVariables, NoUnusedVariables, VariablesInAllowedPosition
  definedVariables_.clear();
  variableDefs_.clear();
}

void VariableRules::enterVariableDefinition(const ast::VariableDefinition& def) {
  // VariablesAreInputTypes
  if (def.type) {
    const Type* t = ctx_.schema_.typeFromAST(*def.type);
    if (t && !t->isInputType()) {
      ctx_.report("Variable \"$" + std::string(def.variable.name.value) + "\" cannot be non-input type " +
                      quoted(printTypeNode(*def.type)) + ".",
                  *def.type);
    }
  }
  // NoUndefinedVariables / VariablesInAllowedPosition (the last definition wins)
  definedVariables_[def.variable.name.value] = &def;
  // NoUnusedVariables
  variableDefs_.push_back(&def);
}

void VariableRules::leaveOperation(const ast::OperationDefinition& op) {
  const auto& usages = ctx_.getRecursiveVariableUsages(op);
  const std::string opSuffix = op.name ? " by operation " + quoted(op.name->value) + "." : ".";

  // NoUndefinedVariables
  for (const auto& u : usages) {
    const std::string_view name = u.node->name.value;
    if (!definedVariables_.count(name)) {
      ctx_.report("Variable \"$" + std::string(name) + "\" is not defined" + opSuffix,
                  std::vector<SourceLocation>{locOf(*u.node), locOf(op)});
    }
  }
  // NoUnusedVariables
  {
    std::unordered_set<std::string_view> used;
    for (const auto& u : usages) used.insert(u.node->name.value);
    for (const auto* def : variableDefs_) {
      const std::string_view name = def->variable.name.value;
      if (used.count(name)) continue;
      ctx_.report(
          op.name ? "Variable \"$" + std::string(name) + "\" is never used in operation " + quoted(op.name->value) + "."
                  : "Variable \"$" + std::string(name) + "\" is never used.",
          *def);
    }
  }
  // VariablesInAllowedPosition
  for (const auto& u : usages) {
    const std::string_view name = u.node->name.value;
    auto it = definedVariables_.find(name);
    if (it == definedVariables_.end() || !u.type) continue;
    const ast::VariableDefinition& varDef = *it->second;
    const Type* varType = varDef.type ? ctx_.schema_.typeFromAST(*varDef.type) : nullptr;
    if (varType && !allowedVariableUsage(*varType, varDef.defaultValue.get(), *u.type, u.hasLocationDefault)) {
      ctx_.report("Variable \"$" + std::string(name) + "\" of type " + quoted(varType->toString()) +
                      " used in position expecting type " + quoted(u.type->toString()) + ".",
                  std::vector<SourceLocation>{locOf(varDef), locOf(*u.node)});
    }
    const bool inOneOf =
        u.parentType && u.parentType->kind == TypeKind::InputObject && isOneOf(u.parentType->as<InputObjectType>());
    if (inOneOf && varType && !varType->isNonNull()) {
      ctx_.report("Variable \"$" + std::string(name) + "\" is of type " + quoted(varType->toString()) +
                      " but must be non-nullable to be used for OneOf Input Object " +
                      quoted(u.parentType->as<InputObjectType>().name) + ".",
                  std::vector<SourceLocation>{locOf(varDef), locOf(*u.node)});
    }
  }
}

bool VariableRules::allowedVariableUsage(const Type& varType, const ast::ValueNode* varDefault,
                                         const Type& locationType, bool locationHasDefault) const {
  if (locationType.isNonNull() && !varType.isNonNull()) {
    const bool hasNonNullVariableDefault = varDefault && varDefault->kind != Kind::NullValue;
    if (!hasNonNullVariableDefault && !locationHasDefault) return false;
    return ctx_.schema_.isTypeSubTypeOf(varType, *locationType.as<NonNullType>().ofType);
  }
  return ctx_.schema_.isTypeSubTypeOf(varType, locationType);
}

}  // namespace kubos::graphql::detail
