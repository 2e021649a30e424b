// KnownTypeNames, of graphql-js's specifiedRules (validation_rules.h).
// Called by the Validator (validation.cpp) on every NamedType node.
#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "suggest.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

namespace {

// graphql-js specifiedScalarTypes and introspectionTypes, in its order.
constexpr std::string_view kStandardTypeNames[] = {
    "String", "Int",     "Float",        "Boolean",     "ID",         "__Schema", "__Directive", "__DirectiveLocation",
    "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
};

bool isStandardTypeName(std::string_view n) {
  return std::find(std::begin(kStandardTypeNames), std::end(kStandardTypeNames), n) != std::end(kStandardTypeNames);
}

}  // namespace

void TypeNameRules::enterNamedType(const ast::NamedType& node) {
  const std::string_view typeName = node.name.value;
  if (ctx_.schema_.getType(typeName)) return;
  const auto& docTypes = ctx_.docTypes_;
  if (std::find(docTypes.begin(), docTypes.end(), typeName) != docTypes.end()) return;
  // The top-level definition holding this reference (graphql-js ancestors[2]).
  const auto& ancestors = ctx_.ancestors_;
  const ast::Node* definition = ancestors.size() > 1 ? ancestors[1] : nullptr;
  const bool isSDL = definition && !ast::isExecutableDefinition(definition->kind);
  if (isSDL && isStandardTypeName(typeName)) return;
  std::vector<std::string_view> options;
  if (isSDL) options.assign(std::begin(kStandardTypeNames), std::end(kStandardTypeNames));
  for (const NamedTypeDef* t : ctx_.schema_.types()) options.push_back(t->name);
  options.insert(options.end(), docTypes.begin(), docTypes.end());
  ctx_.report("Unknown type " + quoted(typeName) + "." + didYouMean(suggestionList(typeName, options)), node);
}

}  // namespace kubos::graphql::detail
