// OverlappingFieldsCanBeMerged (GraphQL spec 5.3.2), following graphql-js
// 16.15's OverlappingFieldsCanBeMergedRule step by step: the same field-map
// collection, the same comparison order (so conflicts and their locations come
// out in the same order), the same memoisation and the same complexity budget
// (so a hostile document is cut off at the same point, with "Validation
// aborted."). The letters (A)..(J) refer to the algorithm's steps as
// graphql-js documents them.
#include "overlapping_fields.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kubos::graphql::detail {

namespace {

// Bounds on diagnostic size, as graphql-js has them.
constexpr std::size_t kMaxConflictDetailLength = 1000;
constexpr std::size_t kMaxConflictNodes = 20;
// graphql-js meters the comparisons (not the collection) with this budget and
// aborts validation when it runs out.
constexpr std::int64_t kMaxComplexityBudget = 500000;
// Sub-field comparisons nest as deep as fields nest, which through fragments
// is not bounded by the parser's depth limit. graphql-js would die of a
// RangeError on such a document (from about 680 levels); we abort as for the
// budget instead. No real document comes near it. At the bound this uses
// under 1 MiB of stack in a release build, about 4 MiB under ASan.
constexpr int kMaxRecursionDepth = 1000;

// Thrown to unwind when the budget or the depth bound is exhausted.
struct Aborted {};

std::string maybeAbbreviate(std::string_view text) {
  // Names and type strings are ASCII, so bytes count like JS's UTF-16 units.
  if (text.size() > kMaxConflictDetailLength) {
    std::string s(text.substr(0, kMaxConflictDetailLength));
    s += "...";
    return s;
  }
  return std::string(text);
}

bool isObjectType(const NamedTypeDef* t) { return t != nullptr && t->kind == TypeKind::Object; }

}  // namespace

struct OverlappingFieldsChecker::Impl {
  // Why two fields with the same response name cannot be merged, before
  // looking at their types (graphql-js caches this per field pair).
  enum class NameArgsReason : std::uint8_t { None, DifferentFields, DifferingArguments };

  struct FieldDetails {
    const NamedTypeDef* parentType = nullptr;
    const ast::Field* node = nullptr;
    const FieldDef* definition = nullptr;
    bool isSimpleLeaf = false;
    // graphql-js's lazily built "field info".
    bool hasInfo = false;
    const NamedTypeDef* namedType = nullptr;
    std::unordered_map<std::string_view, const ast::ValueNode*> argValues;  // last wins, like Map.set
    std::unordered_map<const FieldDetails*, NameArgsReason> comparisons;
    std::optional<std::string> typeString;
  };

  using FieldList = std::vector<FieldDetails*>;

  struct Group {
    std::string_view responseName;
    FieldList fields;
  };

  struct Overlap {
    std::string_view responseName;
    const FieldList* fields1;
    const FieldList* fields2;
  };

  struct CollectFieldsResult {
    std::vector<Group> groups;  // insertion order, like a JS Map
    std::unordered_map<std::string_view, std::size_t> groupIndex;
    std::vector<std::string_view> fragmentNames;  // insertion order, deduplicated
    // Fragment name -> whether it was compared under mutual exclusivity.
    std::unordered_map<std::string_view, bool> comparedFragments;
    std::unordered_map<const CollectFieldsResult*, std::vector<Overlap>> overlapping;
  };

  struct Conflict {
    std::string_view responseName;
    std::string reason;
    std::vector<const ast::Field*> fields1;
    std::vector<const ast::Field*> fields2;
  };

  Impl(const Schema& s, const ast::Document& d) : schema(s) {
    indexDocument(d);
  }

  const Schema& schema;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments;
  // Selection sets owned by inline fragments: graphql-js flattens them into
  // the enclosing level and does not check them on their own.
  std::unordered_set<const ast::SelectionSet*> inlineFragmentSets;

  std::deque<FieldDetails> fieldStore;  // stable addresses
  std::map<std::pair<const NamedTypeDef*, const ast::SelectionSet*>, CollectFieldsResult> collected;
  // PairSet of fragment names: (a, b) -> compared under mutual exclusivity.
  std::map<std::pair<std::string_view, std::string_view>, bool> comparedFragmentPairs;
  std::unordered_map<const ast::ValueNode*, std::string> stringifiedValues;
  std::int64_t remainingBudget = kMaxComplexityBudget;
  int depth = 0;
  bool aborted = false;

  // ---- setup ---------------------------------------------------------------

  void indexDocument(const ast::Document& doc) {
    std::vector<const ast::SelectionSet*> pending;
    for (const auto& def : doc.definitions) {
      if (def->kind == ast::Kind::FragmentDefinition) {
        const auto& frag = def->as<ast::FragmentDefinition>();
        fragments[frag.name.value] = &frag;  // the last definition wins, as in graphql-js
        if (frag.selectionSet) pending.push_back(frag.selectionSet.get());
      } else if (def->kind == ast::Kind::OperationDefinition) {
        const auto& op = def->as<ast::OperationDefinition>();
        if (op.selectionSet) pending.push_back(op.selectionSet.get());
      }
    }
    // Explicit stack: the document's depth must not become ours.
    while (!pending.empty()) {
      const ast::SelectionSet* ss = pending.back();
      pending.pop_back();
      for (const auto& sel : ss->selections) {
        if (sel->kind == ast::Kind::Field) {
          const auto& f = sel->as<ast::Field>();
          if (f.selectionSet) pending.push_back(f.selectionSet.get());
        } else if (sel->kind == ast::Kind::InlineFragment) {
          const auto& inl = sel->as<ast::InlineFragment>();
          if (inl.selectionSet) {
            inlineFragmentSets.insert(inl.selectionSet.get());
            pending.push_back(inl.selectionSet.get());
          }
        }
      }
    }
  }

  // ---- limits ----------------------------------------------------------------

  void spend(std::int64_t cost) {
    remainingBudget -= cost;
    if (remainingBudget < 0) throw Aborted{};
  }

  struct DepthGuard {
    explicit DepthGuard(Impl& i) : impl(i) {
      if (++impl.depth > kMaxRecursionDepth) throw Aborted{};
    }
    ~DepthGuard() { --impl.depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    Impl& impl;
  };

  // ---- collection ----------------------------------------------------------------

  const NamedTypeDef* namedTypeFromAST(const ast::NamedType* node) const {
    if (node == nullptr) return nullptr;
    const Type* t = schema.typeFromAST(*node);
    return (t != nullptr && t->isNamed()) ? static_cast<const NamedTypeDef*>(t) : nullptr;
  }

  CollectFieldsResult& collectFields(const NamedTypeDef* parentType, const ast::SelectionSet& selectionSet) {
    auto key = std::make_pair(parentType, &selectionSet);
    auto found = collected.find(key);
    if (found != collected.end()) return found->second;
    CollectFieldsResult& result = collected[key];

    std::unordered_set<std::string_view> seenFragments;
    struct Frame {
      const NamedTypeDef* type;
      const ast::SelectionSet* set;
      std::size_t next;
    };
    // Depth-first, in document order, without recursion.
    std::vector<Frame> stack{{parentType, &selectionSet, 0}};
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next >= top.set->selections.size()) {
        stack.pop_back();
        continue;
      }
      const ast::Selection& sel = *top.set->selections[top.next++];
      const NamedTypeDef* type = top.type;
      switch (sel.kind) {
        case ast::Kind::Field: {
          const auto& field = sel.as<ast::Field>();
          const FieldDef* def = nullptr;
          // Only declared fields: graphql-js's getFields() has no __typename.
          if (type != nullptr && (type->kind == TypeKind::Object || type->kind == TypeKind::Interface)) {
            def = static_cast<const FieldsType*>(type)->findField(field.name.value);
          }
          FieldDetails& fd = fieldStore.emplace_back();
          fd.parentType = type;
          fd.node = &field;
          fd.definition = def;
          fd.isSimpleLeaf = field.arguments.empty() && !field.selectionSet;
          std::string_view responseName = field.responseKey();
          auto [it, inserted] = result.groupIndex.try_emplace(responseName, result.groups.size());
          if (inserted) result.groups.push_back(Group{responseName, {}});
          result.groups[it->second].fields.push_back(&fd);
          break;
        }
        case ast::Kind::FragmentSpread: {
          std::string_view name = sel.as<ast::FragmentSpread>().name.value;
          if (seenFragments.insert(name).second) result.fragmentNames.push_back(name);
          break;
        }
        case ast::Kind::InlineFragment: {
          const auto& inl = sel.as<ast::InlineFragment>();
          const NamedTypeDef* inlineType = inl.typeCondition ? namedTypeFromAST(inl.typeCondition.get()) : type;
          if (inl.selectionSet) stack.push_back(Frame{inlineType, inl.selectionSet.get(), 0});
          break;
        }
        default:
          break;
      }
    }
    return result;
  }

  const CollectFieldsResult* collectFragmentFields(const ast::FragmentDefinition& fragment) {
    if (!fragment.selectionSet) return nullptr;
    return &collectFields(namedTypeFromAST(fragment.typeCondition.get()), *fragment.selectionSet);
  }

  const ast::FragmentDefinition* getFragment(std::string_view name) const {
    auto it = fragments.find(name);
    return it == fragments.end() ? nullptr : it->second;
  }

  // ---- the algorithm ---------------------------------------------------------------

  void findConflictsWithinSelectionSet(const NamedTypeDef* parentType, const ast::SelectionSet& selectionSet,
                                       std::vector<Conflict>& conflicts) {
    CollectFieldsResult& result = collectFields(parentType, selectionSet);
    // (A) Conflicts within this selection set's own fields: the only place
    // fields of one set are compared with each other.
    collectConflictsWithin(conflicts, result);
    if (!result.fragmentNames.empty() && (!result.groups.empty() || result.fragmentNames.size() > 1)) {
      // A collected result never changes once built, so this stays valid.
      const std::vector<std::string_view>& names = result.fragmentNames;
      for (std::size_t i = 0; i < names.size(); ++i) {
        // (B) These fields against each spread fragment.
        collectConflictsBetweenFieldsAndFragment(conflicts, false, result, names[i]);
        // (C) Each spread fragment against the ones after it.
        for (std::size_t j = i + 1; j < names.size(); ++j) {
          collectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
        }
      }
    }
  }

  // graphql-js recurses into the fragments a fragment spreads (E); a chain
  // of fragments can be as long as the document, so this walks it with an
  // explicit stack in the same pre-order (same checks, same budget).
  void collectConflictsBetweenFieldsAndFragment(std::vector<Conflict>& conflicts, bool areMutuallyExclusive,
                                                CollectFieldsResult& result, std::string_view fragmentName) {
    std::vector<std::string_view> pending{fragmentName};
    while (!pending.empty()) {
      const std::string_view name = pending.back();
      pending.pop_back();
      spend(1);
      if (result.groups.empty()) continue;
      auto known = result.comparedFragments.find(name);
      // A non-exclusive comparison covers an exclusive one, not the reverse.
      if (known != result.comparedFragments.end() && (!known->second || areMutuallyExclusive)) continue;
      result.comparedFragments[name] = areMutuallyExclusive;

      const ast::FragmentDefinition* fragment = getFragment(name);
      if (fragment == nullptr) continue;
      const CollectFieldsResult* result2 = collectFragmentFields(*fragment);
      if (result2 == nullptr || result2 == &result) continue;  // never compare a fragment with itself

      // (D) The fields against the fragment's fields.
      collectConflictsBetween(conflicts, areMutuallyExclusive, result, *result2);
      // (E) Then against the fragments that fragment spreads, in order.
      const auto& refs = result2->fragmentNames;
      for (auto it = refs.rbegin(); it != refs.rend(); ++it) pending.push_back(*it);
    }
  }

  bool pairSetHasOrdered(std::string_view a, std::string_view b, bool weaklyPresent) const {
    auto it = comparedFragmentPairs.find({a, b});
    if (it == comparedFragmentPairs.end()) return false;
    return weaklyPresent ? true : it->second == weaklyPresent;
  }

  // Two fragments spread side by side, and (G) recursively the fragments each
  // spreads against the other; an explicit stack in graphql-js's order.
  void collectConflictsBetweenFragments(std::vector<Conflict>& conflicts, bool areMutuallyExclusive,
                                        std::string_view fragmentName1, std::string_view fragmentName2) {
    std::vector<std::pair<std::string_view, std::string_view>> pending{{fragmentName1, fragmentName2}};
    while (!pending.empty()) {
      const auto [name1, name2] = pending.back();
      pending.pop_back();
      spend(2);
      if (name1 == name2) continue;
      // PairSet semantics: an exclusive query is answered by any entry, a
      // non-exclusive one only by a non-exclusive entry, in either order.
      if (pairSetHasOrdered(name1, name2, areMutuallyExclusive) ||
          pairSetHasOrdered(name2, name1, areMutuallyExclusive)) {
        continue;
      }
      comparedFragmentPairs[{name1, name2}] = areMutuallyExclusive;

      const ast::FragmentDefinition* fragment1 = getFragment(name1);
      const ast::FragmentDefinition* fragment2 = getFragment(name2);
      if (fragment1 == nullptr || fragment2 == nullptr) continue;
      const CollectFieldsResult* result1 = collectFragmentFields(*fragment1);
      const CollectFieldsResult* result2 = collectFragmentFields(*fragment2);
      if (result1 == nullptr || result2 == nullptr) continue;

      // (F) The two fragments' own fields.
      collectConflictsBetween(conflicts, areMutuallyExclusive, *result1, *result2);
      // (G) The first against those the second spreads, then the second
      // against those the first spreads: pushed so they pop in that order.
      const auto& refs1 = result1->fragmentNames;
      const auto& refs2 = result2->fragmentNames;
      for (auto it = refs1.rbegin(); it != refs1.rend(); ++it) pending.emplace_back(*it, name2);
      for (auto it = refs2.rbegin(); it != refs2.rend(); ++it) pending.emplace_back(name1, *it);
    }
  }

  std::vector<Conflict> findConflictsBetweenSubSelectionSets(bool areMutuallyExclusive,
                                                             const NamedTypeDef* parentType1,
                                                             const ast::SelectionSet& selectionSet1,
                                                             const NamedTypeDef* parentType2,
                                                             const ast::SelectionSet& selectionSet2) {
    std::vector<Conflict> conflicts;
    CollectFieldsResult& result1 = collectFields(parentType1, selectionSet1);
    CollectFieldsResult& result2 = collectFields(parentType2, selectionSet2);
    // (H) The two sets of fields.
    collectConflictsBetween(conflicts, areMutuallyExclusive, result1, result2);
    // (I) Each set of fields against the fragments the other spreads.
    for (std::string_view name2 : result2.fragmentNames) {
      collectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, result1, name2);
    }
    for (std::string_view name1 : result1.fragmentNames) {
      collectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, result2, name1);
    }
    // (J) Every fragment of the first against every fragment of the second.
    for (std::string_view name1 : result1.fragmentNames) {
      for (std::string_view name2 : result2.fragmentNames) {
        collectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, name2);
      }
    }
    return conflicts;
  }

  void collectConflictsWithin(std::vector<Conflict>& conflicts, const CollectFieldsResult& result) {
    for (const Group& group : result.groups) {
      const FieldList& fields = group.fields;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        for (std::size_t j = i + 1; j < fields.size(); ++j) {
          if (auto c = findConflict(false, group.responseName, *fields[i], *fields[j])) {
            conflicts.push_back(std::move(*c));
          }
        }
      }
    }
  }

  void collectConflictsBetween(std::vector<Conflict>& conflicts, bool parentFieldsAreMutuallyExclusive,
                               const CollectFieldsResult& result1, const CollectFieldsResult& result2) {
    if (result1.groups.empty() || result2.groups.empty()) return;
    // Cached in a node-based map and never changed once built, so the
    // reference survives the cache growing during the recursion.
    const std::vector<Overlap>& overlaps = getOverlappingFields(result1, result2);
    for (const Overlap& o : overlaps) {
      for (FieldDetails* f1 : *o.fields1) {
        for (FieldDetails* f2 : *o.fields2) {
          if (auto c = findConflict(parentFieldsAreMutuallyExclusive, o.responseName, *f1, *f2)) {
            conflicts.push_back(std::move(*c));
          }
        }
      }
    }
  }

  [[gnu::noinline]] const std::vector<Overlap>& getOverlappingFields(const CollectFieldsResult& result1,
                                                                     const CollectFieldsResult& result2) {
    // Results live in `collected`, which only this class mutates; the cache
    // member is logically part of result1's memo.
    auto& byResult = const_cast<CollectFieldsResult&>(result1).overlapping;
    auto cached = byResult.find(&result2);
    if (cached != byResult.end()) return cached->second;
    std::vector<Overlap> overlaps;
    for (const Group& g : result1.groups) {
      spend(1);
      auto it = result2.groupIndex.find(g.responseName);
      if (it != result2.groupIndex.end()) {
        overlaps.push_back(Overlap{g.responseName, &g.fields, &result2.groups[it->second].fields});
      }
    }
    return byResult.emplace(&result2, std::move(overlaps)).first->second;
  }

  FieldDetails& fieldInfo(FieldDetails& fd) {
    if (!fd.hasInfo) {
      fd.hasInfo = true;
      fd.namedType = fd.definition != nullptr && fd.definition->type != nullptr
                         ? &fd.definition->type->namedType()
                         : nullptr;
      for (const auto& arg : fd.node->arguments) fd.argValues[arg->name.value] = arg->value.get();
    }
    return fd;
  }

  // graphql-js's `def1?.type === def2?.type`: its schema builder makes a new
  // wrapper object for every type reference, so wrapped types are only
  // identical within one field definition. Mirroring that keeps the budget
  // spent (and so the abort point) the same as graphql-js's.
  static bool jsIdentical(const Type* t1, const Type* t2, bool sameDefinition) {
    return t1 == t2 && (t1 == nullptr || t1->isNamed() || sameDefinition);
  }

  std::optional<Conflict> findConflict(bool parentFieldsAreMutuallyExclusive, std::string_view responseName,
                                       FieldDetails& f1, FieldDetails& f2) {
    DepthGuard guard(*this);
    // Fields on two different object types can never both apply, so they
    // may differ in name and arguments (but not in response shape).
    const bool areMutuallyExclusive =
        parentFieldsAreMutuallyExclusive ||
        (f1.parentType != f2.parentType && isObjectType(f1.parentType) && isObjectType(f2.parentType));
    spend(2);

    const ast::Field& node1 = *f1.node;
    const ast::Field& node2 = *f2.node;
    const Type* type1 = f1.definition != nullptr ? f1.definition->type : nullptr;
    const Type* type2 = f2.definition != nullptr ? f2.definition->type : nullptr;
    const bool sameDefinition = f1.definition == f2.definition;

    if (f1.isSimpleLeaf && f2.isSimpleLeaf && jsIdentical(type1, type2, sameDefinition) &&
        node1.name.value == node2.name.value) {
      return std::nullopt;
    }

    if (!areMutuallyExclusive) {
      const NameArgsReason reason = nameArgsReason(f1, f2);
      if (reason != NameArgsReason::None) return nameArgsConflict(reason, responseName, node1, node2);
    }

    if (type1 != nullptr && type2 != nullptr && doTypesConflict(type1, type2, sameDefinition)) {
      return typesConflict(responseName, f1, f2);
    }

    // Compare the sub-selections: the response shapes must merge too.
    if (node1.selectionSet && node2.selectionSet) {
      std::vector<Conflict> sub = findConflictsBetweenSubSelectionSets(
          areMutuallyExclusive, fieldInfo(f1).namedType, *node1.selectionSet, fieldInfo(f2).namedType,
          *node2.selectionSet);
      if (!sub.empty()) return subfieldConflicts(sub, responseName, node1, node2);
    }
    return std::nullopt;
  }

  // The cold paths of findConflict live out of line so that its frame, which
  // recurses once per nesting level, stays small.
  [[gnu::noinline]] NameArgsReason nameArgsReason(FieldDetails& f1, FieldDetails& f2) {
    FieldDetails& info1 = fieldInfo(f1);
    FieldDetails& info2 = fieldInfo(f2);
    auto memo = info1.comparisons.find(&info2);
    if (memo != info1.comparisons.end()) return memo->second;
    NameArgsReason reason;
    if (f1.node->name.value != f2.node->name.value) {
      reason = NameArgsReason::DifferentFields;
    } else {
      reason = sameArguments(info1, info2) ? NameArgsReason::None : NameArgsReason::DifferingArguments;
    }
    info1.comparisons.emplace(&info2, reason);
    return reason;
  }

  [[gnu::noinline]] static Conflict nameArgsConflict(NameArgsReason reason, std::string_view responseName,
                                                     const ast::Field& node1, const ast::Field& node2) {
    std::string text;
    if (reason == NameArgsReason::DifferentFields) {
      text = "\"" + maybeAbbreviate(node1.name.value) + "\" and \"" + maybeAbbreviate(node2.name.value) +
             "\" are different fields";
    } else {
      text = "they have differing arguments";
    }
    return Conflict{responseName, std::move(text), {&node1}, {&node2}};
  }

  [[gnu::noinline]] Conflict typesConflict(std::string_view responseName, FieldDetails& f1, FieldDetails& f2) {
    FieldDetails& info1 = fieldInfo(f1);
    FieldDetails& info2 = fieldInfo(f2);
    if (!info1.typeString) info1.typeString = f1.definition->type->toString();
    if (!info2.typeString) info2.typeString = f2.definition->type->toString();
    return Conflict{responseName,
                    "they return conflicting types \"" + *info1.typeString + "\" and \"" + *info2.typeString + "\"",
                    {f1.node},
                    {f2.node}};
  }

  // Two types conflict if they could not both describe one response value:
  // lists and non-nulls must match, leaves must be the same type; composite
  // types are left to the sub-field comparison. (graphql-js recurses through
  // the wrappers; a loop does the same with the same budget.)
  bool doTypesConflict(const Type* type1, const Type* type2, bool sameDefinition) {
    for (;;) {
      if (jsIdentical(type1, type2, sameDefinition)) return false;
      spend(1);
      if (type1->isList() || type2->isList()) {
        if (!(type1->isList() && type2->isList())) return true;
        type1 = type1->as<ListType>().ofType;
        type2 = type2->as<ListType>().ofType;
        continue;
      }
      if (type1->isNonNull() || type2->isNonNull()) {
        if (!(type1->isNonNull() && type2->isNonNull())) return true;
        type1 = type1->as<NonNullType>().ofType;
        type2 = type2->as<NonNullType>().ofType;
        continue;
      }
      if (type1->isLeaf() || type2->isLeaf()) return type1 != type2;
      return false;
    }
  }

  bool sameArguments(FieldDetails& info1, FieldDetails& info2) {
    const auto& args1 = info1.node->arguments;
    const auto& args2 = info2.node->arguments;
    if (args1.empty()) return args2.empty();
    if (args1.size() != args2.size()) return false;
    for (const auto& arg1 : args1) {
      spend(1);
      auto it = info2.argValues.find(arg1->name.value);
      if (it == info2.argValues.end()) return false;
      if (stringifyValue(arg1->value.get()) != stringifyValue(it->second)) return false;
    }
    return true;
  }

  // A canonical encoding of a value literal that is equal exactly when
  // graphql-js's JSON.stringify-based stringifyValue is: kind-tagged, strings
  // length-prefixed, block strings distinct, object fields sorted by name
  // (stably), variables by name.
  const std::string& stringifyValue(const ast::ValueNode* value) {
    auto cached = stringifiedValues.find(value);
    if (cached != stringifiedValues.end()) return cached->second;
    std::string out;
    encodeValue(value, out);
    return stringifiedValues.emplace(value, std::move(out)).first->second;
  }

  static void encodeString(std::string_view s, std::string& out) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
  }

  static void encodeValue(const ast::ValueNode* root, std::string& out) {
    // Explicit stack: list/object nesting comes from the document. An item
    // is a value to encode, an object field's name, or a closing bracket.
    enum class Op : std::uint8_t { Value, Name, Close };
    struct Item {
      Op op;
      const ast::ValueNode* value;
      std::string_view text;
    };
    std::vector<Item> stack{{Op::Value, root, {}}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      if (item.op == Op::Close) {
        out += item.text;
        continue;
      }
      if (item.op == Op::Name) {
        encodeString(item.text, out);
        continue;
      }
      if (item.value == nullptr) {
        out += 'u';  // absent value (the parser never produces one)
        continue;
      }
      const ast::ValueNode& v = *item.value;
      out += std::to_string(static_cast<int>(v.kind));
      switch (v.kind) {
        case ast::Kind::Variable:
          encodeString(v.as<ast::Variable>().name.value, out);
          break;
        case ast::Kind::IntValue:
          encodeString(v.as<ast::IntValue>().value, out);
          break;
        case ast::Kind::FloatValue:
          encodeString(v.as<ast::FloatValue>().value, out);
          break;
        case ast::Kind::StringValue: {
          const auto& s = v.as<ast::StringValue>();
          out += s.block ? 'b' : 's';
          encodeString(s.value, out);
          break;
        }
        case ast::Kind::BooleanValue:
          out += v.as<ast::BooleanValue>().value ? 't' : 'f';
          break;
        case ast::Kind::EnumValue:
          encodeString(v.as<ast::EnumValue>().value, out);
          break;
        case ast::Kind::ListValue: {
          const auto& list = v.as<ast::ListValue>();
          out += '[';
          stack.push_back({Op::Close, nullptr, "]"});
          for (auto it = list.values.rbegin(); it != list.values.rend(); ++it) {
            stack.push_back({Op::Value, it->get(), {}});
          }
          break;
        }
        case ast::Kind::ObjectValue: {
          const auto& obj = v.as<ast::ObjectValue>();
          std::vector<const ast::ObjectField*> fields;
          fields.reserve(obj.fields.size());
          for (const auto& f : obj.fields) fields.push_back(f.get());
          std::stable_sort(fields.begin(), fields.end(), [](const ast::ObjectField* a, const ast::ObjectField* b) {
            return a->name.value < b->name.value;
          });
          out += '{';
          stack.push_back({Op::Close, nullptr, "}"});
          // Reversed, so that they pop in sorted order, each name before its value.
          for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
            stack.push_back({Op::Value, (*it)->value.get(), {}});
            stack.push_back({Op::Name, nullptr, (*it)->name.value});
          }
          break;
        }
        default:  // NullValue: the kind says it all
          break;
      }
    }
  }

  [[gnu::noinline]] static Conflict subfieldConflicts(const std::vector<Conflict>& conflicts,
                                                      std::string_view responseName, const ast::Field& node1,
                                                      const ast::Field& node2) {
    std::string message;
    for (const Conflict& c : conflicts) {
      if (!message.empty()) message += " and ";
      message += "subfields \"" + maybeAbbreviate(c.responseName) + "\" conflict because " + c.reason;
      if (message.size() > kMaxConflictDetailLength) break;
    }
    return Conflict{responseName, maybeAbbreviate(message), collectConflictNodes(node1, conflicts, true),
                    collectConflictNodes(node2, conflicts, false)};
  }

  static std::vector<const ast::Field*> collectConflictNodes(const ast::Field& node,
                                                             const std::vector<Conflict>& conflicts, bool first) {
    std::vector<const ast::Field*> nodes{&node};
    for (const Conflict& c : conflicts) {
      const auto& side = first ? c.fields1 : c.fields2;
      // Keep the last ones: truncation favours the deeper fields.
      std::size_t remaining = kMaxConflictNodes - nodes.size();
      std::size_t take = std::min(remaining, side.size());
      nodes.insert(nodes.end(), side.end() - static_cast<std::ptrdiff_t>(take), side.end());
      if (nodes.size() == kMaxConflictNodes) break;
    }
    return nodes;
  }
};

OverlappingFieldsChecker::OverlappingFieldsChecker(const Schema& schema, const ast::Document& document)
    : impl_(std::make_unique<Impl>(schema, document)) {}

OverlappingFieldsChecker::~OverlappingFieldsChecker() = default;

void OverlappingFieldsChecker::checkSelectionSet(const ast::SelectionSet& selectionSet,
                                                 const NamedTypeDef* parentType, std::vector<GraphQLError>& out) {
  Impl& impl = *impl_;
  if (impl.aborted) return;
  if (impl.inlineFragmentSets.count(&selectionSet) != 0) return;
  // One field or one spread cannot conflict with anything at this level.
  if (selectionSet.selections.size() <= 1 &&
      (selectionSet.selections.empty() || selectionSet.selections[0]->kind != ast::Kind::InlineFragment)) {
    return;
  }
  std::vector<Impl::Conflict> conflicts;
  try {
    impl.findConflictsWithinSelectionSet(parentType, selectionSet, conflicts);
  } catch (const Aborted&) {
    // Like graphql-js: this selection set's conflicts are dropped too.
    impl.aborted = true;
    return;
  }
  for (const Impl::Conflict& c : conflicts) {
    GraphQLError error("Fields \"" + maybeAbbreviate(c.responseName) + "\" conflict because " + c.reason +
                       ". Use different aliases on the fields to fetch both if this was intentional.");
    error.locations.reserve(c.fields1.size() + c.fields2.size());
    for (const ast::Field* f : c.fields1) error.locations.push_back({f->loc.line, f->loc.column});
    for (const ast::Field* f : c.fields2) error.locations.push_back({f->loc.line, f->loc.column});
    out.push_back(std::move(error));
  }
}

bool OverlappingFieldsChecker::aborted() const { return impl_->aborted; }

}  // namespace kubos::graphql::detail
