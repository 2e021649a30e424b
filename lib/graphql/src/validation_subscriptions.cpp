// SingleFieldSubscriptions, of graphql-js's specifiedRules
// (validation_rules.h): a subscription selects exactly one root field, and
// not an introspection one. The root fields are collected as graphql-js's
// collectFields does with no variables (so @skip/@include on a variable
// throws, as in graphql-js), with an explicit stack.
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graphql/parser.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

namespace {

// What graphql-js's getDirectiveValues throws out of validate().
struct DirectiveValueError {
  GraphQLError error;
};

}  // namespace

void SubscriptionRules::FieldGroups::add(const ast::Field& f) {
  auto [it, inserted] = index.emplace(f.responseKey(), groups.size());
  if (inserted) groups.emplace_back(f.responseKey(), std::vector<const ast::Field*>{});
  groups[it->second].second.push_back(&f);
}

// graphql-js getDirectiveValues(@skip/@include, node, {}).if, evaluated
// without variables. Throws DirectiveValueError where graphql-js throws.
std::optional<bool> SubscriptionRules::directiveIf(const ast::PtrList<ast::Directive>& directives,
                                                   std::string_view name) {
  const ast::Directive* dir = nullptr;
  for (const auto& d : directives) {
    if (d->name.value == name) {
      dir = d.get();
      break;
    }
  }
  if (!dir) return std::nullopt;
  const DirectiveDef* def = ctx_.schema_.getDirective(name);
  const InputValueDef* ifDef = def ? def->findArg("if") : nullptr;
  if (!ifDef) return std::nullopt;
  const std::string typeStr = ifDef->type ? ifDef->type->toString() : "Boolean!";
  const ast::Argument* arg = nullptr;
  for (const auto& a : dir->arguments) {
    if (a->name.value == "if") arg = a.get();  // the last one wins (keyMap)
  }
  if (!arg || !arg->value) {
    throw DirectiveValueError{
        GraphQLError("Argument \"if\" of required type " + quoted(typeStr) + " was not provided.", *dir)};
  }
  const ast::ValueNode& v = *arg->value;
  if (v.kind == Kind::Variable) {
    throw DirectiveValueError{
        GraphQLError("Argument \"if\" of required type " + quoted(typeStr) + " was provided the variable \"$" +
                         std::string(v.as<ast::Variable>().name.value) + "\" which was not provided a runtime value.",
                     v)};
  }
  if (v.kind == Kind::NullValue) {
    throw DirectiveValueError{
        GraphQLError("Argument \"if\" of non-null type " + quoted(typeStr) + " must not be null.", v)};
  }
  if (v.kind != Kind::BooleanValue) {
    throw DirectiveValueError{GraphQLError("Argument \"if\" has invalid value " + printValueNode(v) + ".", v)};
  }
  return v.as<ast::BooleanValue>().value;
}

bool SubscriptionRules::shouldIncludeNode(const ast::PtrList<ast::Directive>& directives) {
  if (directives.empty()) return true;
  if (directiveIf(directives, "skip") == std::optional<bool>(true)) return false;
  if (directiveIf(directives, "include") == std::optional<bool>(false)) return false;
  return true;
}

bool SubscriptionRules::doesFragmentConditionMatch(const ast::NamedType* typeCondition, const ObjectType& type) const {
  if (!typeCondition) return true;
  const Type* conditional = ctx_.schema_.typeFromAST(*typeCondition);
  if (conditional == &type) return true;
  if (conditional && conditional->isAbstract()) {
    return ctx_.schema_.isSubType(conditional->as<NamedTypeDef>(), type);
  }
  return false;
}

void SubscriptionRules::reserveSelectionSetWork(const ast::SelectionSet& set) {
  ctx_.spendFragmentWork(set.selections.size());
  for (const auto& sel : set.selections) {
    ctx_.spendFragmentWork(sel->directives.size());
    for (const auto& d : sel->directives) {
      if (d->name.value == "skip" || d->name.value == "include") ctx_.spendFragmentWork(d->arguments.size());
    }
  }
}

// graphql-js collectFields without variables, with an explicit stack.
SubscriptionRules::FieldGroups SubscriptionRules::collectFields(const ObjectType& type, const ast::SelectionSet& root) {
  FieldGroups fields;
  std::unordered_set<std::string_view> visitedFragments;
  struct Frame {
    const ast::SelectionSet* set;
    std::size_t next;
  };
  std::vector<Frame> stack;
  auto push = [&](const ast::SelectionSet* set) {
    if (!set) return;
    reserveSelectionSetWork(*set);
    stack.push_back({set, 0});
  };
  push(&root);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.set->selections.size()) {
      stack.pop_back();
      continue;
    }
    const ast::Selection& sel = *top.set->selections[top.next++];
    switch (sel.kind) {
      case Kind::Field:
        if (shouldIncludeNode(sel.directives)) fields.add(sel.as<ast::Field>());
        break;
      case Kind::InlineFragment: {
        const auto& inl = sel.as<ast::InlineFragment>();
        if (!shouldIncludeNode(sel.directives) || !doesFragmentConditionMatch(inl.typeCondition.get(), type)) break;
        push(inl.selectionSet.get());
        break;
      }
      case Kind::FragmentSpread: {
        const std::string_view name = sel.as<ast::FragmentSpread>().name.value;
        if (visitedFragments.count(name) || !shouldIncludeNode(sel.directives)) break;
        visitedFragments.insert(name);
        const ast::FragmentDefinition* frag = ctx_.getFragment(name);
        if (!frag || !doesFragmentConditionMatch(frag->typeCondition.get(), type)) break;
        push(frag->selectionSet.get());
        break;
      }
      default: break;
    }
  }
  return fields;
}

void SubscriptionRules::enterOperation(const ast::OperationDefinition& op) {
  if (op.operation != ast::OperationType::Subscription) return;
  const ObjectType* subscriptionType = ctx_.schema_.subscriptionType();
  if (!subscriptionType || !op.selectionSet) return;
  if (!fragmentsReady_) {
    ctx_.spendFragmentWork(ctx_.doc_.definitions.size());
    fragmentsReady_ = true;
  }
  FieldGroups fields;
  try {
    fields = collectFields(*subscriptionType, *op.selectionSet);
  } catch (DirectiveValueError& e) {
    // graphql-js throws out of validate() here; we report it and stop.
    ctx_.report(std::move(e.error));
    throw Abort{};
  }
  const std::string prefix = op.name ? "Subscription " + quoted(op.name->value) : "Anonymous Subscription";
  if (fields.groups.size() > 1) {
    std::vector<SourceLocation> locs;
    for (std::size_t i = 1; i < fields.groups.size(); ++i) {
      for (const auto* f : fields.groups[i].second) locs.push_back(locOf(*f));
    }
    ctx_.report(prefix + " must select only one top level field.", std::move(locs));
  }
  for (const auto& [key, nodes] : fields.groups) {
    const std::string_view fieldName = nodes[0]->name.value;
    if (fieldName.substr(0, 2) == "__") {
      std::vector<SourceLocation> locs;
      locs.reserve(nodes.size());
      for (const auto* f : nodes) locs.push_back(locOf(*f));
      ctx_.report(prefix + " must not select an introspection top level field.", std::move(locs));
    }
  }
}

}  // namespace kubos::graphql::detail
