// The fragment rules of graphql-js's specifiedRules (validation_rules.h):
// FragmentsOnCompositeTypes, UniqueFragmentNames, KnownFragmentNames,
// NoUnusedFragments, PossibleFragmentSpreads and NoFragmentCycles. Called by
// the Validator (validation.cpp) at the rules' places in specifiedRules.
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "validation_rules.h"

namespace kubos::graphql::detail {

void FragmentRules::enterFragmentDefinition(const ast::FragmentDefinition& frag) {
  // FragmentsOnCompositeTypes
  if (frag.typeCondition) {
    const Type* t = ctx_.schema_.typeFromAST(*frag.typeCondition);
    if (t && !t->isComposite()) {
      ctx_.report("Fragment " + quoted(frag.name.value) + " cannot condition on non composite type " +
                      quoted(frag.typeCondition->name.value) + ".",
                  *frag.typeCondition);
    }
  }
  // UniqueFragmentNames
  auto [it, inserted] = fragmentNames_.emplace(frag.name.value, &frag.name);
  if (!inserted) {
    ctx_.report("There can be only one fragment named " + quoted(frag.name.value) + ".",
                std::vector<SourceLocation>{locOf(*it->second), locOf(frag.name)});
  }
  // NoUnusedFragments
  fragmentDefs_.push_back(&frag);
  // NoFragmentCycles
  detectFragmentCycles(frag);
}

// NoFragmentCycles: graphql-js's depth-first search, with an explicit stack.
void FragmentRules::detectFragmentCycles(const ast::FragmentDefinition& root) {
  struct Frame {
    std::string_view name;
    const std::vector<const ast::FragmentSpread*>* spreads;
    std::size_t next;
  };
  std::vector<Frame> stack;
  auto start = [&](const ast::FragmentDefinition& frag) {
    const std::string_view name = frag.name.value;
    if (!cycleVisited_.insert(name).second || !frag.selectionSet) return false;
    const auto& spreads = ctx_.getFragmentSpreads(*frag.selectionSet);
    if (spreads.empty()) return false;
    spreadPathIndexByName_[name] = spreadPath_.size();
    stack.push_back({name, &spreads, 0});
    return true;
  };
  start(root);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.spreads->size()) {
      spreadPathIndexByName_.erase(top.name);
      stack.pop_back();
      if (!stack.empty()) spreadPath_.pop_back();  // the spread that led into the finished fragment
      continue;
    }
    const ast::FragmentSpread* spread = (*top.spreads)[top.next++];
    const std::string_view spreadName = spread->name.value;
    auto cycle = spreadPathIndexByName_.find(spreadName);
    spreadPath_.push_back(spread);
    if (cycle == spreadPathIndexByName_.end()) {
      const ast::FragmentDefinition* next = ctx_.getFragment(spreadName);
      if (next && start(*next)) continue;  // popped when that fragment is done
    } else {
      std::string via;
      std::vector<SourceLocation> locs;
      for (std::size_t i = cycle->second; i < spreadPath_.size(); ++i) {
        locs.push_back(locOf(*spreadPath_[i]));
        if (i + 1 < spreadPath_.size()) {
          if (!via.empty()) via += ", ";
          via += quoted(spreadPath_[i]->name.value);
        }
      }
      ctx_.report("Cannot spread fragment " + quoted(spreadName) + " within itself" +
                      (via.empty() ? std::string(".") : " via " + via + "."),
                  std::move(locs));
    }
    spreadPath_.pop_back();
  }
}

void FragmentRules::enterInlineFragment(const ast::InlineFragment& frag) {
  // FragmentsOnCompositeTypes
  if (frag.typeCondition) {
    const Type* t = ctx_.schema_.typeFromAST(*frag.typeCondition);
    if (t && !t->isComposite()) {
      ctx_.report("Fragment cannot condition on non composite type " + quoted(frag.typeCondition->name.value) + ".",
                  *frag.typeCondition);
    }
  }
  // PossibleFragmentSpreads
  const Type* fragType = ctx_.typeInfo_.type();
  const NamedTypeDef* parentType = ctx_.typeInfo_.parentType();
  if (isComposite(fragType) && isComposite(parentType) &&
      !ctx_.schema_.doTypesOverlap(fragType->as<NamedTypeDef>(), *parentType)) {
    ctx_.report("Fragment cannot be spread here as objects of type " + quoted(parentType->name) +
                    " can never be of type " + quoted(fragType->as<NamedTypeDef>().name) + ".",
                frag);
  }
}

void FragmentRules::enterFragmentSpread(const ast::FragmentSpread& spread) {
  const std::string_view name = spread.name.value;
  const ast::FragmentDefinition* frag = ctx_.getFragment(name);
  // KnownFragmentNames
  if (!frag) ctx_.report("Unknown fragment " + quoted(name) + ".", spread.name);
  // PossibleFragmentSpreads
  const Type* fragType = frag && frag->typeCondition ? ctx_.schema_.typeFromAST(*frag->typeCondition) : nullptr;
  const NamedTypeDef* parentType = ctx_.typeInfo_.parentType();
  if (isComposite(fragType) && parentType && !ctx_.schema_.doTypesOverlap(fragType->as<NamedTypeDef>(), *parentType)) {
    ctx_.report("Fragment " + quoted(name) + " cannot be spread here as objects of type " + quoted(parentType->name) +
                    " can never be of type " + quoted(fragType->as<NamedTypeDef>().name) + ".",
                spread);
  }
}

void FragmentRules::leaveDocument() {
  // NoUnusedFragments
  const ValidationContext::ReferencedFragments& used = ctx_.getRecursivelyReferencedFragments(operationDefs_);
  std::unordered_set<std::string_view> usedNames;
  for (const auto* f : used.fragments) usedNames.insert(f->name.value);
  for (const auto* frag : fragmentDefs_) {
    if (!usedNames.count(frag->name.value)) {
      ctx_.report("Fragment " + quoted(frag->name.value) + " is never used.", *frag);
    }
  }
}

}  // namespace kubos::graphql::detail
