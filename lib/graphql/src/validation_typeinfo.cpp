#include "validation_typeinfo.h"

namespace kubos::graphql::detail {

namespace {

const NamedTypeDef* namedOf(const Type* t) { return t ? &t->namedType() : nullptr; }

}  // namespace

const FieldDef* TypeInfo::fieldDefFor(const Schema& schema, const NamedTypeDef& parentType,
                                      const ast::Field& field) {
  const std::string_view name = field.name.value;
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    const bool isQuery = schema.queryType() == &parentType;
    if (name == "__schema" && isQuery) return &schema.schemaMetaField();
    if (name == "__type" && isQuery) return &schema.typeMetaField();
    if (name == "__typename" && parentType.isComposite()) return &schema.typenameMetaField();
  }
  if (parentType.kind == TypeKind::Object || parentType.kind == TypeKind::Interface) {
    return parentType.as<FieldsType>().findField(name);
  }
  return nullptr;
}

void TypeInfo::enter(const ast::Node& node) {
  using ast::Kind;
  switch (node.kind) {
    case Kind::SelectionSet: {
      const NamedTypeDef* named = namedOf(type());
      parentTypeStack_.push_back(named && named->isComposite() ? named : nullptr);
      break;
    }
    case Kind::Field: {
      const NamedTypeDef* parent = parentType();
      const FieldDef* def = parent ? fieldDefFor(schema_, *parent, node.as<ast::Field>()) : nullptr;
      const Type* fieldType = def ? def->type : nullptr;
      fieldDefStack_.push_back(def);
      typeStack_.push_back(fieldType && fieldType->isOutputType() ? fieldType : nullptr);
      break;
    }
    case Kind::Directive:
      directive_ = schema_.getDirective(node.as<ast::Directive>().name.value);
      break;
    case Kind::OperationDefinition:
      // rootType() is an ObjectType or null.
      typeStack_.push_back(schema_.rootType(node.as<ast::OperationDefinition>().operation));
      break;
    case Kind::InlineFragment:
    case Kind::FragmentDefinition: {
      const ast::NamedType* cond = node.kind == Kind::InlineFragment
                                       ? node.as<ast::InlineFragment>().typeCondition.get()
                                       : node.as<ast::FragmentDefinition>().typeCondition.get();
      const Type* outputType = cond ? schema_.typeFromAST(*cond) : namedOf(type());
      typeStack_.push_back(outputType && outputType->isOutputType() ? outputType : nullptr);
      break;
    }
    case Kind::VariableDefinition: {
      const auto& def = node.as<ast::VariableDefinition>();
      const Type* t = def.type ? schema_.typeFromAST(*def.type) : nullptr;
      inputTypeStack_.push_back(t && t->isInputType() ? t : nullptr);
      break;
    }
    case Kind::Argument: {
      // An unknown directive falls back to the field's arguments, as in graphql-js.
      const std::string_view name = node.as<ast::Argument>().name.value;
      const InputValueDef* argDef = nullptr;
      if (directive_) {
        argDef = directive_->findArg(name);
      } else if (const FieldDef* f = fieldDef()) {
        argDef = f->findArg(name);
      }
      const Type* argType = argDef ? argDef->type : nullptr;
      argument_ = argDef;
      defaultValueStack_.push_back(hasDefault(argDef));
      inputTypeStack_.push_back(argType && argType->isInputType() ? argType : nullptr);
      break;
    }
    case Kind::ListValue: {
      const Type* in = inputType();
      const Type* listType = in ? &in->nullableType() : nullptr;
      const Type* itemType = listType && listType->isList() ? listType->as<ListType>().ofType : listType;
      defaultValueStack_.push_back(false);  // list positions never have a default
      inputTypeStack_.push_back(itemType && itemType->isInputType() ? itemType : nullptr);
      break;
    }
    case Kind::ObjectField: {
      const NamedTypeDef* objectType = namedOf(inputType());
      const InputValueDef* field = nullptr;
      if (objectType && objectType->kind == TypeKind::InputObject) {
        field = objectType->as<InputObjectType>().findField(node.as<ast::ObjectField>().name.value);
      }
      const Type* fieldType = field ? field->type : nullptr;
      defaultValueStack_.push_back(hasDefault(field));
      inputTypeStack_.push_back(fieldType && fieldType->isInputType() ? fieldType : nullptr);
      break;
    }
    default:
      break;
  }
}

void TypeInfo::leave(const ast::Node& node) {
  using ast::Kind;
  switch (node.kind) {
    case Kind::SelectionSet:
      parentTypeStack_.pop_back();
      break;
    case Kind::Field:
      fieldDefStack_.pop_back();
      typeStack_.pop_back();
      break;
    case Kind::Directive:
      directive_ = nullptr;
      break;
    case Kind::OperationDefinition:
    case Kind::InlineFragment:
    case Kind::FragmentDefinition:
      typeStack_.pop_back();
      break;
    case Kind::VariableDefinition:
      inputTypeStack_.pop_back();
      break;
    case Kind::Argument:
      argument_ = nullptr;
      defaultValueStack_.pop_back();
      inputTypeStack_.pop_back();
      break;
    case Kind::ListValue:
    case Kind::ObjectField:
      defaultValueStack_.pop_back();
      inputTypeStack_.pop_back();
      break;
    default:
      break;
  }
}

}  // namespace kubos::graphql::detail
