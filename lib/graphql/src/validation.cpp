// kubos::graphql::validate: graphql-js 16.15's `specifiedRules`, run as graphql-js runs
// them: one traversal of the document, each node handed to every rule in
// specifiedRules order (visitInParallel), with TypeInfo updated before a
// node's enter handlers and after its leave handlers. Errors therefore come
// out in graphql-js's order. A rule that returns `false` in graphql-js
// (skip this subtree for this rule only) is mirrored by a per-rule skip node.
//
// Anything that follows fragment spreads uses explicit stacks and memoizes
// per fragment, so a hostile document (long spread chains, cycles) can
// neither overflow the stack nor loop.
#include "graphql/validation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graphql/parser.h"
#include "overlapping_fields.h"
#include "suggest.h"
#include "validation_context.h"
#include "validation_rules.h"
#include "validation_typeinfo.h"

namespace kubos::graphql {

namespace {

using ast::Kind;
using detail::didYouMean;
using detail::hasDefault;
using detail::suggestionList;
using detail::Abort;
using detail::isOneOf;
using detail::isRequired;
using detail::locOf;
using detail::namedOf;
using detail::quoted;
using detail::VariableUsage;

// MaxIntrospectionDepthRule's MAX_LISTS_DEPTH.
constexpr int kMaxIntrospectionListsDepth = 3;


bool isComposite(const Type* t) { return t && t->isComposite(); }
bool isInputObject(const Type* t) { return t && t->kind == TypeKind::InputObject; }

bool isStandardTypeName(std::string_view n) {
  static constexpr std::string_view kNames[] = {
      "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation",
      "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"};
  return std::find(std::begin(kNames), std::end(kNames), n) != std::end(kNames);
}

std::string_view definitionName(const ast::Definition& def) {
  if (def.kind == Kind::DirectiveDefinition) return def.as<ast::DirectiveDefinition>().name.value;
  if (ast::isTypeDefinition(def.kind) || ast::isTypeExtension(def.kind)) {
    return def.as<ast::TypeDefinitionOrExtension>().name.value;
  }
  return {};
}

// graphql-js getDirectiveLocationForASTPath: where a directive applied to
// `appliedTo` (whose own parent node is `grandParent`) is used.
std::string_view directiveLocationFor(const ast::Node& appliedTo, const ast::Node* grandParent) {
  switch (appliedTo.kind) {
    case Kind::OperationDefinition:
      switch (appliedTo.as<ast::OperationDefinition>().operation) {
        case ast::OperationType::Query: return "QUERY";
        case ast::OperationType::Mutation: return "MUTATION";
        case ast::OperationType::Subscription: return "SUBSCRIPTION";
      }
      return {};
    case Kind::Field: return "FIELD";
    case Kind::FragmentSpread: return "FRAGMENT_SPREAD";
    case Kind::InlineFragment: return "INLINE_FRAGMENT";
    case Kind::FragmentDefinition: return "FRAGMENT_DEFINITION";
    case Kind::VariableDefinition: return "VARIABLE_DEFINITION";
    case Kind::SchemaDefinition:
    case Kind::SchemaExtension: return "SCHEMA";
    case Kind::ScalarTypeDefinition:
    case Kind::ScalarTypeExtension: return "SCALAR";
    case Kind::ObjectTypeDefinition:
    case Kind::ObjectTypeExtension: return "OBJECT";
    case Kind::FieldDefinition: return "FIELD_DEFINITION";
    case Kind::InterfaceTypeDefinition:
    case Kind::InterfaceTypeExtension: return "INTERFACE";
    case Kind::UnionTypeDefinition:
    case Kind::UnionTypeExtension: return "UNION";
    case Kind::EnumTypeDefinition:
    case Kind::EnumTypeExtension: return "ENUM";
    case Kind::EnumValueDefinition: return "ENUM_VALUE";
    case Kind::InputObjectTypeDefinition:
    case Kind::InputObjectTypeExtension: return "INPUT_OBJECT";
    case Kind::InputValueDefinition:
      // graphql-js checks only for the definition kind (an input field of
      // an input object *extension* counts as an argument definition).
      return grandParent && grandParent->kind == Kind::InputObjectTypeDefinition ? "INPUT_FIELD_DEFINITION"
                                                                                 : "ARGUMENT_DEFINITION";
    case Kind::DirectiveDefinition: return "DIRECTIVE_DEFINITION";
    default: return {};
  }
}

// Response-key -> field nodes, in first-seen order (a JS Map).
struct FieldGroups {
  std::vector<std::pair<std::string_view, std::vector<const ast::Field*>>> groups;
  std::unordered_map<std::string_view, std::size_t> index;
  void add(const ast::Field& f) {
    auto [it, inserted] = index.emplace(f.responseKey(), groups.size());
    if (inserted) groups.emplace_back(f.responseKey(), std::vector<const ast::Field*>{});
    groups[it->second].second.push_back(&f);
  }
};

// graphql-js groupBy on names: groups in first-seen order.
template <class T, class KeyFn>
std::vector<std::vector<const T*>> groupByName(const ast::PtrList<T>& items, KeyFn key) {
  std::vector<std::vector<const T*>> groups;
  if (items.size() < 2) return groups;  // nothing can repeat
  std::unordered_map<std::string_view, std::size_t> index;
  for (const auto& item : items) {
    auto [it, inserted] = index.emplace(key(*item), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(item.get());
  }
  return groups;
}


class Validator : private detail::ValidationContext {
 public:
  Validator(const Schema& schema, const ast::Document& doc, std::size_t maxErrors,
            std::vector<GraphQLError>& errors)
      : ValidationContext(schema, doc, maxErrors, errors), overlap_(schema, doc), values_(*this) {}

  void run() { detail::walk(doc_, *this); }

  // ---- the traversal ------------------------------------------------------

  bool enter(const ast::Node& n) {
    typeInfo_.enter(n);
    switch (n.kind) {
      case Kind::Document: enterDocument(n.as<ast::Document>()); break;
      case Kind::OperationDefinition: enterOperation(n.as<ast::OperationDefinition>()); break;
      case Kind::FragmentDefinition: enterFragmentDefinition(n.as<ast::FragmentDefinition>()); break;
      case Kind::VariableDefinition: enterVariableDefinition(n.as<ast::VariableDefinition>()); break;
      case Kind::SelectionSet: enterSelectionSet(n.as<ast::SelectionSet>()); break;
      case Kind::Field: enterField(n.as<ast::Field>()); break;
      case Kind::InlineFragment: enterInlineFragment(n.as<ast::InlineFragment>()); break;
      case Kind::FragmentSpread: enterFragmentSpread(n.as<ast::FragmentSpread>()); break;
      case Kind::Directive: enterDirective(n.as<ast::Directive>()); break;
      case Kind::Argument: enterArgument(n.as<ast::Argument>()); break;
      case Kind::NamedType: knownTypeNames(n.as<ast::NamedType>()); break;
      case Kind::ListValue: values_.enterListValue(n.as<ast::ListValue>()); break;
      case Kind::ObjectValue: values_.enterObjectValue(n.as<ast::ObjectValue>()); break;
      case Kind::ObjectField: values_.enterObjectField(n.as<ast::ObjectField>()); break;
      case Kind::NullValue: values_.enterNullValue(n.as<ast::NullValue>()); break;
      case Kind::EnumValue:
      case Kind::IntValue:
      case Kind::FloatValue:
      case Kind::StringValue:
      case Kind::BooleanValue:
        values_.enterLeafValue(n.as<ast::ValueNode>());
        break;
      case Kind::Variable: recordVariableUsage(n.as<ast::Variable>()); break;
      case Kind::SchemaDefinition:
        uniqueDirectivesPerLocation(n, n.as<ast::SchemaDefinition>().directives);
        break;
      case Kind::SchemaExtension:
        uniqueDirectivesPerLocation(n, n.as<ast::SchemaExtension>().directives);
        break;
      case Kind::FieldDefinition:
        uniqueDirectivesPerLocation(n, n.as<ast::FieldDefinition>().directives);
        break;
      case Kind::InputValueDefinition:
        uniqueDirectivesPerLocation(n, n.as<ast::InputValueDefinition>().directives);
        break;
      case Kind::EnumValueDefinition:
        uniqueDirectivesPerLocation(n, n.as<ast::EnumValueDefinition>().directives);
        break;
      default:
        if (ast::isTypeDefinition(n.kind) || ast::isTypeExtension(n.kind)) {
          uniqueDirectivesPerLocation(n, n.as<ast::TypeDefinitionOrExtension>().directives);
        }
        break;
    }
    ancestors_.push_back(&n);
    return true;
  }

  void leave(const ast::Node& n) {
    ancestors_.pop_back();
    switch (n.kind) {
      case Kind::Document: noUnusedFragments(); break;
      case Kind::OperationDefinition: leaveOperation(n.as<ast::OperationDefinition>()); break;
      case Kind::VariableDefinition: --inVariableDefinition_; break;
      case Kind::Field:
        providedRequiredArgumentsOnField(n.as<ast::Field>());
        if (skipIntrospection_ == &n) skipIntrospection_ = nullptr;
        break;
      case Kind::Directive:
        if (skipKnownArguments_ == &n) skipKnownArguments_ = nullptr;
        providedRequiredArgumentsOnDirective(n.as<ast::Directive>());
        break;
      case Kind::ObjectValue: values_.leaveObjectValue(n); break;
      case Kind::ListValue: values_.leaveListValue(n); break;
      default:
        break;
    }
    typeInfo_.leave(n);
  }

 private:
  // ---- Document -------------------------------------------------------------

  void enterDocument(const ast::Document& doc) {
    // ExecutableDefinitions
    for (const auto& def : doc.definitions) {
      if (ast::isExecutableDefinition(def->kind)) continue;
      const bool isSchema = def->kind == Kind::SchemaDefinition || def->kind == Kind::SchemaExtension;
      const std::string defName = isSchema ? "schema" : quoted(definitionName(*def));
      report("The " + defName + " definition is not executable.", *def);
    }
    // LoneAnonymousOperation
    operationCount_ = 0;
    for (const auto& def : doc.definitions) {
      if (def->kind == Kind::OperationDefinition) ++operationCount_;
    }
  }

  void noUnusedFragments() {
    const ReferencedFragments& used = getRecursivelyReferencedFragments(operationDefs_);
    std::unordered_set<std::string_view> usedNames;
    for (const auto* f : used.fragments) usedNames.insert(f->name.value);
    for (const auto* frag : fragmentDefs_) {
      if (!usedNames.count(frag->name.value)) {
        report("Fragment " + quoted(frag->name.value) + " is never used.", *frag);
      }
    }
  }

  // ---- Operations -------------------------------------------------------------

  void enterOperation(const ast::OperationDefinition& op) {
    // UniqueOperationNames
    if (op.name) {
      auto [it, inserted] = operationNames_.emplace(op.name->value, &*op.name);
      if (!inserted) {
        report("There can be only one operation named " + quoted(op.name->value) + ".",
               std::vector<SourceLocation>{locOf(*it->second), locOf(*op.name)});
      }
    }
    // LoneAnonymousOperation
    if (!op.name && operationCount_ > 1) {
      report("This anonymous operation must be the only defined operation.", op);
    }
    // SingleFieldSubscriptions
    if (op.operation == ast::OperationType::Subscription) singleFieldSubscription(op);
    // NoUnusedFragments
    operationDefs_.push_back(&op);
    // UniqueVariableNames
    for (const auto& group : groupByName(op.variableDefinitions,
                                         [](const ast::VariableDefinition& d) { return d.variable.name.value; })) {
      if (group.size() < 2) continue;
      std::vector<SourceLocation> locs;
      for (const auto* d : group) locs.push_back(locOf(d->variable.name));
      report("There can be only one variable named \"$" + std::string(group[0]->variable.name.value) + "\".",
             std::move(locs));
    }
    // NoUndefinedVariables, NoUnusedVariables, VariablesInAllowedPosition
    definedVariables_.clear();
    variableDefs_.clear();
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(op, op.directives);

    currentOperation_ = &op;
  }

  void leaveOperation(const ast::OperationDefinition& op) {
    currentOperation_ = nullptr;
    const auto& usages = getRecursiveVariableUsages(op);
    const std::string opSuffix = op.name ? " by operation " + quoted(op.name->value) + "." : ".";

    // NoUndefinedVariables
    for (const auto& u : usages) {
      const std::string_view name = u.node->name.value;
      if (!definedVariables_.count(name)) {
        report("Variable \"$" + std::string(name) + "\" is not defined" + opSuffix,
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
        report(op.name ? "Variable \"$" + std::string(name) + "\" is never used in operation " +
                             quoted(op.name->value) + "."
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
      const Type* varType = varDef.type ? schema_.typeFromAST(*varDef.type) : nullptr;
      if (varType && !allowedVariableUsage(*varType, varDef.defaultValue.get(), *u.type, u.hasLocationDefault)) {
        report("Variable \"$" + std::string(name) + "\" of type " + quoted(varType->toString()) +
                   " used in position expecting type " + quoted(u.type->toString()) + ".",
               std::vector<SourceLocation>{locOf(varDef), locOf(*u.node)});
      }
      if (isInputObject(u.parentType) && isOneOf(u.parentType->as<InputObjectType>()) && varType &&
          !varType->isNonNull()) {
        report("Variable \"$" + std::string(name) + "\" is of type " + quoted(varType->toString()) +
                   " but must be non-nullable to be used for OneOf Input Object " +
                   quoted(u.parentType->as<InputObjectType>().name) + ".",
               std::vector<SourceLocation>{locOf(varDef), locOf(*u.node)});
      }
    }
  }

  bool allowedVariableUsage(const Type& varType, const ast::ValueNode* varDefault, const Type& locationType,
                            bool locationHasDefault) const {
    if (locationType.isNonNull() && !varType.isNonNull()) {
      const bool hasNonNullVariableDefault = varDefault && varDefault->kind != Kind::NullValue;
      if (!hasNonNullVariableDefault && !locationHasDefault) return false;
      return schema_.isTypeSubTypeOf(varType, *locationType.as<NonNullType>().ofType);
    }
    return schema_.isTypeSubTypeOf(varType, locationType);
  }

  void enterVariableDefinition(const ast::VariableDefinition& def) {
    ++inVariableDefinition_;
    // VariablesAreInputTypes
    if (def.type) {
      const Type* t = schema_.typeFromAST(*def.type);
      if (t && !t->isInputType()) {
        report("Variable \"$" + std::string(def.variable.name.value) + "\" cannot be non-input type " +
                   quoted(printTypeNode(*def.type)) + ".",
               *def.type);
      }
    }
    // NoUndefinedVariables / VariablesInAllowedPosition (the last definition wins)
    definedVariables_[def.variable.name.value] = &def;
    // NoUnusedVariables
    variableDefs_.push_back(&def);
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(def, def.directives);
  }

  // ---- SingleFieldSubscriptions -------------------------------------------------

  struct DirectiveValueError {
    GraphQLError error;
  };

  // graphql-js getDirectiveValues(@skip/@include, node, {}).if, evaluated
  // without variables. Throws DirectiveValueError where graphql-js throws.
  std::optional<bool> directiveIf(const ast::PtrList<ast::Directive>& directives, std::string_view name) {
    const ast::Directive* dir = nullptr;
    for (const auto& d : directives) {
      if (d->name.value == name) {
        dir = d.get();
        break;
      }
    }
    if (!dir) return std::nullopt;
    const DirectiveDef* def = schema_.getDirective(name);
    const InputValueDef* ifDef = def ? def->findArg("if") : nullptr;
    if (!ifDef) return std::nullopt;
    const std::string typeStr = ifDef->type ? ifDef->type->toString() : "Boolean!";
    const ast::Argument* arg = nullptr;
    for (const auto& a : dir->arguments) {
      if (a->name.value == "if") arg = a.get();  // the last one wins (keyMap)
    }
    if (!arg || !arg->value) {
      throw DirectiveValueError{GraphQLError("Argument \"if\" of required type " + quoted(typeStr) + " was not provided.", *dir)};
    }
    const ast::ValueNode& v = *arg->value;
    if (v.kind == Kind::Variable) {
      throw DirectiveValueError{GraphQLError(
          "Argument \"if\" of required type " + quoted(typeStr) + " was provided the variable \"$" +
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

  bool shouldIncludeNode(const ast::PtrList<ast::Directive>& directives) {
    if (directives.empty()) return true;
    if (directiveIf(directives, "skip") == std::optional<bool>(true)) return false;
    if (directiveIf(directives, "include") == std::optional<bool>(false)) return false;
    return true;
  }

  bool doesFragmentConditionMatch(const ast::NamedType* typeCondition, const ObjectType& type) const {
    if (!typeCondition) return true;
    const Type* conditional = schema_.typeFromAST(*typeCondition);
    if (conditional == &type) return true;
    if (conditional && conditional->isAbstract()) {
      return schema_.isSubType(conditional->as<NamedTypeDef>(), type);
    }
    return false;
  }

  void reserveSelectionSetWork(const ast::SelectionSet& set) {
    spendFragmentWork(set.selections.size());
    for (const auto& sel : set.selections) {
      spendFragmentWork(sel->directives.size());
      for (const auto& d : sel->directives) {
        if (d->name.value == "skip" || d->name.value == "include") spendFragmentWork(d->arguments.size());
      }
    }
  }

  // graphql-js collectFields without variables, with an explicit stack.
  FieldGroups collectSubscriptionFields(const ObjectType& type, const ast::SelectionSet& root) {
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
          const ast::FragmentDefinition* frag = getFragment(name);
          if (!frag || !doesFragmentConditionMatch(frag->typeCondition.get(), type)) break;
          push(frag->selectionSet.get());
          break;
        }
        default:
          break;
      }
    }
    return fields;
  }

  void singleFieldSubscription(const ast::OperationDefinition& op) {
    const ObjectType* subscriptionType = schema_.subscriptionType();
    if (!subscriptionType || !op.selectionSet) return;
    if (!subscriptionFragmentsReady_) {
      spendFragmentWork(doc_.definitions.size());
      subscriptionFragmentsReady_ = true;
    }
    FieldGroups fields;
    try {
      fields = collectSubscriptionFields(*subscriptionType, *op.selectionSet);
    } catch (DirectiveValueError& e) {
      // graphql-js throws out of validate() here; we report it and stop.
      report(std::move(e.error));
      throw Abort{};
    }
    const std::string prefix = op.name ? "Subscription " + quoted(op.name->value) : "Anonymous Subscription";
    if (fields.groups.size() > 1) {
      std::vector<SourceLocation> locs;
      for (std::size_t i = 1; i < fields.groups.size(); ++i) {
        for (const auto* f : fields.groups[i].second) locs.push_back(locOf(*f));
      }
      report(prefix + " must select only one top level field.", std::move(locs));
    }
    for (const auto& [key, nodes] : fields.groups) {
      const std::string_view fieldName = nodes[0]->name.value;
      if (fieldName.substr(0, 2) == "__") {
        std::vector<SourceLocation> locs;
        for (const auto* f : nodes) locs.push_back(locOf(*f));
        report(prefix + " must not select an introspection top level field.", std::move(locs));
      }
    }
  }

  // ---- Fragments ----------------------------------------------------------------

  void enterFragmentDefinition(const ast::FragmentDefinition& frag) {
    // FragmentsOnCompositeTypes
    if (frag.typeCondition) {
      const Type* t = schema_.typeFromAST(*frag.typeCondition);
      if (t && !t->isComposite()) {
        report("Fragment " + quoted(frag.name.value) + " cannot condition on non composite type " +
                   quoted(frag.typeCondition->name.value) + ".",
               *frag.typeCondition);
      }
    }
    // UniqueFragmentNames
    auto [it, inserted] = fragmentNames_.emplace(frag.name.value, &frag.name);
    if (!inserted) {
      report("There can be only one fragment named " + quoted(frag.name.value) + ".",
             std::vector<SourceLocation>{locOf(*it->second), locOf(frag.name)});
    }
    // NoUnusedFragments
    fragmentDefs_.push_back(&frag);
    // NoFragmentCycles
    detectFragmentCycles(frag);
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(frag, frag.directives);
  }

  // NoFragmentCycles: graphql-js's depth-first search, with an explicit stack.
  void detectFragmentCycles(const ast::FragmentDefinition& root) {
    struct Frame {
      std::string_view name;
      const std::vector<const ast::FragmentSpread*>* spreads;
      std::size_t next;
    };
    std::vector<Frame> stack;
    auto start = [&](const ast::FragmentDefinition& frag) {
      const std::string_view name = frag.name.value;
      if (!cycleVisited_.insert(name).second || !frag.selectionSet) return false;
      const auto& spreads = getFragmentSpreads(*frag.selectionSet);
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
        const ast::FragmentDefinition* next = getFragment(spreadName);
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
        report("Cannot spread fragment " + quoted(spreadName) + " within itself" +
                   (via.empty() ? std::string(".") : " via " + via + "."),
               std::move(locs));
      }
      spreadPath_.pop_back();
    }
  }

  void enterInlineFragment(const ast::InlineFragment& frag) {
    // FragmentsOnCompositeTypes
    if (frag.typeCondition) {
      const Type* t = schema_.typeFromAST(*frag.typeCondition);
      if (t && !t->isComposite()) {
        report("Fragment cannot condition on non composite type " + quoted(frag.typeCondition->name.value) + ".",
               *frag.typeCondition);
      }
    }
    // PossibleFragmentSpreads
    const Type* fragType = typeInfo_.type();
    const NamedTypeDef* parentType = typeInfo_.parentType();
    if (isComposite(fragType) && isComposite(parentType) &&
        !schema_.doTypesOverlap(fragType->as<NamedTypeDef>(), *parentType)) {
      report("Fragment cannot be spread here as objects of type " + quoted(parentType->name) +
                 " can never be of type " + quoted(fragType->as<NamedTypeDef>().name) + ".",
             frag);
    }
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(frag, frag.directives);
  }

  void enterFragmentSpread(const ast::FragmentSpread& spread) {
    const std::string_view name = spread.name.value;
    const ast::FragmentDefinition* frag = getFragment(name);
    // KnownFragmentNames
    if (!frag) report("Unknown fragment " + quoted(name) + ".", spread.name);
    // PossibleFragmentSpreads
    const Type* fragType = frag && frag->typeCondition ? schema_.typeFromAST(*frag->typeCondition) : nullptr;
    const NamedTypeDef* parentType = typeInfo_.parentType();
    if (isComposite(fragType) && parentType &&
        !schema_.doTypesOverlap(fragType->as<NamedTypeDef>(), *parentType)) {
      report("Fragment " + quoted(name) + " cannot be spread here as objects of type " + quoted(parentType->name) +
                 " can never be of type " + quoted(fragType->as<NamedTypeDef>().name) + ".",
             spread);
    }
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(spread, spread.directives);
  }

  // ---- Selections -----------------------------------------------------------------

  void enterSelectionSet(const ast::SelectionSet& set) {
    // OverlappingFieldsCanBeMerged
    std::vector<GraphQLError> conflicts;
    overlap_.checkSelectionSet(set, typeInfo_.parentType(), conflicts);
    for (auto& e : conflicts) report(std::move(e));
    if (overlap_.aborted()) {  // its complexity budget ran out: graphql-js stops validating
      errors_.emplace_back(detail::OverlappingFieldsChecker::kValidationAbortedMessage);
      throw Abort{};
    }
  }

  void enterField(const ast::Field& field) {
    const Type* type = typeInfo_.type();
    // ScalarLeafs
    if (type) {
      const std::string_view fieldName = field.name.value;
      if (type->namedType().isLeaf()) {
        if (field.selectionSet) {
          report("Field " + quoted(fieldName) + " must not have a selection since type " + quoted(type->toString()) +
                     " has no subfields.",
                 *field.selectionSet);
        }
      } else if (!field.selectionSet) {
        report("Field " + quoted(fieldName) + " of type " + quoted(type->toString()) +
                   " must have a selection of subfields. Did you mean \"" + std::string(fieldName) + " { ... }\"?",
               field);
      } else if (field.selectionSet->selections.empty()) {
        report("Field " + quoted(fieldName) + " of type " + quoted(type->toString()) +
                   " must have at least one field selected.",
               field);
      }
    }
    // FieldsOnCorrectType
    const NamedTypeDef* parentType = typeInfo_.parentType();
    if (parentType && !typeInfo_.fieldDef()) {
      const std::string_view fieldName = field.name.value;
      std::vector<std::string> typeNames = suggestedTypeNames(*parentType, fieldName);
      std::string suggestion;
      if (!typeNames.empty()) {
        std::vector<std::string_view> views(typeNames.begin(), typeNames.end());
        suggestion = didYouMean("to use an inline fragment on", views);
      } else {
        suggestion = didYouMean(suggestedFieldNames(*parentType, fieldName));
      }
      report("Cannot query field " + quoted(fieldName) + " on type " + quoted(parentType->name) + "." + suggestion,
             field);
    }
    // UniqueDirectivesPerLocation
    uniqueDirectivesPerLocation(field, field.directives);
    // UniqueArgumentNames
    uniqueArgumentNames(field.arguments);
    // MaxIntrospectionDepth
    if (!skipIntrospection_ && (field.name.value == "__schema" || field.name.value == "__type")) {
      if (introspectionTooDeep(field)) {
        report("Maximum introspection depth exceeded", field);
        skipIntrospection_ = &field;
      }
    }
  }

  // graphql-js getSuggestedTypeNames: the possible types (and their
  // interfaces) that do have the field, most used first, super types first.
  std::vector<std::string> suggestedTypeNames(const NamedTypeDef& type, std::string_view fieldName) const {
    if (!type.isAbstract()) return {};
    std::vector<const NamedTypeDef*> suggested;
    std::unordered_map<const NamedTypeDef*, int> usageCount;
    for (const ObjectType* possible : schema_.possibleTypes(type)) {
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
      if (a->kind == TypeKind::Interface && schema_.isSubType(*a, *b)) return true;
      if (b->kind == TypeKind::Interface && schema_.isSubType(*b, *a)) return false;
      return detail::naturalCompare(a->name, b->name) < 0;
    });
    std::vector<std::string> names;
    names.reserve(suggested.size());
    for (const auto* t : suggested) names.push_back(t->name);
    return names;
  }

  static std::vector<std::string_view> suggestedFieldNames(const NamedTypeDef& type, std::string_view fieldName) {
    if (type.kind != TypeKind::Object && type.kind != TypeKind::Interface) return {};
    std::vector<std::string_view> names;
    for (const auto& f : type.as<FieldsType>().fields) names.push_back(f.name);
    return suggestionList(fieldName, names);
  }

  // MaxIntrospectionDepth: graphql-js's checkDepth with an explicit stack.
  // Memoizes per fragment the entry depths that passed or hit the limit.
  bool introspectionTooDeep(const ast::Field& root) {
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
        if (!top.fragment.empty()) introspectionChecked_[top.fragment] = top.depth;
        stack.pop_back();
        continue;
      }
      const ast::Selection& sel = *top.set->selections[top.next++];
      const int depth = top.depth;
      if (sel.kind == Kind::FragmentSpread) {
        const std::string_view name = sel.as<ast::FragmentSpread>().name.value;
        auto ex = introspectionExceeded_.find(name);
        if (ex != introspectionExceeded_.end() && ex->second <= depth) {
          exceeded = true;
          break;
        }
        auto vis = visited.find(name);
        auto chk = introspectionChecked_.find(name);
        if ((vis != visited.end() && vis->second >= depth) ||
            (chk != introspectionChecked_.end() && chk->second >= depth)) {
          continue;
        }
        const ast::FragmentDefinition* frag = getFragment(name);
        if (!frag) continue;
        visited[name] = depth;
        if (frag->selectionSet) {
          stack.push_back({frag->selectionSet.get(), 0, depth, name});
        } else {
          introspectionChecked_[name] = depth;
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
      if (!f.fragment.empty()) introspectionExceeded_[f.fragment] = f.depth;
    }
    return true;
  }

  // ---- Directives and arguments -------------------------------------------------------

  void enterDirective(const ast::Directive& dir) {
    const std::string_view name = dir.name.value;
    const DirectiveView def = lookupDirective(name);
    // KnownDirectives
    if (!def) {
      report("Unknown directive \"@" + std::string(name) + "\".", dir);
    } else if (!ancestors_.empty()) {
      const ast::Node* grandParent = ancestors_.size() > 1 ? ancestors_[ancestors_.size() - 2] : nullptr;
      const std::string_view location = directiveLocationFor(*ancestors_.back(), grandParent);
      if (!location.empty() && !directiveAllows(def, location)) {
        report("Directive \"@" + std::string(name) + "\" may not be used on " + std::string(location) + ".", dir);
      }
    }
    // KnownArgumentNames (directive arguments; its Argument handler then skips them)
    if (!skipKnownArguments_) {
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
          report("Unknown argument " + quoted(argName) + " on directive \"@" + std::string(name) + "\"." +
                     didYouMean(suggestionList(argName, known)),
                 *arg);
        }
      }
      skipKnownArguments_ = &dir;
    }
    // UniqueArgumentNames
    uniqueArgumentNames(dir.arguments);
  }

  static bool directiveAllows(const DirectiveView& def, std::string_view location) {
    if (def.docDef) {
      for (const auto& l : def.docDef->locations) {
        if (l.value == location) return true;
      }
      return false;
    }
    for (DirectiveLocation l : def.schemaDef->locations) {
      if (directiveLocationName(l) == location) return true;
    }
    return false;
  }

  bool isUniqueDirective(std::string_view name) const {
    const DirectiveView def = lookupDirective(name);
    if (def.docDef) return !def.docDef->repeatable;
    if (def.schemaDef) return !def.schemaDef->repeatable;
    return false;
  }

  using SeenDirectives = std::vector<std::pair<std::string_view, const ast::Directive*>>;

  void uniqueDirectivesPerLocation(const ast::Node& node, const ast::PtrList<ast::Directive>& directives) {
    if (directives.empty()) return;
    SeenDirectives local;
    SeenDirectives* seen = &local;
    if (node.kind == Kind::SchemaDefinition || node.kind == Kind::SchemaExtension) {
      seen = &schemaDirectives_;
    } else if (ast::isTypeDefinition(node.kind) || ast::isTypeExtension(node.kind)) {
      // A type and its extensions share one location.
      seen = &typeDirectives_[node.as<ast::TypeDefinitionOrExtension>().name.value];
    }
    for (const auto& d : directives) {
      const std::string_view name = d->name.value;
      if (!isUniqueDirective(name)) continue;
      auto it = std::find_if(seen->begin(), seen->end(), [&](const auto& p) { return p.first == name; });
      if (it != seen->end()) {
        report("The directive \"@" + std::string(name) + "\" can only be used once at this location.",
               std::vector<SourceLocation>{locOf(*it->second), locOf(*d)});
      } else {
        seen->emplace_back(name, d.get());
      }
    }
  }

  void enterArgument(const ast::Argument& arg) {
    // KnownArgumentNames (field arguments)
    if (skipKnownArguments_) return;
    const FieldDef* fieldDef = typeInfo_.fieldDef();
    const NamedTypeDef* parentType = typeInfo_.parentType();
    if (!typeInfo_.argument() && fieldDef && parentType) {
      const std::string_view argName = arg.name.value;
      std::vector<std::string_view> names;
      for (const auto& a : fieldDef->args) names.push_back(a.name);
      report("Unknown argument " + quoted(argName) + " on field \"" + parentType->name + "." + fieldDef->name + "\"." +
                 didYouMean(suggestionList(argName, names)),
             arg);
    }
  }

  void uniqueArgumentNames(const ast::PtrList<ast::Argument>& args) {
    for (const auto& group : groupByName(args, [](const ast::Argument& a) { return a.name.value; })) {
      if (group.size() < 2) continue;
      std::vector<SourceLocation> locs;
      for (const auto* a : group) locs.push_back(locOf(a->name));
      report("There can be only one argument named " + quoted(group[0]->name.value) + ".", std::move(locs));
    }
  }

  void providedRequiredArgumentsOnField(const ast::Field& field) {
    const FieldDef* def = typeInfo_.fieldDef();
    if (!def) return;
    for (const auto& argDef : def->args) {
      if (!isRequired(argDef)) continue;
      const bool provided = std::any_of(field.arguments.begin(), field.arguments.end(),
                                        [&](const auto& a) { return a->name.value == argDef.name; });
      if (provided) continue;
      report("Field " + quoted(def->name) + " argument " + quoted(argDef.name) + " of type " +
                 quoted(argDef.type->toString()) + " is required, but it was not provided.",
             field);
    }
  }

  void providedRequiredArgumentsOnDirective(const ast::Directive& dir) {
    const std::string_view name = dir.name.value;
    const DirectiveView def = lookupDirective(name);
    auto provided = [&](std::string_view argName) {
      return std::any_of(dir.arguments.begin(), dir.arguments.end(),
                         [&](const auto& a) { return a->name.value == argName; });
    };
    auto missing = [&](std::string_view argName, const std::string& typeStr) {
      report("Directive \"@" + std::string(name) + "\" argument " + quoted(argName) + " of type " + quoted(typeStr) +
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

  // ---- KnownTypeNames ---------------------------------------------------------------

  void knownTypeNames(const ast::NamedType& node) {
    const std::string_view typeName = node.name.value;
    if (schema_.getType(typeName)) return;
    if (std::find(docTypes_.begin(), docTypes_.end(), typeName) != docTypes_.end()) return;
    // The top-level definition holding this reference (graphql-js ancestors[2]).
    const ast::Node* definition = ancestors_.size() > 1 ? ancestors_[1] : nullptr;
    const bool isSDL = definition && !ast::isExecutableDefinition(definition->kind);
    if (isSDL && isStandardTypeName(typeName)) return;
    std::vector<std::string_view> options;
    if (isSDL) {
      options = {"String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation",
                 "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"};
    }
    for (const NamedTypeDef* t : schema_.types()) options.push_back(t->name);
    options.insert(options.end(), docTypes_.begin(), docTypes_.end());
    report("Unknown type " + quoted(typeName) + "." + didYouMean(suggestionList(typeName, options)), node);
  }

  // ---- state --------------------------------------------------------------------------

  detail::OverlappingFieldsChecker overlap_;
  detail::ValueRules values_;  // ValuesOfCorrectType, UniqueInputFieldNames

  // Per-rule state.
  std::size_t operationCount_ = 0;                                            // LoneAnonymousOperation
  std::unordered_map<std::string_view, const ast::Name*> operationNames_;     // UniqueOperationNames
  bool subscriptionFragmentsReady_ = false;                                   // SingleFieldSubscriptions
  std::unordered_map<std::string_view, const ast::Name*> fragmentNames_;      // UniqueFragmentNames
  std::vector<const ast::OperationDefinition*> operationDefs_;                // NoUnusedFragments
  std::vector<const ast::FragmentDefinition*> fragmentDefs_;                  // NoUnusedFragments
  std::unordered_set<std::string_view> cycleVisited_;                         // NoFragmentCycles
  std::vector<const ast::FragmentSpread*> spreadPath_;                        // NoFragmentCycles
  std::unordered_map<std::string_view, std::size_t> spreadPathIndexByName_;   // NoFragmentCycles
  std::unordered_map<std::string_view, const ast::VariableDefinition*> definedVariables_;  // NoUndefined/VIAP
  std::vector<const ast::VariableDefinition*> variableDefs_;                  // NoUnusedVariables
  SeenDirectives schemaDirectives_;                                           // UniqueDirectivesPerLocation
  std::unordered_map<std::string_view, SeenDirectives> typeDirectives_;       // UniqueDirectivesPerLocation
  const ast::Node* skipKnownArguments_ = nullptr;                             // KnownArgumentNames
  const ast::Node* skipIntrospection_ = nullptr;                              // MaxIntrospectionDepth
  std::unordered_map<std::string_view, int> introspectionChecked_;            // MaxIntrospectionDepth
  std::unordered_map<std::string_view, int> introspectionExceeded_;           // MaxIntrospectionDepth
};

}  // namespace

std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& document, std::size_t maxErrors) {
  std::vector<GraphQLError> errors;
  Validator validator(schema, document, maxErrors, errors);
  try {
    validator.run();
  } catch (const Abort&) {
    // The reason is already the last error.
  }
  return errors;
}

}  // namespace kubos::graphql
