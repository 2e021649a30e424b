// kubos::graphql::validate: graphql-js 16.15's `specifiedRules`, run as graphql-js runs
// them: one traversal of the document, each node handed to every rule in
// specifiedRules order (visitInParallel), with TypeInfo updated before a
// node's enter handlers and after its leave handlers. Errors therefore come
// out in graphql-js's order. A rule that returns `false` in graphql-js
// (skip this subtree for this rule only) is mirrored by a per-rule skip node.
//
// The rules live in families, one file each (validation_rules.h); this file
// is only the traversal: for each node kind, the families' handlers in the
// order their rules have in specifiedRules, numbered here as there:
//
//    1 ExecutableDefinitions        10 UniqueFragmentNames       19 UniqueDirectivesPerLocation
//    2 UniqueOperationNames         11 KnownFragmentNames        20 KnownArgumentNames
//    3 LoneAnonymousOperation       12 NoUnusedFragments         21 UniqueArgumentNames
//    4 SingleFieldSubscriptions     13 PossibleFragmentSpreads   22 ValuesOfCorrectType
//    5 KnownTypeNames               14 NoFragmentCycles          23 ProvidedRequiredArguments
//    6 FragmentsOnCompositeTypes    15 UniqueVariableNames       24 VariablesInAllowedPosition
//    7 VariablesAreInputTypes       16 NoUndefinedVariables      25 OverlappingFieldsCanBeMerged
//    8 ScalarLeafs                  17 NoUnusedVariables         26 UniqueInputFieldNames
//    9 FieldsOnCorrectType          18 KnownDirectives           27 MaxIntrospectionDepth
//
// Anything that follows fragment spreads uses explicit stacks and memoizes
// per fragment, so a hostile document (long spread chains, cycles) can
// neither overflow the stack nor loop.
#include "graphql/validation.h"

#include "validation_context.h"
#include "validation_rules.h"
#include "validation_typeinfo.h"

namespace kubos::graphql {

namespace {

using ast::Kind;

class Validator : private detail::ValidationContext {
 public:
  Validator(const Schema& schema, const ast::Document& doc, std::size_t maxErrors, std::vector<GraphQLError>& errors)
      : ValidationContext(schema, doc, maxErrors, errors),
        operations_(*this),
        subscriptions_(*this),
        typeNames_(*this),
        fragmentRules_(*this),
        variables_(*this),
        selections_(*this),
        directives_(*this),
        arguments_(*this),
        values_(*this),
        introspectionDepth_(*this) {}

  void run() { detail::walk(doc_, *this); }

  bool enter(const ast::Node& n) {
    typeInfo_.enter(n);
    switch (n.kind) {
      case Kind::Document:
        operations_.enterDocument(n.as<ast::Document>());  // 1, 3
        break;
      case Kind::OperationDefinition: {
        const auto& op = n.as<ast::OperationDefinition>();
        operations_.enterOperation(op);                // 2, 3
        subscriptions_.enterOperation(op);             // 4
        fragmentRules_.enterOperation(op);             // 12
        variables_.enterOperation(op);                 // 15, 16, 17, 24
        directives_.enterLocation(op, op.directives);  // 19
        currentOperation_ = &op;
        break;
      }
      case Kind::FragmentDefinition: {
        const auto& frag = n.as<ast::FragmentDefinition>();
        fragmentRules_.enterFragmentDefinition(frag);      // 6, 10, 12, 14
        directives_.enterLocation(frag, frag.directives);  // 19
        break;
      }
      case Kind::VariableDefinition: {
        const auto& def = n.as<ast::VariableDefinition>();
        ++inVariableDefinition_;
        variables_.enterVariableDefinition(def);         // 7, 16, 17, 24
        directives_.enterLocation(def, def.directives);  // 19
        break;
      }
      case Kind::SelectionSet:
        selections_.enterSelectionSet(n.as<ast::SelectionSet>());  // 25
        break;
      case Kind::Field: {
        const auto& field = n.as<ast::Field>();
        selections_.enterField(field);                       // 8, 9
        directives_.enterLocation(field, field.directives);  // 19
        arguments_.enterField(field);                        // 21
        introspectionDepth_.enterField(field);               // 27
        break;
      }
      case Kind::InlineFragment: {
        const auto& frag = n.as<ast::InlineFragment>();
        fragmentRules_.enterInlineFragment(frag);          // 6, 13
        directives_.enterLocation(frag, frag.directives);  // 19
        break;
      }
      case Kind::FragmentSpread: {
        const auto& spread = n.as<ast::FragmentSpread>();
        fragmentRules_.enterFragmentSpread(spread);            // 11, 13
        directives_.enterLocation(spread, spread.directives);  // 19
        break;
      }
      case Kind::Directive: {
        const auto& dir = n.as<ast::Directive>();
        directives_.enterDirective(dir);  // 18
        arguments_.enterDirective(dir);   // 20, 21
        break;
      }
      case Kind::Argument:
        arguments_.enterArgument(n.as<ast::Argument>());  // 20
        break;
      case Kind::NamedType:
        typeNames_.enterNamedType(n.as<ast::NamedType>());  // 5
        break;
      // 22, 26
      case Kind::ListValue: values_.enterListValue(n.as<ast::ListValue>()); break;
      case Kind::ObjectValue: values_.enterObjectValue(n.as<ast::ObjectValue>()); break;
      case Kind::ObjectField: values_.enterObjectField(n.as<ast::ObjectField>()); break;
      case Kind::NullValue: values_.enterNullValue(n.as<ast::NullValue>()); break;
      case Kind::EnumValue:
      case Kind::IntValue:
      case Kind::FloatValue:
      case Kind::StringValue:
      case Kind::BooleanValue: values_.enterLeafValue(n.as<ast::ValueNode>()); break;
      case Kind::Variable: recordVariableUsage(n.as<ast::Variable>()); break;
      // SDL nodes (reported as not executable by 1): 19 only.
      case Kind::SchemaDefinition: directives_.enterLocation(n, n.as<ast::SchemaDefinition>().directives); break;
      case Kind::SchemaExtension: directives_.enterLocation(n, n.as<ast::SchemaExtension>().directives); break;
      case Kind::FieldDefinition: directives_.enterLocation(n, n.as<ast::FieldDefinition>().directives); break;
      case Kind::InputValueDefinition:
        directives_.enterLocation(n, n.as<ast::InputValueDefinition>().directives);
        break;
      case Kind::EnumValueDefinition: directives_.enterLocation(n, n.as<ast::EnumValueDefinition>().directives); break;
      default:
        if (ast::isTypeDefinition(n.kind) || ast::isTypeExtension(n.kind)) {
          directives_.enterLocation(n, n.as<ast::TypeDefinitionOrExtension>().directives);
        }
        break;
    }
    ancestors_.push_back(&n);
    return true;
  }

  void leave(const ast::Node& n) {
    ancestors_.pop_back();
    switch (n.kind) {
      case Kind::Document:
        fragmentRules_.leaveDocument();  // 12
        break;
      case Kind::OperationDefinition:
        currentOperation_ = nullptr;
        variables_.leaveOperation(n.as<ast::OperationDefinition>());  // 16, 17, 24
        break;
      case Kind::VariableDefinition: --inVariableDefinition_; break;
      case Kind::Field:
        arguments_.leaveField(n.as<ast::Field>());  // 23
        introspectionDepth_.leaveField(n);          // 27
        break;
      case Kind::Directive:
        arguments_.leaveDirective(n.as<ast::Directive>());  // 20, 23
        break;
      case Kind::ObjectValue:
        values_.leaveObjectValue(n);  // 22, 26
        break;
      case Kind::ListValue:
        values_.leaveListValue(n);  // 22
        break;
      default: break;
    }
    typeInfo_.leave(n);
  }

 private:
  detail::OperationRules operations_;
  detail::SubscriptionRules subscriptions_;
  detail::TypeNameRules typeNames_;
  detail::FragmentRules fragmentRules_;  // (fragments_ is the context's fragments by name)
  detail::VariableRules variables_;
  detail::SelectionRules selections_;
  detail::DirectiveRules directives_;
  detail::ArgumentRules arguments_;
  detail::ValueRules values_;
  detail::IntrospectionDepthRule introspectionDepth_;
};

}  // namespace

std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& document, std::size_t maxErrors) {
  std::vector<GraphQLError> errors;
  Validator validator(schema, document, maxErrors, errors);
  try {
    validator.run();
  } catch (const detail::Abort&) {
    // The reason is already the last error.
  }
  return errors;
}

}  // namespace kubos::graphql
