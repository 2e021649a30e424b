// The selection rules of graphql-js's specifiedRules (validation_rules.h):
// ScalarLeafs, FieldsOnCorrectType and OverlappingFieldsCanBeMerged (whose
// algorithm is in overlapping_fields.cpp), and MaxIntrospectionDepth, the
// rule graphql-js appends as recommendedRules. Called by the Validator
// (validation.cpp) at the rules' places in specifiedRules.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "suggest.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

namespace {

// MaxIntrospectionDepthRule's MAX_LISTS_DEPTH.
constexpr int kMaxIntrospectionListsDepth = 3;

std::vector<std::string_view> suggestedFieldNames(const NamedTypeDef& type, std::string_view fieldName) {
  if (type.kind != TypeKind::Object && type.kind != TypeKind::Interface) return {};
  std::vector<std::string_view> names;
  for (const auto& f : type.as<FieldsType>().fields) names.push_back(f.name);
  return suggestionList(fieldName, names);
}

}  // namespace

void SelectionRules::enterSelectionSet(const ast::SelectionSet& set) {
  // OverlappingFieldsCanBeMerged
  std::vector<GraphQLError> conflicts;
  overlap_.checkSelectionSet(set, ctx_.typeInfo_.parentType(), conflicts);
  for (auto& e : conflicts) ctx_.report(std::move(e));
  if (overlap_.aborted()) {  // its complexity budget ran out: graphql-js stops validating
    ctx_.errors_.emplace_back(OverlappingFieldsChecker::kValidationAbortedMessage);
    throw Abort{};
  }
}

void SelectionRules::enterField(const ast::Field& field) {
  const Type* type = ctx_.typeInfo_.type();
  // ScalarLeafs
  if (type) {
    const std::string_view fieldName = field.name.value;
    if (type->namedType().isLeaf()) {
      if (field.selectionSet) {
        ctx_.report("Field " + quoted(fieldName) + " must not have a selection since type " + quoted(type->toString()) +
                        " has no subfields.",
                    *field.selectionSet);
      }
    } else if (!field.selectionSet) {
      ctx_.report("Field " + quoted(fieldName) + " of type " + quoted(type->toString()) +
                      " must have a selection of subfields. Did you mean \"" + std::string(fieldName) + " { ... }\"?",
                  field);
    } else if (field.selectionSet->selections.empty()) {
      ctx_.report("Field " + quoted(fieldName) + " of type " + quoted(type->toString()) +
                      " must have at least one field selected.",
                  field);
    }
  }
  // FieldsOnCorrectType
  const NamedTypeDef* parentType = ctx_.typeInfo_.parentType();
  if (parentType && !ctx_.typeInfo_.fieldDef()) {
    const std::string_view fieldName = field.name.value;
    std::vector<std::string> typeNames = suggestedTypeNames(*parentType, fieldName);
    std::string suggestion;
    if (!typeNames.empty()) {
      std::vector<std::string_view> views(typeNames.begin(), typeNames.end());
      suggestion = didYouMean("to use an inline fragment on", views);
    } else {
      suggestion = didYouMean(suggestedFieldNames(*parentType, fieldName));
    }
    ctx_.report("Cannot query field " + quoted(fieldName) + " on type " + quoted(parentType->name) + "." + suggestion,
                field);
  }
}

// graphql-js getSuggestedTypeNames: the possible types (and their
// interfaces) that do have the field, most used first, super types first.
std::vector<std::string> SelectionRules::suggestedTypeNames(const NamedTypeDef& type,
                                                            std::string_view fieldName) const {
  if (!type.isAbstract()) return {};
  const Schema& schema = ctx_.schema_;
  std::vector<const NamedTypeDef*> suggested;
  std::unordered_map<const NamedTypeDef*, int> usageCount;
  for (const ObjectType* possible : schema.possibleTypes(type)) {
    if (!possible->findField(fieldName)) continue;
    if (usageCount.emplace(possible, 1).second) {
      suggested.push_back(possible);
    } else {
      usageCount[possible] = 1;
    }
    for (const InterfaceType* iface : possible->interfaces) {
      if (!iface->findField(fieldName)) continue;
      auto [it, inserted] = usageCount.emplace(iface, 0);
      if (inserted) suggested.push_back(iface);
      ++it->second;
    }
  }
  std::stable_sort(suggested.begin(), suggested.end(), [&](const NamedTypeDef* a, const NamedTypeDef* b) {
    const int diff = usageCount.at(b) - usageCount.at(a);
    if (diff != 0) return diff < 0;
    if (a->kind == TypeKind::Interface && schema.isSubType(*a, *b)) return true;
    if (b->kind == TypeKind::Interface && schema.isSubType(*b, *a)) return false;
    return naturalCompare(a->name, b->name) < 0;
  });
  std::vector<std::string> names;
  names.reserve(suggested.size());
  for (const auto* t : suggested) names.push_back(t->name);
  return names;
}

void IntrospectionDepthRule::enterField(const ast::Field& field) {
  if (skip_ || (field.name.value != "__schema" && field.name.value != "__type")) return;
  if (tooDeep(field)) {
    ctx_.report("Maximum introspection depth exceeded", field);
    skip_ = &field;
  }
}

// graphql-js's checkDepth with an explicit stack. Memoizes per fragment the
// entry depths that passed or hit the limit.
bool IntrospectionDepthRule::tooDeep(const ast::Field& root) {
  if (!root.selectionSet) return false;
  std::unordered_map<std::string_view, int> visited;  // entry depths of this root check
  struct Frame {
    const ast::SelectionSet* set;
    std::size_t next;
    int depth;
    std::string_view fragment;  // non-empty when this is a fragment's body
  };
  std::vector<Frame> stack{{root.selectionSet.get(), 0, 0, {}}};
  bool exceeded = false;
  while (!stack.empty() && !exceeded) {
    Frame& top = stack.back();
    if (top.next == top.set->selections.size()) {
      if (!top.fragment.empty()) checked_[top.fragment] = top.depth;
      stack.pop_back();
      continue;
    }
    const ast::Selection& sel = *top.set->selections[top.next++];
    const int depth = top.depth;
    if (sel.kind == Kind::FragmentSpread) {
      const std::string_view name = sel.as<ast::FragmentSpread>().name.value;
      auto ex = exceeded_.find(name);
      if (ex != exceeded_.end() && ex->second <= depth) {
        exceeded = true;
        break;
      }
      auto vis = visited.find(name);
      auto chk = checked_.find(name);
      if ((vis != visited.end() && vis->second >= depth) || (chk != checked_.end() && chk->second >= depth)) {
        continue;
      }
      const ast::FragmentDefinition* frag = ctx_.getFragment(name);
      if (!frag) continue;
      visited[name] = depth;
      if (frag->selectionSet) {
        stack.push_back({frag->selectionSet.get(), 0, depth, name});
      } else {
        checked_[name] = depth;
      }
    } else if (sel.kind == Kind::Field) {
      const auto& f = sel.as<ast::Field>();
      const std::string_view n = f.name.value;
      int d = depth;
      if (n == "fields" || n == "interfaces" || n == "possibleTypes" || n == "inputFields") {
        if (++d >= kMaxIntrospectionListsDepth) {
          exceeded = true;
          break;
        }
      }
      if (f.selectionSet) stack.push_back({f.selectionSet.get(), 0, d, {}});
    } else if (sel.kind == Kind::InlineFragment) {
      const auto& inl = sel.as<ast::InlineFragment>();
      if (inl.selectionSet) stack.push_back({inl.selectionSet.get(), 0, depth, {}});
    }
  }
  if (!exceeded) return false;
  // Every fragment we are inside reached the limit at its entry depth.
  for (const Frame& f : stack) {
    if (!f.fragment.empty()) exceeded_[f.fragment] = f.depth;
  }
  return true;
}

}  // namespace kubos::graphql::detail
