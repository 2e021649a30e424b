// The value rules of graphql-js's specifiedRules: ValuesOfCorrectType and
// UniqueInputFieldNames (validation_rules.h). Called by the Validator
// (validation.cpp) on value nodes, at the rules' places in specifiedRules.
#include <algorithm>
#include <string>
#include <utility>

#include "graphql/parser.h"
#include "suggest.h"
#include "validation_rules.h"

namespace kubos::graphql::detail {

using ast::Kind;

void ValueRules::enterListValue(const ast::ListValue& list) {
  if (skipValues_) return;
  const Type* parent = ctx_.typeInfo_.parentInputType();
  const Type* type = parent ? &parent->nullableType() : nullptr;
  if (!type || !type->isList()) {
    isValidValueNode(list);
    skipValues_ = &list;
  }
}

void ValueRules::enterObjectValue(const ast::ObjectValue& obj) {
  if (!skipValues_) {
    const NamedTypeDef* type = namedOf(ctx_.typeInfo_.inputType());
    if (!type || type->kind != TypeKind::InputObject) {
      isValidValueNode(obj);
      skipValues_ = &obj;
    } else {
      const auto& inputType = type->as<InputObjectType>();
      // keyMap: the last field of a name wins; keys keep first-seen order.
      std::vector<std::pair<std::string_view, const ast::ObjectField*>> fieldNodes;
      for (const auto& f : obj.fields) {
        auto it = std::find_if(fieldNodes.begin(), fieldNodes.end(),
                               [&](const auto& p) { return p.first == f->name.value; });
        if (it != fieldNodes.end()) {
          it->second = f.get();
        } else {
          fieldNodes.emplace_back(f->name.value, f.get());
        }
      }
      for (const auto& fieldDef : inputType.fields) {
        const bool present = std::any_of(fieldNodes.begin(), fieldNodes.end(),
                                         [&](const auto& p) { return p.first == fieldDef.name; });
        if (!present && isRequired(fieldDef)) {
          ctx_.report("Field \"" + inputType.name + "." + fieldDef.name + "\" of required type " +
                     quoted(fieldDef.type->toString()) + " was not provided.",
                 obj);
        }
      }
      if (isOneOf(inputType)) {
        if (fieldNodes.size() != 1) {
          ctx_.report("OneOf Input Object " + quoted(inputType.name) + " must specify exactly one key.", obj);
        } else {
          const ast::ValueNode* value = fieldNodes[0].second->value.get();
          if (!value || value->kind == Kind::NullValue) {
            ctx_.report("Field \"" + inputType.name + "." + std::string(fieldNodes[0].first) + "\" must be non-null.",
                   obj);
          }
        }
      }
    }
  }
  inputFieldNames_.emplace_back();  // UniqueInputFieldNames
}

void ValueRules::enterObjectField(const ast::ObjectField& field) {
  // ValuesOfCorrectType
  if (!skipValues_) {
    const NamedTypeDef* parentType = namedOf(ctx_.typeInfo_.parentInputType());
    if (!ctx_.typeInfo_.inputType() && parentType && parentType->kind == TypeKind::InputObject) {
      std::vector<std::string_view> names;
      for (const auto& f : parentType->as<InputObjectType>().fields) names.push_back(f.name);
      ctx_.report("Field " + quoted(field.name.value) + " is not defined by type " + quoted(parentType->name) + "." +
                 didYouMean(suggestionList(field.name.value, names)),
             field);
    }
  }
  // UniqueInputFieldNames
  if (inputFieldNames_.empty()) return;
  auto& known = inputFieldNames_.back();
  auto [it, inserted] = known.emplace(field.name.value, &field.name);
  if (!inserted) {
    ctx_.report("There can be only one input field named " + quoted(field.name.value) + ".",
           std::vector<SourceLocation>{locOf(*it->second), locOf(field.name)});
  }
}

void ValueRules::enterNullValue(const ast::NullValue& node) {
  if (skipValues_) return;
  const Type* type = ctx_.typeInfo_.inputType();
  if (type && type->isNonNull()) {
    ctx_.report("Expected value of type " + quoted(type->toString()) + ", found " + printValueNode(node) + ".", node);
  }
}

// graphql-js isValidValueNode: leaf literals must parse for their type.
void ValueRules::isValidValueNode(const ast::ValueNode& node) {
  const Type* locationType = ctx_.typeInfo_.inputType();
  if (!locationType) return;
  const NamedTypeDef& type = locationType->namedType();
  if (!type.isLeaf()) {
    ctx_.report("Expected value of type " + quoted(locationType->toString()) + ", found " + printValueNode(node) + ".",
           node);
    return;
  }
  if (type.kind == TypeKind::Enum) {
    enumParseLiteral(type.as<EnumType>(), node);
    return;
  }
  const auto& scalar = type.as<ScalarType>();
  if (!scalar.parseLiteral) return;
  try {
    (void)scalar.parseLiteral(node, nullptr);
  } catch (const FieldError& e) {
    // A GraphQLError from parseLiteral (what the built-in scalars throw)
    // is reported as it is, at the value.
    ctx_.report(e.what(), node);
  } catch (const std::exception& e) {
    ctx_.report("Expected value of type " + quoted(locationType->toString()) + ", found " + printValueNode(node) + "; " +
               e.what(),
           node);
  }
}

// GraphQLEnumType.parseLiteral's errors.
void ValueRules::enumParseLiteral(const EnumType& type, const ast::ValueNode& node) {
  auto suggestions = [&](const std::string& valueStr) {
    std::vector<std::string_view> names;
    for (const auto& v : type.values) names.push_back(v.name);
    return didYouMean("the enum value", suggestionList(valueStr, names));
  };
  if (node.kind != Kind::EnumValue) {
    const std::string valueStr = printValueNode(node);
    ctx_.report("Enum " + quoted(type.name) + " cannot represent non-enum value: " + valueStr + "." + suggestions(valueStr),
           node);
    return;
  }
  const std::string_view value = node.as<ast::EnumValue>().value;
  if (!type.findValue(value)) {
    const std::string valueStr(value);
    ctx_.report("Value " + quoted(valueStr) + " does not exist in " + quoted(type.name) + " enum." + suggestions(valueStr),
           node);
  }
}

}  // namespace kubos::graphql::detail
