// Validation rules grouped by family, each a small visitor over the nodes
// it looks at, each family in its own file:
//
//   OperationRules     validation_operations.cpp
//   SubscriptionRules  validation_subscriptions.cpp
//   TypeNameRules      validation_types.cpp
//   FragmentRules      validation_fragments.cpp
//   VariableRules      validation_variables.cpp
//   SelectionRules, IntrospectionDepthRule   validation_selections.cpp
//   DirectiveRules     validation_directives.cpp
//   ArgumentRules      validation_arguments.cpp
//   ValueRules         validation_values.cpp
//
// The Validator (validation.cpp) walks the document once and hands each node
// to the families' handlers in graphql-js's specifiedRules order (a family
// whose rules sit apart in that order has one handler per place), so errors
// come out in graphql-js's order. The state all of them share is the
// ValidationContext (validation_context.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graphql/ast.h"
#include "overlapping_fields.h"
#include "validation_context.h"

namespace kubos::graphql::detail {

// ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation.
class OperationRules {
 public:
  explicit OperationRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterDocument(const ast::Document& doc);
  void enterOperation(const ast::OperationDefinition& op);

 private:
  ValidationContext& ctx_;
  std::size_t operationCount_ = 0;                                         // LoneAnonymousOperation
  std::unordered_map<std::string_view, const ast::Name*> operationNames_;  // UniqueOperationNames
};

// SingleFieldSubscriptions: collects a subscription's root fields as
// graphql-js's collectFields does without variables.
class SubscriptionRules {
 public:
  explicit SubscriptionRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterOperation(const ast::OperationDefinition& op);

 private:
  // Response-key -> field nodes, in first-seen order (a JS Map).
  struct FieldGroups {
    std::vector<std::pair<std::string_view, std::vector<const ast::Field*>>> groups;
    std::unordered_map<std::string_view, std::size_t> index;
    void add(const ast::Field& f);
  };

  std::optional<bool> directiveIf(const ast::PtrList<ast::Directive>& directives, std::string_view name);
  bool shouldIncludeNode(const ast::PtrList<ast::Directive>& directives);
  bool doesFragmentConditionMatch(const ast::NamedType* typeCondition, const ObjectType& type) const;
  void reserveSelectionSetWork(const ast::SelectionSet& set);
  FieldGroups collectFields(const ObjectType& type, const ast::SelectionSet& root);

  ValidationContext& ctx_;
  bool fragmentsReady_ = false;  // the one-off fragment work is spent
};

// KnownTypeNames.
class TypeNameRules {
 public:
  explicit TypeNameRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterNamedType(const ast::NamedType& node);

 private:
  ValidationContext& ctx_;
};

// FragmentsOnCompositeTypes, UniqueFragmentNames, KnownFragmentNames,
// NoUnusedFragments, PossibleFragmentSpreads, NoFragmentCycles.
class FragmentRules {
 public:
  explicit FragmentRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterOperation(const ast::OperationDefinition& op) { operationDefs_.push_back(&op); }  // NoUnusedFragments
  void enterFragmentDefinition(const ast::FragmentDefinition& frag);
  void enterInlineFragment(const ast::InlineFragment& frag);
  void enterFragmentSpread(const ast::FragmentSpread& spread);
  void leaveDocument();  // NoUnusedFragments

 private:
  void detectFragmentCycles(const ast::FragmentDefinition& root);

  ValidationContext& ctx_;
  std::unordered_map<std::string_view, const ast::Name*> fragmentNames_;     // UniqueFragmentNames
  std::vector<const ast::OperationDefinition*> operationDefs_;               // NoUnusedFragments
  std::vector<const ast::FragmentDefinition*> fragmentDefs_;                 // NoUnusedFragments
  std::unordered_set<std::string_view> cycleVisited_;                        // NoFragmentCycles
  std::vector<const ast::FragmentSpread*> spreadPath_;                       // NoFragmentCycles
  std::unordered_map<std::string_view, std::size_t> spreadPathIndexByName_;  // NoFragmentCycles
};

// VariablesAreInputTypes, UniqueVariableNames, NoUndefinedVariables,
// NoUnusedVariables, VariablesInAllowedPosition.
class VariableRules {
 public:
  explicit VariableRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterOperation(const ast::OperationDefinition& op);
  void enterVariableDefinition(const ast::VariableDefinition& def);
  void leaveOperation(const ast::OperationDefinition& op);

 private:
  bool allowedVariableUsage(const Type& varType, const ast::ValueNode* varDefault, const Type& locationType,
                            bool locationHasDefault) const;

  ValidationContext& ctx_;
  std::unordered_map<std::string_view, const ast::VariableDefinition*> definedVariables_;  // NoUndefined/VIAP
  std::vector<const ast::VariableDefinition*> variableDefs_;                               // NoUnusedVariables
};

// ScalarLeafs, FieldsOnCorrectType, OverlappingFieldsCanBeMerged.
class SelectionRules {
 public:
  explicit SelectionRules(ValidationContext& ctx) : ctx_(ctx), overlap_(ctx.schema_, ctx.doc_) {}

  void enterSelectionSet(const ast::SelectionSet& set);  // OverlappingFieldsCanBeMerged
  void enterField(const ast::Field& field);              // ScalarLeafs, FieldsOnCorrectType

 private:
  std::vector<std::string> suggestedTypeNames(const NamedTypeDef& type, std::string_view fieldName) const;

  ValidationContext& ctx_;
  OverlappingFieldsChecker overlap_;
};

// MaxIntrospectionDepth (graphql-js's recommendedRules, last in
// specifiedRules). A field that exceeds the depth is reported once and its
// subtree skipped for this rule.
class IntrospectionDepthRule {
 public:
  explicit IntrospectionDepthRule(ValidationContext& ctx) : ctx_(ctx) {}

  void enterField(const ast::Field& field);
  void leaveField(const ast::Node& node) {
    if (skip_ == &node) skip_ = nullptr;
  }

 private:
  bool tooDeep(const ast::Field& root);

  ValidationContext& ctx_;
  const ast::Node* skip_ = nullptr;
  std::unordered_map<std::string_view, int> checked_;   // fragment -> entry depth that passed
  std::unordered_map<std::string_view, int> exceeded_;  // fragment -> entry depth that hit the limit
};

// KnownDirectives, UniqueDirectivesPerLocation.
class DirectiveRules {
 public:
  explicit DirectiveRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterDirective(const ast::Directive& dir);  // KnownDirectives
  // UniqueDirectivesPerLocation, for any node that carries directives.
  void enterLocation(const ast::Node& node, const ast::PtrList<ast::Directive>& directives);

 private:
  using SeenDirectives = std::vector<std::pair<std::string_view, const ast::Directive*>>;

  bool isUniqueDirective(std::string_view name) const;

  ValidationContext& ctx_;
  SeenDirectives schemaDirectives_;                                      // the schema and its extensions
  std::unordered_map<std::string_view, SeenDirectives> typeDirectives_;  // a type and its extensions
};

// KnownArgumentNames, UniqueArgumentNames, ProvidedRequiredArguments.
class ArgumentRules {
 public:
  explicit ArgumentRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterDirective(const ast::Directive& dir);  // KnownArgumentNames, UniqueArgumentNames
  void enterField(const ast::Field& field);        // UniqueArgumentNames
  void enterArgument(const ast::Argument& arg);    // KnownArgumentNames
  void leaveField(const ast::Field& field);        // ProvidedRequiredArguments
  void leaveDirective(const ast::Directive& dir);  // KnownArgumentNames, ProvidedRequiredArguments

 private:
  void uniqueArgumentNames(const ast::PtrList<ast::Argument>& args);

  ValidationContext& ctx_;
  // KnownArgumentNames's directive handler returns false: the arguments
  // inside a directive are not seen by its Argument handler.
  const ast::Node* skip_ = nullptr;
};

// ValuesOfCorrectType and UniqueInputFieldNames. A value that is not of its
// location's kind is reported once and its subtree skipped (graphql-js's
// `return false` for this rule only).
class ValueRules {
 public:
  explicit ValueRules(ValidationContext& ctx) : ctx_(ctx) {}

  void enterListValue(const ast::ListValue& list);
  void enterObjectValue(const ast::ObjectValue& obj);
  void enterObjectField(const ast::ObjectField& field);
  void enterNullValue(const ast::NullValue& node);
  void enterLeafValue(const ast::ValueNode& node) {
    if (!skipValues_) isValidValueNode(node);
  }
  void leaveObjectValue(const ast::Node& node) {
    if (skipValues_ == &node) skipValues_ = nullptr;
    inputFieldNames_.pop_back();
  }
  void leaveListValue(const ast::Node& node) {
    if (skipValues_ == &node) skipValues_ = nullptr;
  }

 private:
  // graphql-js isValidValueNode: leaf literals must parse for their type.
  void isValidValueNode(const ast::ValueNode& node);
  // GraphQLEnumType.parseLiteral's errors.
  void enumParseLiteral(const EnumType& type, const ast::ValueNode& node);

  ValidationContext& ctx_;
  const ast::Node* skipValues_ = nullptr;
  std::vector<std::unordered_map<std::string_view, const ast::Name*>> inputFieldNames_;  // one per open object
};

}  // namespace kubos::graphql::detail
