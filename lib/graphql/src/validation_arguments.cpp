// The argument rules of graphql-js's specifiedRules (validation_rules.h):
// KnownArgumentNames, UniqueArgumentNames and ProvidedRequiredArguments, on
// fields and on directives. Called by the Validator (validation.cpp) at the
// rules' places in specifiedRules.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graphql/parser.h"
#include "suggest.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

void ArgumentRules::enterDirective(const ast::Directive& dir) {
  // KnownArgumentNames (directive arguments; its Argument handler then skips them)
  if (!skip_) {
    const std::string_view name = dir.name.value;
    const ValidationContext::DirectiveView def = ctx_.lookupDirective(name);
    if (def) {
      std::vector<std::string_view> known;
      if (def.docDef) {
        for (const auto& a : def.docDef->arguments) {
          if (std::find(known.begin(), known.end(), a->name.value) == known.end()) known.push_back(a->name.value);
        }
      } else {
        for (const auto& a : def.schemaDef->args) known.push_back(a.name);
      }
      for (const auto& arg : dir.arguments) {
        const std::string_view argName = arg->name.value;
        if (std::find(known.begin(), known.end(), argName) != known.end()) continue;
        ctx_.report("Unknown argument " + quoted(argName) + " on directive \"@" + std::string(name) + "\"." +
                        didYouMean(suggestionList(argName, known)),
                    *arg);
      }
    }
    skip_ = &dir;
  }
  // UniqueArgumentNames
  uniqueArgumentNames(dir.arguments);
}

void ArgumentRules::enterField(const ast::Field& field) {
  // UniqueArgumentNames
  uniqueArgumentNames(field.arguments);
}

void ArgumentRules::enterArgument(const ast::Argument& arg) {
  // KnownArgumentNames (field arguments)
  if (skip_) return;
  const FieldDef* fieldDef = ctx_.typeInfo_.fieldDef();
  const NamedTypeDef* parentType = ctx_.typeInfo_.parentType();
  if (!ctx_.typeInfo_.argument() && fieldDef && parentType) {
    const std::string_view argName = arg.name.value;
    std::vector<std::string_view> names;
    for (const auto& a : fieldDef->args) names.push_back(a.name);
    ctx_.report("Unknown argument " + quoted(argName) + " on field \"" + parentType->name + "." + fieldDef->name +
                    "\"." + didYouMean(suggestionList(argName, names)),
                arg);
  }
}

void ArgumentRules::uniqueArgumentNames(const ast::PtrList<ast::Argument>& args) {
  for (const auto& group : groupByName(args, [](const ast::Argument& a) { return a.name.value; })) {
    if (group.size() < 2) continue;
    std::vector<SourceLocation> locs;
    locs.reserve(group.size());
    for (const auto* a : group) locs.push_back(locOf(a->name));
    ctx_.report("There can be only one argument named " + quoted(group[0]->name.value) + ".", std::move(locs));
  }
}

void ArgumentRules::leaveField(const ast::Field& field) {
  // ProvidedRequiredArguments (fields)
  const FieldDef* def = ctx_.typeInfo_.fieldDef();
  if (!def) return;
  for (const auto& argDef : def->args) {
    if (!isRequired(argDef)) continue;
    const bool provided = std::any_of(field.arguments.begin(), field.arguments.end(),
                                      [&](const auto& a) { return a->name.value == argDef.name; });
    if (provided) continue;
    ctx_.report("Field " + quoted(def->name) + " argument " + quoted(argDef.name) + " of type " +
                    quoted(argDef.type->toString()) + " is required, but it was not provided.",
                field);
  }
}

void ArgumentRules::leaveDirective(const ast::Directive& dir) {
  // KnownArgumentNames: the directive's subtree is done.
  if (skip_ == &dir) skip_ = nullptr;
  // ProvidedRequiredArguments (directives)
  const std::string_view name = dir.name.value;
  const ValidationContext::DirectiveView def = ctx_.lookupDirective(name);
  auto provided = [&](std::string_view argName) {
    return std::any_of(dir.arguments.begin(), dir.arguments.end(),
                       [&](const auto& a) { return a->name.value == argName; });
  };
  auto missing = [&](std::string_view argName, const std::string& typeStr) {
    ctx_.report("Directive \"@" + std::string(name) + "\" argument " + quoted(argName) + " of type " + quoted(typeStr) +
                    " is required, but it was not provided.",
                dir);
  };
  if (def.docDef) {
    // Required = non-null type without a default, judged on the AST; an
    // argument defined twice keeps its first position and last definition.
    std::vector<std::pair<std::string_view, const ast::InputValueDefinition*>> required;
    for (const auto& a : def.docDef->arguments) {
      if (!a->type || a->type->kind != Kind::NonNullType || a->defaultValue) continue;
      auto it = std::find_if(required.begin(), required.end(), [&](const auto& p) { return p.first == a->name.value; });
      if (it != required.end()) {
        it->second = a.get();
      } else {
        required.emplace_back(a->name.value, a.get());
      }
    }
    for (const auto& [argName, argDef] : required) {
      if (!provided(argName)) missing(argName, printTypeNode(*argDef->type));
    }
  } else if (def.schemaDef) {
    for (const auto& argDef : def.schemaDef->args) {
      if (isRequired(argDef) && !provided(argDef.name)) missing(argDef.name, argDef.type->toString());
    }
  }
}

}  // namespace kubos::graphql::detail
