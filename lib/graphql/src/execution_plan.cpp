// Field collection and the execution plan cache (execution_plan.h).
#include "execution_plan.h"

#include <algorithm>

namespace kubos::graphql {

std::shared_ptr<ExecutionPlanCache> makeExecutionPlanCache() { return std::make_shared<ExecutionPlanCache>(); }

namespace detail {

FieldCollector::FieldCollector(const Schema& schema, const ast::Document& doc, const Value& variables,
                               ExecutionPlanCache* cache)
    : schema_(schema), variables_(variables), cache_(cache) {
  for (const auto& def : doc.definitions)
    if (def->kind == ast::Kind::FragmentDefinition) fragmentList_.push_back(&def->as<ast::FragmentDefinition>());
  if (fragmentList_.size() > kLinearLimit)
    for (const auto* frag : fragmentList_) fragments_.insert_or_assign(frag->name.value, frag);
}

int FieldCollector::shouldInclude(const ast::PtrList<ast::Directive>& directives, detail::RaisedError& error, bool& usesVariables) {
  for (const auto& d : directives) {
    const bool isSkip = d->name.value == "skip";
    if (!isSkip && d->name.value != "include") continue;
    const DirectiveDef* def = schema_.getDirective(d->name.value);
    if (!def) continue;
    for (const auto& a : d->arguments)
      if (!a->value || a->value->kind == ast::Kind::Variable || a->value->kind == ast::Kind::ListValue ||
          a->value->kind == ast::Kind::ObjectValue)
        usesVariables = true;
    Value args;
    if (!detail::getArgumentValues(def->args, d->arguments, *d, &variables_, args, &error)) return -1;
    const Value* cond = args.find("if");
    if (cond && cond->isBool() && cond->asBool() == isSkip) return 0;
  }
  return 1;
}

bool FieldCollector::fragmentConditionMatches(const ast::NamedType* condition, const ObjectType& type) const {
  if (!condition) return true;
  const NamedTypeDef* cond = schema_.getType(condition->name.value);
  if (!cond) return false;
  if (cond == &type) return true;
  if (cond->isAbstract()) return schema_.isSubType(*cond, type);
  return false;
}

const ast::FragmentDefinition* FieldCollector::findFragment(std::string_view name) const {
  if (fragmentList_.size() > kLinearLimit) {
    auto it = fragments_.find(name);
    return it == fragments_.end() ? nullptr : it->second;
  }
  const ast::FragmentDefinition* found = nullptr;
  for (const auto* frag : fragmentList_)
    if (frag->name.value == name) found = frag;  // the last one wins, as in graphql-js
  return found;
}

bool FieldCollector::collectInto(const ObjectType& type, const ast::SelectionSet& set, CollectState& st, std::size_t nesting) {
  if (nesting > kMaxCollectNesting) {
    st.out.error = {"Fragments are nested too deeply to execute.", {}};
    return false;
  }
  for (const auto& sel : set.selections) {
    switch (sel->kind) {
      case ast::Kind::Field: {
        const int inc = shouldInclude(sel->directives, st.out.error, st.usesVariables);
        if (inc < 0) return false;
        if (inc == 0) continue;
        const auto& field = sel->as<ast::Field>();
        addField(type, field, st);
        break;
      }
      case ast::Kind::InlineFragment: {
        const auto& frag = sel->as<ast::InlineFragment>();
        const int inc = shouldInclude(sel->directives, st.out.error, st.usesVariables);
        if (inc < 0) return false;
        if (inc == 0 || !fragmentConditionMatches(frag.typeCondition.get(), type) || !frag.selectionSet) continue;
        if (!collectInto(type, *frag.selectionSet, st, nesting + 1)) return false;
        break;
      }
      case ast::Kind::FragmentSpread: {
        const auto& spread = sel->as<ast::FragmentSpread>();
        if (st.visited(spread.name.value)) continue;
        const int inc = shouldInclude(sel->directives, st.out.error, st.usesVariables);
        if (inc < 0) return false;
        if (inc == 0) continue;
        st.visit(spread.name.value);
        const ast::FragmentDefinition* found = findFragment(spread.name.value);
        if (!found) continue;
        const auto& frag = *found;
        if (!fragmentConditionMatches(frag.typeCondition.get(), type) || !frag.selectionSet) continue;
        if (!collectInto(type, *frag.selectionSet, st, nesting + 1)) return false;
        break;
      }
      default: break;
    }
  }
  return true;
}

void FieldCollector::addField(const ObjectType& type, const ast::Field& field, CollectState& st) {
  auto& fields = st.out.fields;
  const std::string_view key = field.responseKey();
  if (fields.size() <= kLinearLimit) {
    for (auto& f : fields)
      if (f.key == key) {
        f.nodes.push_back(&field);
        return;
      }
  } else {
    if (st.index.empty())
      for (std::size_t i = 0; i < fields.size(); ++i) st.index.emplace(fields[i].key, i);
    auto it = st.index.find(key);
    if (it != st.index.end()) {
      fields[it->second].nodes.push_back(&field);
      return;
    }
    st.index.emplace(key, fields.size());
  }
  CollectedField f;
  f.key = key;
  f.nodes.push_back(&field);
  const std::string_view name = field.name.value;
  if (name == "__typename") {
    f.isTypename = true;
  } else if (name == "__schema" && &type == schema_.queryType()) {
    f.def = &schema_.schemaMetaField();
  } else if (name == "__type" && &type == schema_.queryType()) {
    f.def = &schema_.typeMetaField();
  } else {
    f.def = type.findField(name);
  }
  f.leafResolver = f.def && f.def->resolver && f.def->type->nullableType().isLeaf();  // not a list of leaves
  fields.push_back(std::move(f));
}

const CollectedFields& FieldCollector::collect(const ObjectType& type, const CollectedField* parent,
                               const ast::SelectionSet* rootSet) {
  const MemoKey key{&type, parent ? static_cast<const void*>(parent) : static_cast<const void*>(rootSet)};
  const bool shareable = cache_ && !(parent && (parent->slot & kLocalSlot));
  if (shareable) {
    std::lock_guard lock(cache_->mutex);
    auto it = cache_->sets.find(key);
    if (it != cache_->sets.end()) return *it->second;
  }
  auto cf = std::make_unique<CollectedFields>();
  CollectState st{*cf, {}, {}, {}};
  if (parent) {
    for (const auto* node : parent->nodes)
      if (node->selectionSet && !collectInto(type, *node->selectionSet, st, 0)) {
        cf->ok = false;
        break;
      }
  } else if (rootSet && !collectInto(type, *rootSet, st, 0)) {
    cf->ok = false;
  }
  if (shareable && !st.usesVariables) {
    std::lock_guard lock(cache_->mutex);
    auto [it, inserted] = cache_->sets.try_emplace(key);
    if (inserted) {  // (else another execution got there first: use its)
      for (auto& f : cf->fields) f.slot = cache_->nextSlot++;
      it->second = std::move(cf);
    }
    return *it->second;
  }
  for (auto& f : cf->fields) f.slot = kLocalSlot | nextLocalSlot_++;
  return *local_.emplace_back(std::move(cf));
}

}  // namespace detail
}  // namespace kubos::graphql
