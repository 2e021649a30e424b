#include "service/blocking.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace kubos::service {

namespace graphql = kubos::graphql;
namespace ast = kubos::graphql::ast;

namespace {

// The marks are the callable's type: they travel with the resolver into the
// schema, and reading one is a type comparison.
struct NonBlockingResolver {
  graphql::Resolver fn;
  graphql::Value operator()(const graphql::Value& parent, const graphql::Value& args,
                            const graphql::ResolveInfo& info) const {
    return fn(parent, args, info);
  }
};
struct BlockingResolver {
  graphql::Resolver fn;
  graphql::Value operator()(const graphql::Value& parent, const graphql::Value& args,
                            const graphql::ResolveInfo& info) const {
    return fn(parent, args, info);
  }
};

class Walk {
 public:
  Walk(const graphql::Schema& schema, const ast::Document& doc) : schema_(schema) {
    for (const auto& def : doc.definitions)
      if (def->kind == ast::Kind::FragmentDefinition) {
        const auto& f = def->as<ast::FragmentDefinition>();
        fragments_.emplace(f.name.value, &f);
      }
  }

  bool mayBlock(const ast::SelectionSet& set, const graphql::NamedTypeDef* parent) {
    for (const auto& sel : set.selections) {
      switch (sel->kind) {
        case ast::Kind::Field:
          if (fieldMayBlock(sel->as<ast::Field>(), parent)) return true;
          break;
        case ast::Kind::InlineFragment: {
          const auto& frag = sel->as<ast::InlineFragment>();
          const graphql::NamedTypeDef* type =
              frag.typeCondition ? schema_.getType(frag.typeCondition->name.value) : parent;
          if (frag.selectionSet && mayBlock(*frag.selectionSet, type)) return true;
          break;
        }
        case ast::Kind::FragmentSpread: {
          const auto name = sel->as<ast::FragmentSpread>().name.value;
          // A fragment's type is fixed by its condition: once walked without
          // finding a blocking field, it never has one.
          if (!visited_.insert(name).second) break;
          auto it = fragments_.find(name);
          if (it == fragments_.end() || !it->second->selectionSet || !it->second->typeCondition) break;
          if (mayBlock(*it->second->selectionSet, schema_.getType(it->second->typeCondition->name.value)))
            return true;
          break;
        }
        default: break;
      }
    }
    return false;
  }

 private:
  bool fieldMayBlock(const ast::Field& field, const graphql::NamedTypeDef* parent) {
    const std::string_view name = field.name.value;
    // Introspection reads the schema only.
    if (name == "__typename" || name == "__schema" || name == "__type") return false;
    if (parent == nullptr) return true;  // validated documents do not get here
    if (parent->kind == graphql::TypeKind::Object)
      return objectFieldMayBlock(field, parent->as<graphql::ObjectType>());
    if (parent->isAbstract()) {
      for (const graphql::ObjectType* t : schema_.possibleTypes(*parent))
        if (objectFieldMayBlock(field, *t)) return true;
      return false;
    }
    return true;
  }

  bool objectFieldMayBlock(const ast::Field& node, const graphql::ObjectType& type) {
    const graphql::FieldDef* def = type.findField(node.name.value);
    if (def == nullptr) return false;  // not a field of this possible type
    if (kubos::service::fieldMayBlock(*def)) return true;
    return node.selectionSet && mayBlock(*node.selectionSet, &def->type->namedType());
  }

  const graphql::Schema& schema_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::unordered_set<std::string_view> visited_;
};

}  // namespace

graphql::Resolver nonBlocking(graphql::Resolver resolver) { return NonBlockingResolver{std::move(resolver)}; }

graphql::Resolver blocking(graphql::Resolver resolver) { return BlockingResolver{std::move(resolver)}; }

bool fieldMayBlock(const graphql::FieldDef& field) {
  if (!field.resolver) return false;  // reads the parent's value
  return field.resolver.target<NonBlockingResolver>() == nullptr;
}

bool operationMayBlock(const graphql::Schema& schema, const ast::Document& document,
                       const ast::OperationDefinition& operation) {
  const graphql::ObjectType* root = schema.rootType(operation.operation);
  if (root == nullptr || !operation.selectionSet) return false;  // execution answers the error
  return Walk(schema, document).mayBlock(*operation.selectionSet, root);
}

}  // namespace kubos::service
