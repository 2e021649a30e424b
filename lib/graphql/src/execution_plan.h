// Field collection for execution (graphql-js collectFields and
// collectSubfields) and the plan cache that lets a cached document collect
// each selection once. execution.cpp completes values over what this
// collects; neither file needs the other's internals.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "execution_internal.h"
#include "graphql/ast.h"
#include "graphql/execution.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace kubos::graphql {

namespace detail {

// Deeper fragment nesting than this is refused rather than risking the stack
// (the engine's depth limit normally stops such documents long before).
constexpr std::size_t kMaxCollectNesting = 512;

// A collected field: fixed for a (selection, runtime type) unless a
// @skip/@include reads a variable, so usually shared across executions
// through ExecutionPlanCache. Per-execution state lives in a FieldState,
// found by `slot`.
struct CollectedField {
  std::string_view key;
  std::vector<const ast::Field*> nodes;
  const FieldDef* def = nullptr;
  bool isTypename = false;
  bool leafResolver = false;  // a resolver whose value is completed in its slot
  std::uint32_t slot = 0;     // kLocalSlot set: collected for this execution only
};

constexpr std::uint32_t kLocalSlot = 0x80000000u;

struct CollectedFields {
  std::vector<CollectedField> fields;
  bool ok = true;  // false: a @skip/@include argument failed to coerce
  detail::RaisedError error;
};

struct FieldState {
  // Arguments depend only on the first node and the variables, so they are
  // coerced once per execution even when the field runs for every list item.
  bool argsDone = false;
  bool argsOk = false;
  Value args;
  detail::RaisedError argsError;
  // Also fixed per execution (fields are collected per parent type): built
  // once instead of for every object the field runs on.
  std::optional<ResolveInfo> info;
  // The sub-selection last collected for this field (saves a memo lookup
  // per object when a list holds objects of one type).
  const ObjectType* subType = nullptr;
  const CollectedFields* sub = nullptr;
};

struct MemoKey {
  const ObjectType* type;
  const void* parent;
  bool operator==(const MemoKey&) const = default;
};
struct MemoKeyHash {
  std::size_t operator()(const MemoKey& k) const {
    return std::hash<const void*>()(k.type) * 31 + std::hash<const void*>()(k.parent);
  }
};

}  // namespace detail

class ExecutionPlanCache {
 public:
  std::mutex mutex;
  // Keyed by (runtime type, parent field or root selection set).
  std::unordered_map<detail::MemoKey, std::unique_ptr<const detail::CollectedFields>, detail::MemoKeyHash> sets;
  std::uint32_t nextSlot = 0;
};

namespace detail {

// Collects the fields of one execution: through the plan cache when the
// result cannot depend on the variables, else for this execution only. Also
// keeps each collected field's per-execution state (FieldState, by slot).
class FieldCollector {
 public:
  FieldCollector(const Schema& schema, const ast::Document& doc, const Value& variables, ExecutionPlanCache* cache);

  // graphql-js collectFields / collectSubfields. Through the plan cache
  // when the result cannot depend on the variables (nor on a parent that
  // did), so that a cached document collects each selection only once.
  const CollectedFields& collect(const ObjectType& type, const CollectedField* parent,
                                 const ast::SelectionSet* rootSet);

  // Per-execution state of a collected field. Chunks keep addresses stable
  // (a ResolveInfo is referenced down the recursion).
  static constexpr std::size_t kStateChunk = 64;
  FieldState& stateOf(const CollectedField& f) {
    auto& chunks = (f.slot & kLocalSlot) ? localState_ : state_;
    const std::size_t i = f.slot & ~kLocalSlot;
    const std::size_t c = i / kStateChunk;
    if (c < chunks.size() && chunks[c]) [[likely]]
      return chunks[c][i % kStateChunk];
    return newStateChunk(chunks, c)[i % kStateChunk];
  }

  // The sub-selection of field f for runtime type `type`, looked up once per
  // execution: a list of N objects looks up once. The field keeps the last
  // one; others (an abstract field meeting several types) wait in memo_.
  const CollectedFields& subfields(const ObjectType& type, const CollectedField& f) {
    FieldState& s = stateOf(f);
    if (s.subType == &type) return *s.sub;
    if (s.subType) memo_.emplace(MemoKey{s.subType, &f}, s.sub);
    auto it = memo_.find(MemoKey{&type, &f});
    s.sub = it != memo_.end() ? it->second : &collect(type, &f, nullptr);
    s.subType = &type;
    return *s.sub;
  }

 private:
  // Out of line: the first use of each chunk only.
  [[gnu::noinline]] static FieldState* newStateChunk(std::vector<std::unique_ptr<FieldState[]>>& chunks,
                                                     std::size_t c) {
    if (c >= chunks.size()) chunks.resize(c + 1);
    chunks[c] = std::make_unique<FieldState[]>(kStateChunk);
    return chunks[c].get();
  }

  // Small documents are searched linearly; maps are built only past
  // kLinearLimit entries (they cost allocations on every execution).
  static constexpr std::size_t kLinearLimit = 16;

  struct CollectState {
    CollectedFields& out;
    std::vector<std::string_view> visitedList;
    std::unordered_set<std::string_view> visitedSet;  // used once visitedList is long
    std::unordered_map<std::string_view, std::size_t> index;  // built once the field list grows
    bool usesVariables = false;  // a @skip/@include here reads a variable

    // Marks a fragment visited; false if it already was.
    bool visit(std::string_view name) {
      if (visitedList.size() < kLinearLimit) {
        if (std::find(visitedList.begin(), visitedList.end(), name) != visitedList.end()) return false;
        visitedList.push_back(name);
        return true;
      }
      if (visitedSet.empty()) visitedSet.insert(visitedList.begin(), visitedList.end());
      return visitedSet.insert(name).second;
    }
    bool visited(std::string_view name) const {
      if (!visitedSet.empty()) return visitedSet.count(name) != 0;
      return std::find(visitedList.begin(), visitedList.end(), name) != visitedList.end();
    }
  };

  // 1: include, 0: skip, -1: an argument failed (error filled).
  // Sets usesVariables when the outcome may differ between executions.
  int shouldInclude(const ast::PtrList<ast::Directive>& directives, detail::RaisedError& error, bool& usesVariables);

  bool fragmentConditionMatches(const ast::NamedType* condition, const ObjectType& type) const;

  const ast::FragmentDefinition* findFragment(std::string_view name) const;

  bool collectInto(const ObjectType& type, const ast::SelectionSet& set, CollectState& st, std::size_t nesting);

  void addField(const ObjectType& type, const ast::Field& field, CollectState& st);

  const Schema& schema_;
  const Value& variables_;
  ExecutionPlanCache* cache_;
  std::vector<const ast::FragmentDefinition*> fragmentList_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;  // only for many fragments
  // Selections collected for this execution only (not shareable).
  std::vector<std::unique_ptr<const CollectedFields>> local_;
  std::uint32_t nextLocalSlot_ = 0;
  std::vector<std::unique_ptr<FieldState[]>> state_, localState_;
  std::unordered_map<MemoKey, const CollectedFields*, MemoKeyHash> memo_;
};

}  // namespace detail
}  // namespace kubos::graphql
