// Schema::fromSDL: graphql-js buildASTSchema (extendSchemaImpl on an empty
// schema, then the GraphQLSchema constructor's type collection), followed
// by graphql-js validateSchema.
#include <unordered_set>

#include "graphql/execution.h"
#include "graphql/parser.h"
#include "inspect.h"
#include "schema_impl.h"

namespace kubos::graphql {

namespace {

using ast::Kind;

constexpr std::string_view kDefaultDeprecationReason = "No longer supported";

// What the builder throws when graphql-js's buildASTSchema would throw
// (only reachable for SDL that skipped validation, or bad directive args).
struct BuildError {
  GraphQLError error;
};

// Inserts or replaces by name, keeping the first position: the semantics of
// assigning keys of a JavaScript object (graphql-js builds field maps so).
template <class T> void upsertByName(std::vector<T>& list, T item) {
  for (auto& existing : list) {
    if (existing.name == item.name) {
      existing = std::move(item);
      return;
    }
  }
  list.push_back(std::move(item));
}

const ast::Directive* findDirective(const ast::PtrList<ast::Directive>& directives, std::string_view name) {
  for (const auto& d : directives)
    if (d->name.value == name) return d.get();
  return nullptr;
}

// The last argument with that name (graphql-js keyMap keeps the last).
const ast::Argument* findArgument(const ast::Directive& d, std::string_view name) {
  const ast::Argument* found = nullptr;
  for (const auto& a : d.arguments)
    if (a->name.value == name) found = a.get();
  return found;
}

// graphql-js getDirectiveValues for a directive with one String argument
// (reason: String = default, or url: String!). Returns the argument's value;
// nullopt for an explicit null; throws BuildError where getArgumentValues
// throws.
std::optional<std::string> stringDirectiveArgument(const ast::Directive& d, std::string_view argName,
                                                   std::optional<std::string_view> defaultValue) {
  const ast::Argument* arg = findArgument(d, argName);
  if (!arg || !arg->value || arg->value->kind == Kind::Variable) {
    // No variables exist in SDL, so a variable counts as not provided.
    if (defaultValue) return std::string(*defaultValue);
    throw BuildError{GraphQLError("Argument \"" + std::string(argName) +
                                      "\" of required type \"String!\" was not provided.",
                                  arg && arg->value ? static_cast<const ast::Node&>(*arg->value)
                                                    : static_cast<const ast::Node&>(d))};
  }
  const ast::ValueNode& v = *arg->value;
  if (v.kind == Kind::NullValue) {
    if (!defaultValue)
      throw BuildError{GraphQLError("Argument \"" + std::string(argName) +
                                        "\" of non-null type \"String!\" must not be null.",
                                    v)};
    return std::nullopt;
  }
  if (v.kind != Kind::StringValue)
    throw BuildError{
        GraphQLError("Argument \"" + std::string(argName) + "\" has invalid value " + printValueNode(v) + ".", v)};
  return v.as<ast::StringValue>().value;
}

std::optional<std::string> deprecationReason(const ast::PtrList<ast::Directive>& directives) {
  const ast::Directive* d = findDirective(directives, "deprecated");
  if (!d) return std::nullopt;
  return stringDirectiveArgument(*d, "reason", kDefaultDeprecationReason);
}

std::optional<std::string> descriptionOf(const ast::Ptr<ast::StringValue>& description) {
  if (!description) return std::nullopt;
  return description->value;
}

// Children of a named type in graphql-js collectReferencedTypes order: union
// members; interfaces, then each field's type and argument types; input
// field types. Uses the lists as written (wrong kinds included).
void referencedTypes(const Schema::Impl& impl, const NamedTypeDef& t, std::vector<const Type*>& out) {
  switch (t.kind) {
    case TypeKind::Union:
      for (const NamedTypeDef* m : impl.unionMembers(t.as<UnionType>())) out.push_back(m);
      break;
    case TypeKind::Object:
    case TypeKind::Interface: {
      const auto& ft = t.as<FieldsType>();
      for (const NamedTypeDef* i : impl.interfacesOf(ft)) out.push_back(i);
      for (const auto& f : ft.fields) {
        out.push_back(f.type);
        for (const auto& a : f.args) out.push_back(a.type);
      }
      break;
    }
    case TypeKind::InputObject:
      for (const auto& f : t.as<InputObjectType>().fields) out.push_back(f.type);
      break;
    default: break;
  }
}

class Builder {
 public:
  explicit Builder(Schema& schema) : schema_(schema), impl_(schema.impl()) {}

  // Builds the built-in scalars and the introspection types.
  void buildStandardTypes() {
    for (std::string_view name : {"String", "Int", "Float", "Boolean", "ID"}) {
      auto t = detail::makeBuiltinScalar(name);
      ScalarType* raw = t.get();
      stdTypes_[raw->name] = raw;
      impl_.ownedTypes.push_back(std::move(t));
      if (name == "String") impl_.stringType = raw;
      else if (name == "Int") impl_.intType = raw;
      else if (name == "Float") impl_.floatType = raw;
      else if (name == "Boolean") impl_.booleanType = raw;
      else impl_.idType = raw;
    }
    impl_.introspectionDocument = detail::introspectionDocument();
    if (!impl_.introspectionDocument) throw BuildError{GraphQLError("Introspection types failed to build.")};
    DocumentTypes intro = buildDocumentTypes(*impl_.introspectionDocument);
    for (NamedTypeDef* t : intro.types) {
      stdTypes_[t->name] = t;
      clearAstNodes(*t);  // graphql-js's introspection types have no AST
    }
    docTypes_.clear();
  }

  void buildDocument(const ast::Document& doc) {
    DocumentTypes built = buildDocumentTypes(doc);

    // Root operation types: schema definition then extensions; without a
    // schema definition, the types named Query / Mutation / Subscription.
    for (const ast::Definition* def : built.schemaNodes) {
      const auto& opTypes = def->kind == Kind::SchemaDefinition ? def->as<ast::SchemaDefinition>().operationTypes
                                                                : def->as<ast::SchemaExtension>().operationTypes;
      for (const auto& op : opTypes) {
        const NamedTypeDef* t = namedType(op->type->name);
        switch (op->operation) {
          case ast::OperationType::Query: impl_.queryRoot = t; break;
          case ast::OperationType::Mutation: impl_.mutationRoot = t; break;
          case ast::OperationType::Subscription: impl_.subscriptionRoot = t; break;
        }
      }
    }
    if (!impl_.schemaAstNode) {
      for (const NamedTypeDef* t : built.types) {
        if (t->name == "Query") impl_.queryRoot = t;
        else if (t->name == "Mutation") impl_.mutationRoot = t;
        else if (t->name == "Subscription") impl_.subscriptionRoot = t;
      }
    }

    // Directives: the document's, then the specified ones not redefined.
    std::vector<const DirectiveDef*> directives;
    for (const ast::DirectiveDefinition* node : built.directiveNodes) directives.push_back(buildDirective(*node));
    for (auto& d : specifiedDirectives()) {
      bool redefined = false;
      for (const DirectiveDef* existing : directives) redefined = redefined || existing->name == d->name;
      if (redefined) continue;
      directives.push_back(d.get());
      impl_.ownedDirectives.push_back(std::move(d));
    }

    std::vector<const NamedTypeDef*> types = collectTypeMap(built.types, directives);
    for (const DirectiveDef* d : directives) impl_.directiveMap.emplace(d->name, d);
    computeImplementations(types);
    impl_.publish(schema_, std::move(types), std::move(directives), std::move(description_));
    computeDefaults();
  }

 private:
  struct DocumentTypes {
    std::vector<NamedTypeDef*> types;  // graphql-js config.types order
    std::vector<const ast::DirectiveDefinition*> directiveNodes;
    std::vector<const ast::Definition*> schemaNodes;  // definition(s) then extensions
  };

  // extendSchemaImpl: creates the document's types (standard names map to
  // the standard types), applies extensions, fills fields lazily as
  // graphql-js's thunks do (after every type exists).
  DocumentTypes buildDocumentTypes(const ast::Document& doc) {
    DocumentTypes result;
    std::vector<const ast::TypeDefinitionOrExtension*> typeDefs;
    std::unordered_map<std::string_view, std::vector<const ast::TypeDefinitionOrExtension*>> extensions;
    const ast::SchemaDefinition* schemaDef = nullptr;
    std::vector<const ast::SchemaExtension*> schemaExtensions;
    for (const auto& defPtr : doc.definitions) {
      const ast::Definition* def = defPtr.get();
      if (def->kind == Kind::SchemaDefinition) {
        schemaDef = &def->as<ast::SchemaDefinition>();
      } else if (def->kind == Kind::SchemaExtension) {
        schemaExtensions.push_back(&def->as<ast::SchemaExtension>());
      } else if (ast::isTypeDefinition(def->kind)) {
        typeDefs.push_back(&def->as<ast::TypeDefinitionOrExtension>());
      } else if (ast::isTypeExtension(def->kind)) {
        const auto& ext = def->as<ast::TypeDefinitionOrExtension>();
        extensions[ext.name.value].push_back(&ext);
      } else if (def->kind == Kind::DirectiveDefinition) {
        result.directiveNodes.push_back(&def->as<ast::DirectiveDefinition>());
      }
    }
    if (schemaDef) {
      impl_.schemaAstNode = schemaDef;
      description_ = descriptionOf(schemaDef->description);
      result.schemaNodes.push_back(schemaDef);
    }
    for (const auto* ext : schemaExtensions) {
      impl_.schemaExtensionAstNodes.push_back(ext);
      result.schemaNodes.push_back(ext);
    }

    // Shells first, so that fields may reference any type.
    std::vector<std::pair<NamedTypeDef*, std::vector<const ast::TypeDefinitionOrExtension*>>> toFill;
    for (const auto* node : typeDefs) {
      const std::string_view name = node->name.value;
      NamedTypeDef* t;
      if (auto it = stdTypes_.find(name); it != stdTypes_.end()) {
        t = it->second;
      } else {
        auto owned = makeShell(*node);
        t = owned.get();
        impl_.ownedTypes.push_back(std::move(owned));
        std::vector<const ast::TypeDefinitionOrExtension*> all{node};
        if (auto e = extensions.find(name); e != extensions.end()) {
          t->extensionAstNodes = e->second;
          all.insert(all.end(), e->second.begin(), e->second.end());
        }
        toFill.emplace_back(t, std::move(all));
      }
      // A later definition with the same name replaces the earlier one in place.
      auto [it, inserted] = docTypes_.emplace(name, t);
      if (inserted) {
        result.types.push_back(t);
      } else {
        for (auto& slot : result.types)
          if (slot == it->second) slot = t;
        it->second = t;
      }
    }
    for (auto& [t, nodes] : toFill) fill(*t, nodes);
    return result;
  }

  static std::unique_ptr<NamedTypeDef> makeShell(const ast::TypeDefinitionOrExtension& node) {
    std::unique_ptr<NamedTypeDef> t;
    switch (node.kind) {
      case Kind::ScalarTypeDefinition: {
        auto s = std::make_unique<ScalarType>();
        detail::setCustomScalarDefaults(*s);
        t = std::move(s);
        break;
      }
      case Kind::ObjectTypeDefinition: t = std::make_unique<ObjectType>(); break;
      case Kind::InterfaceTypeDefinition: t = std::make_unique<InterfaceType>(); break;
      case Kind::UnionTypeDefinition: t = std::make_unique<UnionType>(); break;
      case Kind::EnumTypeDefinition: t = std::make_unique<EnumType>(); break;
      default: t = std::make_unique<InputObjectType>(); break;
    }
    t->name = std::string(node.name.value);
    t->description = descriptionOf(node.description);
    t->astNode = &node;
    return t;
  }

  void fill(NamedTypeDef& t, const std::vector<const ast::TypeDefinitionOrExtension*>& nodes) {
    switch (t.kind) {
      case TypeKind::Scalar: {
        auto& s = t.as<ScalarType>();
        // Only the definition's @specifiedBy counts: graphql-js's buildType
        // ignores it on extensions in the same document (extendSchema would
        // apply it when extending an already built schema, which we never do).
        if (const ast::Directive* d = findDirective(nodes.front()->directives, "specifiedBy")) {
          if (auto url = stringDirectiveArgument(*d, "url", std::nullopt)) s.specifiedByURL = std::move(url);
        }
        break;
      }
      case TypeKind::Object:
      case TypeKind::Interface: {
        auto& ft = t.as<FieldsType>();
        auto& rawIfaces = impl_.rawInterfaces[&ft];
        for (const auto* node : nodes)
          for (const auto& i : node->interfaces) rawIfaces.push_back(namedType(i->name));
        for (const NamedTypeDef* i : rawIfaces)
          if (i->kind == TypeKind::Interface) ft.interfaces.push_back(&i->as<InterfaceType>());
        for (const auto* node : nodes)
          for (const auto& f : node->fields) upsertByName(ft.fields, buildField(*f));
        for (std::size_t i = 0; i < ft.fields.size(); ++i) ft.fieldIndex.emplace(ft.fields[i].name, i);
        break;
      }
      case TypeKind::Union: {
        auto& u = t.as<UnionType>();
        auto& raw = impl_.rawUnionMembers[&u];
        for (const auto* node : nodes)
          for (const auto& m : node->types) raw.push_back(namedType(m->name));
        for (const NamedTypeDef* m : raw)
          if (m->kind == TypeKind::Object) u.types.push_back(&m->as<ObjectType>());
        break;
      }
      case TypeKind::Enum: {
        auto& e = t.as<EnumType>();
        for (const auto* node : nodes) {
          for (const auto& v : node->values) {
            EnumValueDef def;
            def.name = std::string(v->name.value);
            def.description = descriptionOf(v->description);
            def.deprecationReason = deprecationReason(v->directives);
            def.astNode = v.get();
            upsertByName(e.values, std::move(def));
          }
        }
        break;
      }
      case TypeKind::InputObject: {
        auto& io = t.as<InputObjectType>();
        for (const auto* node : nodes)
          for (const auto& f : node->inputFields) upsertByName(io.fields, buildInputValue(*f));
        // graphql-js reads @oneOf from the definition only.
        io.isOneOf = findDirective(nodes.front()->directives, "oneOf") != nullptr;
        break;
      }
      default: break;
    }
  }

  FieldDef buildField(const ast::FieldDefinition& node) {
    FieldDef f;
    f.name = std::string(node.name.value);
    f.description = descriptionOf(node.description);
    f.type = wrappedType(*node.type);
    for (const auto& a : node.arguments) upsertByName(f.args, buildInputValue(*a));
    f.deprecationReason = deprecationReason(node.directives);
    f.astNode = &node;
    return f;
  }

  InputValueDef buildInputValue(const ast::InputValueDefinition& node) {
    InputValueDef v;
    v.name = std::string(node.name.value);
    v.description = descriptionOf(node.description);
    v.type = wrappedType(*node.type);
    v.defaultLiteral = node.defaultValue.get();  // coerced once the schema is complete
    v.deprecationReason = deprecationReason(node.directives);
    v.astNode = &node;
    return v;
  }

  const DirectiveDef* buildDirective(const ast::DirectiveDefinition& node) {
    auto d = std::make_unique<DirectiveDef>();
    d->name = std::string(node.name.value);
    d->description = descriptionOf(node.description);
    for (const auto& loc : node.locations)
      if (auto l = directiveLocationFromName(loc.value)) d->locations.push_back(*l);
    d->repeatable = node.repeatable;
    for (const auto& a : node.arguments) upsertByName(d->args, buildInputValue(*a));
    d->astNode = &node;
    const DirectiveDef* raw = d.get();
    impl_.ownedDirectives.push_back(std::move(d));
    return raw;
  }

  // graphql-js specifiedDirectives, in order.
  std::vector<std::unique_ptr<DirectiveDef>> specifiedDirectives() {
    using L = DirectiveLocation;
    std::vector<std::unique_ptr<DirectiveDef>> list;
    auto add = [&](std::string name, std::string description, std::vector<L> locations) -> DirectiveDef& {
      auto d = std::make_unique<DirectiveDef>();
      d->name = std::move(name);
      d->description = std::move(description);
      d->locations = std::move(locations);
      list.push_back(std::move(d));
      return *list.back();
    };
    auto arg = [](std::string name, const Type* type, std::string description) {
      InputValueDef a;
      a.name = std::move(name);
      a.type = type;
      a.description = std::move(description);
      return a;
    };
    const Type* nonNullBoolean = schema_.nonNullOf(impl_.booleanType);
    const Type* nonNullString = schema_.nonNullOf(impl_.stringType);
    add("include", "Directs the executor to include this field or fragment only when the `if` argument is true.",
        {L::FIELD, L::FRAGMENT_SPREAD, L::INLINE_FRAGMENT})
        .args.push_back(arg("if", nonNullBoolean, "Included when true."));
    add("skip", "Directs the executor to skip this field or fragment when the `if` argument is true.",
        {L::FIELD, L::FRAGMENT_SPREAD, L::INLINE_FRAGMENT})
        .args.push_back(arg("if", nonNullBoolean, "Skipped when true."));
    auto& deprecated = add("deprecated", "Marks an element of a GraphQL schema as no longer supported.",
                           {L::FIELD_DEFINITION, L::ARGUMENT_DEFINITION, L::INPUT_FIELD_DEFINITION, L::ENUM_VALUE,
                            L::DIRECTIVE_DEFINITION});
    deprecated.args.push_back(arg("reason", impl_.stringType,
                                  "Explains why this element was deprecated, usually also including a suggestion "
                                  "for how to access supported similar data. Formatted using the Markdown syntax, "
                                  "as specified by [CommonMark](https://commonmark.org/)."));
    deprecated.args.back().defaultValue = Value(kDefaultDeprecationReason);
    add("specifiedBy", "Exposes a URL that specifies the behavior of this scalar.", {L::SCALAR})
        .args.push_back(arg("url", nonNullString, "The URL that specifies the behavior of this scalar."));
    add("oneOf", "Indicates exactly one field must be supplied and this field must not be `null`.",
        {L::INPUT_OBJECT});
    return list;
  }

  const NamedTypeDef* namedType(const ast::Name& name) {
    if (auto it = stdTypes_.find(name.value); it != stdTypes_.end()) return it->second;
    if (auto it = docTypes_.find(name.value); it != docTypes_.end()) return it->second;
    throw BuildError{GraphQLError("Unknown type: \"" + std::string(name.value) + "\".", name)};
  }

  const Type* wrappedType(const ast::TypeNode& node) {
    if (node.kind == Kind::ListType) return schema_.listOf(wrappedType(*node.as<ast::ListType>().type));
    if (node.kind == Kind::NonNullType) return schema_.nonNullOf(wrappedType(*node.as<ast::NonNullType>().type));
    return namedType(node.as<ast::NamedType>().name);
  }

  static void clearAstNodes(NamedTypeDef& t) {
    t.astNode = nullptr;
    if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface) {
      for (auto& f : t.as<FieldsType>().fields) {
        f.astNode = nullptr;
        for (auto& a : f.args) a.astNode = nullptr;
      }
    } else if (t.kind == TypeKind::Enum) {
      for (auto& v : t.as<EnumType>().values) v.astNode = nullptr;
    }
  }

  // The GraphQLSchema constructor's type map: each config type moves to the
  // end of an insertion-ordered set, followed by the types it references
  // that are not yet in the set; then root types, directive argument types
  // and the introspection types.
  std::vector<const NamedTypeDef*> collectTypeMap(const std::vector<NamedTypeDef*>& configTypes,
                                                  const std::vector<const DirectiveDef*>& dirs) {
    std::vector<const NamedTypeDef*> order;
    std::unordered_map<const NamedTypeDef*, std::size_t> position;
    auto add = [&](const NamedTypeDef* t) {
      position[t] = order.size();
      order.push_back(t);
    };
    for (const NamedTypeDef* t : configTypes)
      if (!position.count(t)) add(t);

    struct Frame {
      std::vector<const Type*> children;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    auto collect = [&](const Type* start) {
      const NamedTypeDef* root = &start->namedType();
      if (position.count(root)) return;
      add(root);
      stack.emplace_back();
      referencedTypes(impl_, *root, stack.back().children);
      while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next == top.children.size()) {
          stack.pop_back();
          continue;
        }
        const NamedTypeDef* child = &top.children[top.next++]->namedType();
        if (position.count(child)) continue;
        add(child);
        Frame frame;
        referencedTypes(impl_, *child, frame.children);
        stack.push_back(std::move(frame));  // `top` is not used after this
      }
    };
    for (const NamedTypeDef* t : configTypes) {
      auto it = position.find(t);
      if (it != position.end()) {
        order[it->second] = nullptr;  // delete, then re-add at the end
        position.erase(it);
      }
      collect(t);
    }
    for (const NamedTypeDef* root : {impl_.queryRoot, impl_.mutationRoot, impl_.subscriptionRoot})
      if (root) collect(root);
    for (const DirectiveDef* d : dirs)
      for (const auto& a : d->args) collect(a.type);
    collect(stdTypes_.at("__Schema"));

    std::vector<const NamedTypeDef*> types;
    for (const NamedTypeDef* t : order) {
      if (!t) continue;
      types.push_back(t);
      impl_.typeMap.emplace(t->name, const_cast<NamedTypeDef*>(t));
    }
    return types;
  }

  void computeImplementations(const std::vector<const NamedTypeDef*>& types) {
    for (const NamedTypeDef* t : types) {
      if (t->kind == TypeKind::Interface) {
        for (const InterfaceType* i : t->as<InterfaceType>().interfaces)
          impl_.implementingInterfaces[i].push_back(&t->as<InterfaceType>());
      } else if (t->kind == TypeKind::Object) {
        for (const InterfaceType* i : t->as<ObjectType>().interfaces)
          impl_.possibleTypes[i].push_back(&t->as<ObjectType>());
      } else if (t->kind == TypeKind::Union) {
        impl_.possibleTypes[t] = t->as<UnionType>().types;
      }
    }
  }

  // graphql-js valueFromAST(defaultValue, type) for every argument and input
  // field; an invalid default stays undefined (nullopt), as in graphql-js.
  // A default of input object type includes the defaults of its fields, so
  // input objects are done first, each after the input objects its fields
  // use (graphql-js gets this order from its lazy field thunks).
  void computeDefaults() {
    auto coerce = [&](std::vector<InputValueDef>& values) {
      for (auto& v : values)
        if (v.defaultLiteral) v.defaultValue = valueFromAST(schema_, v.defaultLiteral, *v.type, nullptr);
    };
    for (InputObjectType* t : inputObjectsInDependencyOrder()) coerce(t->fields);
    for (auto& t : impl_.ownedTypes) {
      if (t->kind == TypeKind::Object || t->kind == TypeKind::Interface)
        for (auto& f : t->as<FieldsType>().fields) coerce(f.args);
    }
    for (auto& d : impl_.ownedDirectives) coerce(d->args);
  }

  // Post-order of the input object graph (iterative; cycles are cut).
  std::vector<InputObjectType*> inputObjectsInDependencyOrder() {
    std::vector<InputObjectType*> order;
    std::unordered_set<const NamedTypeDef*> seen;
    struct Frame {
      InputObjectType* type;
      std::size_t next = 0;
    };
    for (auto& owned : impl_.ownedTypes) {
      if (owned->kind != TypeKind::InputObject || !seen.insert(owned.get()).second) continue;
      std::vector<Frame> stack{{&owned->as<InputObjectType>()}};
      while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next == top.type->fields.size()) {
          order.push_back(top.type);
          stack.pop_back();
          continue;
        }
        const NamedTypeDef& fieldType = top.type->fields[top.next++].type->namedType();
        if (fieldType.kind == TypeKind::InputObject && seen.insert(&fieldType).second)
          stack.push_back({&const_cast<NamedTypeDef&>(fieldType).as<InputObjectType>()});
      }
    }
    return order;
  }

  Schema& schema_;
  Schema::Impl& impl_;
  std::unordered_map<std::string_view, NamedTypeDef*> stdTypes_;
  std::unordered_map<std::string_view, NamedTypeDef*> docTypes_;
  std::optional<std::string> description_;
};

}  // namespace

std::shared_ptr<Schema> Schema::fromSDL(std::string sdl, std::vector<GraphQLError>* errors,
                                        const SchemaBuildOptions& options) {
  auto fail = [&](std::vector<GraphQLError> errs) -> std::shared_ptr<Schema> {
    if (errors) *errors = std::move(errs);
    return nullptr;
  };
  ParseResult parsed = parse(std::move(sdl));
  if (!parsed.document) {
    return fail({parsed.error ? *parsed.error : GraphQLError("Syntax Error: could not parse the schema.")});
  }
  if (!options.assumeValid) {
    auto sdlErrors = detail::validateSDL(*parsed.document);
    if (!sdlErrors.empty()) return fail(std::move(sdlErrors));
  }
  auto schema = std::make_shared<Schema>();
  schema->impl_->document = std::move(parsed.document);
  try {
    Builder builder(*schema);
    builder.buildStandardTypes();
    builder.buildDocument(*schema->impl_->document);
  } catch (const BuildError& e) {
    return fail({e.error});
  }
  detail::bindIntrospection(*schema);
  auto schemaErrors = detail::validateSchema(*schema);
  if (!schemaErrors.empty()) return fail(std::move(schemaErrors));
  return schema;
}

}  // namespace kubos::graphql
