// Validation rules grouped by family, each a small visitor over the nodes
// it looks at. The Validator (validation.cpp) walks the document once and
// hands each node to the families in graphql-js's specifiedRules order, so
// errors come out in graphql-js's order.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/ast.h"
#include "validation_context.h"

namespace kubos::graphql::detail {

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
