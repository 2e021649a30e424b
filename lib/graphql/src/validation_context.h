// The state every validation rule shares (graphql-js ValidationContext):
// schema, document, TypeInfo, the error list and its limit, the fragment
// work budget, and the document facts rules ask for (fragments by name,
// spreads, recursively referenced fragments, variable usages, directive
// definitions). The rules themselves are declared in validation_rules.h.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"
#include "validation_typeinfo.h"

namespace kubos::graphql::detail {

inline constexpr const char* kTooManyErrors = "Too many validation errors, error limit reached. Validation aborted.";
inline constexpr const char* kAborted = "Validation aborted.";
// graphql-js ASTValidationContext._remainingFragmentWork.
inline constexpr long kFragmentWorkBudget = 50000;

inline SourceLocation locOf(const ast::Node& n) { return {n.loc.line, n.loc.column}; }

inline std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

inline const NamedTypeDef* namedOf(const Type* t) { return t ? &t->namedType() : nullptr; }
inline bool isRequired(const InputValueDef& d) { return d.type && d.type->isNonNull() && !hasDefault(&d); }

// graphql-js builds isOneOf from the @oneOf directive on the type's
// definition node (not its extensions).
inline bool isOneOf(const InputObjectType& t) {
  if (!t.astNode) return false;
  for (const auto& d : t.astNode->directives) {
    if (d->name.value == "oneOf") return true;
  }
  return false;
}

inline bool isComposite(const Type* t) { return t && t->isComposite(); }

// graphql-js groupBy on names: groups in first-seen order (none when fewer
// than two items, as nothing can repeat).
template <class T, class KeyFn>
std::vector<std::vector<const T*>> groupByName(const ast::PtrList<T>& items, KeyFn key) {
  std::vector<std::vector<const T*>> groups;
  if (items.size() < 2) return groups;
  std::unordered_map<std::string_view, std::size_t> index;
  for (const auto& item : items) {
    auto [it, inserted] = index.emplace(key(*item), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(item.get());
  }
  return groups;
}

// Thrown to stop the traversal; the error(s) explaining why are already in
// the error list.
struct Abort {};

struct VariableUsage {
  const ast::Variable* node;
  const Type* type;          // expected type at the usage (null when unknown)
  bool hasLocationDefault;   // the argument / input field there has a default
  const Type* parentType;    // the enclosing input type (for @oneOf)
};

// Collects the variable usages of one definition with its own TypeInfo, as
// graphql-js's ValidationContext.getVariableUsages does.
struct UsageCollector {
  detail::TypeInfo typeInfo;
  std::vector<VariableUsage>& out;

  bool enter(const ast::Node& n) {
    if (n.kind == ast::Kind::VariableDefinition) return false;
    typeInfo.enter(n);
    if (n.kind == ast::Kind::Variable) {
      out.push_back({&n.as<ast::Variable>(), typeInfo.inputType(), typeInfo.hasDefaultValue(),
                     typeInfo.parentInputType()});
    }
    return true;
  }
  void leave(const ast::Node& n) { typeInfo.leave(n); }
};

class ValidationContext {
 public:
  ValidationContext(const Schema& schema, const ast::Document& doc, std::size_t maxErrors,
                    std::vector<GraphQLError>& errors)
      : schema_(schema), doc_(doc), maxErrors_(maxErrors), errors_(errors), typeInfo_(schema) {
    ancestors_.reserve(32);
    for (const auto& def : doc.definitions) {
      if (def->kind == ast::Kind::FragmentDefinition) {
        const auto& frag = def->as<ast::FragmentDefinition>();
        fragments_[frag.name.value] = &frag;  // the last definition wins, as in graphql-js
      } else if (def->kind == ast::Kind::DirectiveDefinition) {
        const auto& dir = def->as<ast::DirectiveDefinition>();
        docDirectives_[dir.name.value] = &dir;
      } else if (ast::isTypeDefinition(def->kind)) {
        docTypes_.push_back(def->as<ast::TypeDefinitionOrExtension>().name.value);
      }
    }
  }

  // ---- errors -------------------------------------------------------------

  void report(GraphQLError e) {
    if (errors_.size() >= maxErrors_) {
      errors_.emplace_back(kTooManyErrors);
      throw Abort{};
    }
    errors_.push_back(std::move(e));
  }
  void report(std::string message, const ast::Node& node) { report(GraphQLError(std::move(message), node)); }
  void report(std::string message, std::vector<SourceLocation> locs) {
    report(GraphQLError(std::move(message), std::move(locs)));
  }

  // graphql-js spendFragmentWork: a budget on fragment-following work.
  void spendFragmentWork(std::size_t cost) {
    remainingFragmentWork_ -= static_cast<long>(std::min<std::size_t>(cost, kFragmentWorkBudget + 1));
    if (remainingFragmentWork_ < 0) {
      errors_.emplace_back(kAborted);
      throw Abort{};
    }
  }

  // ---- context helpers (graphql-js ValidationContext) -----------------------

  const ast::FragmentDefinition* getFragment(std::string_view name) const {
    auto it = fragments_.find(name);
    return it == fragments_.end() ? nullptr : it->second;
  }

  // The spreads inside a selection set (not following them), in graphql-js's
  // order: a set's own spreads first, nested sets from a LIFO stack.
  const std::vector<const ast::FragmentSpread*>& getFragmentSpreads(const ast::SelectionSet& root) {
    auto [it, inserted] = fragmentSpreads_.try_emplace(&root);
    if (!inserted) return it->second;
    auto& spreads = it->second;
    std::vector<const ast::SelectionSet*> setsToVisit{&root};
    while (!setsToVisit.empty()) {
      const ast::SelectionSet* set = setsToVisit.back();
      setsToVisit.pop_back();
      for (const auto& sel : set->selections) {
        if (sel->kind == ast::Kind::FragmentSpread) {
          spreads.push_back(&sel->as<ast::FragmentSpread>());
        } else if (sel->kind == ast::Kind::Field) {
          if (const auto& ss = sel->as<ast::Field>().selectionSet) setsToVisit.push_back(ss.get());
        } else if (sel->kind == ast::Kind::InlineFragment) {
          if (const auto& ss = sel->as<ast::InlineFragment>().selectionSet) setsToVisit.push_back(ss.get());
        }
      }
    }
    return spreads;
  }

  struct ReferencedFragments {
    std::vector<const ast::FragmentDefinition*> fragments;
    bool usagesComputed = false;
    std::vector<VariableUsage> fragmentUsages;
  };

  // graphql-js getRecursivelyReferencedFragmentsForOperations. Memoized by
  // the *set* of directly spread names, as graphql-js's SetMap does (so two
  // operations spreading the same names share one result).
  ReferencedFragments& getRecursivelyReferencedFragments(const std::vector<const ast::OperationDefinition*>& ops) {
    std::vector<std::string_view> names;
    std::unordered_set<std::string_view> seen;
    for (const auto* op : ops) {
      if (!op->selectionSet) continue;
      for (const auto* spread : getFragmentSpreads(*op->selectionSet)) {
        if (seen.insert(spread->name.value).second) names.push_back(spread->name.value);
      }
    }
    std::vector<std::string_view> key = names;
    std::sort(key.begin(), key.end());
    auto [it, inserted] = referencedFragments_.try_emplace(std::move(key));
    if (!inserted) return it->second;
    ReferencedFragments& result = it->second;
    spendFragmentWork(names.size());
    // `names` doubles as the ordered set being iterated while it grows.
    for (std::size_t i = 0; i < names.size(); ++i) {
      const ast::FragmentDefinition* frag = getFragment(names[i]);
      if (!frag) continue;
      result.fragments.push_back(frag);
      if (!frag->selectionSet) continue;
      const auto& spreads = getFragmentSpreads(*frag->selectionSet);
      spendFragmentWork(spreads.size());
      for (const auto* spread : spreads) {
        if (seen.insert(spread->name.value).second) names.push_back(spread->name.value);
      }
    }
    return result;
  }

  const std::vector<VariableUsage>& getFragmentVariableUsages(const ast::FragmentDefinition& frag) {
    auto [it, inserted] = fragmentUsages_.try_emplace(&frag);
    if (inserted) {
      UsageCollector collector{detail::TypeInfo(schema_), it->second};
      detail::walk(frag, collector);
    }
    return it->second;
  }

  // graphql-js getRecursiveVariableUsages: the operation's own usages (seen
  // during the main traversal) followed by those of every fragment it
  // reaches.
  const std::vector<VariableUsage>& getRecursiveVariableUsages(const ast::OperationDefinition& op) {
    auto found = recursiveUsages_.find(&op);
    if (found != recursiveUsages_.end()) return found->second;
    ReferencedFragments& refs = getRecursivelyReferencedFragments({&op});
    if (!refs.usagesComputed) {
      spendFragmentWork(refs.fragments.size());
      for (const auto* frag : refs.fragments) {
        const auto& local = getFragmentVariableUsages(*frag);
        spendFragmentWork(local.size());
        refs.fragmentUsages.insert(refs.fragmentUsages.end(), local.begin(), local.end());
      }
      refs.usagesComputed = true;
    }
    spendFragmentWork(refs.fragmentUsages.size());
    std::vector<VariableUsage> usages = std::move(operationUsages_[&op]);
    usages.insert(usages.end(), refs.fragmentUsages.begin(), refs.fragmentUsages.end());
    return recursiveUsages_.emplace(&op, std::move(usages)).first->second;
  }

  void recordVariableUsage(const ast::Variable& v) {
    if (!currentOperation_ || inVariableDefinition_ > 0) return;
    operationUsages_[currentOperation_].push_back(
        {&v, typeInfo_.inputType(), typeInfo_.hasDefaultValue(), typeInfo_.parentInputType()});
  }

  // Directive definitions in the document override the schema's.
  struct DirectiveView {
    const DirectiveDef* schemaDef = nullptr;
    const ast::DirectiveDefinition* docDef = nullptr;
    explicit operator bool() const { return schemaDef || docDef; }
  };
  DirectiveView lookupDirective(std::string_view name) const {
    DirectiveView v;
    if (!docDirectives_.empty()) {
      auto it = docDirectives_.find(name);
      if (it != docDirectives_.end()) {
        v.docDef = it->second;
        return v;
      }
    }
    v.schemaDef = schema_.getDirective(name);
    return v;
  }

  const Schema& schema_;
  const ast::Document& doc_;
  const std::size_t maxErrors_;
  std::vector<GraphQLError>& errors_;
  detail::TypeInfo typeInfo_;
  std::vector<const ast::Node*> ancestors_;
  long remainingFragmentWork_ = kFragmentWorkBudget;

  // Document facts.
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::unordered_map<std::string_view, const ast::DirectiveDefinition*> docDirectives_;
  std::vector<std::string_view> docTypes_;

  // Memoized fragment facts.
  std::unordered_map<const ast::SelectionSet*, std::vector<const ast::FragmentSpread*>> fragmentSpreads_;
  std::map<std::vector<std::string_view>, ReferencedFragments> referencedFragments_;
  std::unordered_map<const ast::FragmentDefinition*, std::vector<VariableUsage>> fragmentUsages_;
  std::unordered_map<const ast::OperationDefinition*, std::vector<VariableUsage>> operationUsages_;
  std::unordered_map<const ast::OperationDefinition*, std::vector<VariableUsage>> recursiveUsages_;
  const ast::OperationDefinition* currentOperation_ = nullptr;
  int inVariableDefinition_ = 0;
};

}  // namespace kubos::graphql::detail
