// SDL validation (graphql-js specifiedSDLRules, run as one traversal in rule
// order, as visitInParallel does) and schema validation (graphql-js
// validateSchema), with graphql-js's messages and locations.
#include <algorithm>
#include <map>
#include <unordered_set>

#include "graphql/parser.h"
#include "inspect.h"
#include "schema_impl.h"
#include "suggest.h"

namespace kubos::graphql::detail {

namespace {

using ast::Kind;

void addLocation(std::vector<SourceLocation>& locs, const ast::Node* node) {
  if (node) locs.push_back({node->loc.line, node->loc.column});
}

GraphQLError makeError(std::string message, std::initializer_list<const ast::Node*> nodes) {
  std::vector<SourceLocation> locs;
  for (const ast::Node* n : nodes) addLocation(locs, n);
  return GraphQLError(std::move(message), std::move(locs));
}

GraphQLError makeError(std::string message, const std::vector<const ast::Node*>& nodes) {
  std::vector<SourceLocation> locs;
  for (const ast::Node* n : nodes) addLocation(locs, n);
  return GraphQLError(std::move(message), std::move(locs));
}

bool isTypeSystemNode(Kind k) {
  return k == Kind::SchemaDefinition || k == Kind::SchemaExtension || k == Kind::DirectiveDefinition ||
         ast::isTypeDefinition(k) || ast::isTypeExtension(k);
}

const ast::Directive* deprecatedDirectiveNode(const ast::PtrList<ast::Directive>* directives) {
  if (!directives) return nullptr;
  for (const auto& d : *directives)
    if (d->name.value == "deprecated") return d.get();
  return nullptr;
}

// ============================================================================
// SDL validation
// ============================================================================

const std::vector<std::string>& standardTypeNames() {
  static const std::vector<std::string> names = {
      "String",      "Int",     "Float",        "Boolean",      "ID",          "__Schema",   "__Directive",
      "__DirectiveLocation",  "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
  };
  return names;
}

struct DirectiveInfo {
  std::vector<std::string_view> locations;
  std::vector<std::string_view> argNames;  // distinct, in definition order
  std::vector<std::pair<std::string_view, std::string>> requiredArgs;  // name, printed type
  bool unique = true;                                                // not repeatable
};

class SDLValidator {
 public:
  explicit SDLValidator(const ast::Document& doc) : doc_(doc) {
    // The specified directives (no schema: graphql-js uses specifiedDirectives).
    directives_["include"] = {{"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"}, {"if"}, {{"if", "Boolean!"}}, true};
    directives_["skip"] = {{"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"}, {"if"}, {{"if", "Boolean!"}}, true};
    directives_["deprecated"] = {
        {"FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE", "DIRECTIVE_DEFINITION"},
        {"reason"},
        {},
        true};
    directives_["specifiedBy"] = {{"SCALAR"}, {"url"}, {{"url", "String!"}}, true};
    directives_["oneOf"] = {{"INPUT_OBJECT"}, {}, {}, true};
    for (const auto& def : doc.definitions) {
      if (def->kind == Kind::DirectiveDefinition) {
        const auto& d = def->as<ast::DirectiveDefinition>();
        DirectiveInfo info;
        for (const auto& l : d.locations) info.locations.push_back(l.value);
        for (const auto& a : d.arguments) {
          if (std::find(info.argNames.begin(), info.argNames.end(), a->name.value) == info.argNames.end())
            info.argNames.push_back(a->name.value);
          if (a->type->kind == Kind::NonNullType && !a->defaultValue) {
            auto it = std::find_if(info.requiredArgs.begin(), info.requiredArgs.end(),
                                   [&](const auto& p) { return p.first == a->name.value; });
            if (it != info.requiredArgs.end()) it->second = printTypeNode(*a->type);
            else info.requiredArgs.emplace_back(a->name.value, printTypeNode(*a->type));
          }
        }
        info.unique = !d.repeatable;
        directives_[d.name.value] = std::move(info);
      } else if (ast::isTypeDefinition(def->kind)) {
        const auto& t = def->as<ast::TypeDefinitionOrExtension>();
        auto [it, inserted] = definedTypes_.emplace(t.name.value, &t);
        if (inserted) definedTypeOrder_.emplace_back(t.name.value);
        else it->second = &t;
      }
    }
  }

  std::vector<GraphQLError> run() {
    for (const auto& def : doc_.definitions) {
      currentDefinitionIsSDL_ = isTypeSystemNode(def->kind);
      visitDefinition(*def);
    }
    return std::move(errors_);
  }

 private:
  void report(GraphQLError e) { errors_.push_back(std::move(e)); }

  void visitDefinition(const ast::Definition& def) {
    switch (def.kind) {
      case Kind::SchemaDefinition: {
        const auto& s = def.as<ast::SchemaDefinition>();
        // LoneSchemaDefinition
        if (schemaDefinitionsCount_ > 0) report(makeError("Must provide only one schema definition.", {&s}));
        ++schemaDefinitionsCount_;
        checkOperationTypes(s.operationTypes);
        checkDirectivesUnique(s.directives, schemaDirectives_);
        visitDirectives(s.directives, "SCHEMA");
        for (const auto& op : s.operationTypes) visitType(*op->type);
        break;
      }
      case Kind::SchemaExtension: {
        const auto& s = def.as<ast::SchemaExtension>();
        checkOperationTypes(s.operationTypes);
        checkDirectivesUnique(s.directives, schemaDirectives_);
        visitDirectives(s.directives, "SCHEMA");
        for (const auto& op : s.operationTypes) visitType(*op->type);
        break;
      }
      case Kind::DirectiveDefinition: {
        const auto& d = def.as<ast::DirectiveDefinition>();
        checkArgUniqueness("@" + std::string(d.name.value), d.arguments);
        // UniqueDirectiveNames
        auto [it, inserted] = knownDirectiveNames_.emplace(d.name.value, &d.name);
        if (!inserted)
          report(makeError("There can be only one directive named \"@" + std::string(d.name.value) + "\".",
                           {it->second, &d.name}));
        for (const auto& a : d.arguments) visitInputValueDefinition(*a, false);
        break;
      }
      case Kind::OperationDefinition: {
        const auto& op = def.as<ast::OperationDefinition>();
        checkDirectivesUniqueLocal(op.directives);
        for (const auto& v : op.variableDefinitions) {
          checkDirectivesUniqueLocal(v->directives);
          visitType(*v->type);
          if (v->defaultValue) visitValue(*v->defaultValue);
          visitDirectives(v->directives, "VARIABLE_DEFINITION");
        }
        visitDirectives(op.directives, op.operation == ast::OperationType::Query      ? "QUERY"
                                       : op.operation == ast::OperationType::Mutation ? "MUTATION"
                                                                                      : "SUBSCRIPTION");
        if (op.selectionSet) visitSelectionSet(*op.selectionSet);
        break;
      }
      case Kind::FragmentDefinition: {
        const auto& f = def.as<ast::FragmentDefinition>();
        checkDirectivesUniqueLocal(f.directives);
        if (f.typeCondition) visitType(*f.typeCondition);
        visitDirectives(f.directives, "FRAGMENT_DEFINITION");
        if (f.selectionSet) visitSelectionSet(*f.selectionSet);
        break;
      }
      default:
        if (ast::isTypeDefinition(def.kind) || ast::isTypeExtension(def.kind))
          visitTypeDefinition(def.as<ast::TypeDefinitionOrExtension>());
        break;
    }
  }

  void visitTypeDefinition(const ast::TypeDefinitionOrExtension& t) {
    const Kind k = t.kind;
    const bool ext = t.isExtension();
    const bool isEnum = k == Kind::EnumTypeDefinition || k == Kind::EnumTypeExtension;
    const bool isObjectLike = k == Kind::ObjectTypeDefinition || k == Kind::ObjectTypeExtension ||
                              k == Kind::InterfaceTypeDefinition || k == Kind::InterfaceTypeExtension;
    const bool isInput = k == Kind::InputObjectTypeDefinition || k == Kind::InputObjectTypeExtension;
    const std::string typeName(t.name.value);

    if (!ext) {  // UniqueTypeNames
      auto [it, inserted] = knownTypeNames_.emplace(t.name.value, &t.name);
      if (!inserted)
        report(makeError("There can be only one type named \"" + typeName + "\".", {it->second, &t.name}));
    }
    if (isEnum) {  // UniqueEnumValueNames
      auto& known = knownValueNames_[t.name.value];
      for (const auto& v : t.values) {
        auto [it, inserted] = known.emplace(v->name.value, &v->name);
        if (!inserted)
          report(makeError("Enum value \"" + typeName + "." + std::string(v->name.value) + "\" can only be defined once.",
                           {it->second, &v->name}));
      }
    }
    if (isObjectLike || isInput) {  // UniqueFieldDefinitionNames
      auto& known = knownFieldNames_[t.name.value];
      auto check = [&](const ast::Name& name) {
        auto [it, inserted] = known.emplace(name.value, &name);
        if (!inserted)
          report(makeError("Field \"" + typeName + "." + std::string(name.value) + "\" can only be defined once.",
                           {it->second, &name}));
      };
      for (const auto& f : t.fields) check(f->name);
      for (const auto& f : t.inputFields) check(f->name);
    }
    if (isObjectLike) {  // UniqueArgumentDefinitionNames
      for (const auto& f : t.fields) checkArgUniqueness(typeName + "." + std::string(f->name.value), f->arguments);
    }
    // UniqueDirectivesPerLocation: a type shares one set with its extensions.
    checkDirectivesUnique(t.directives, typeDirectives_[t.name.value]);
    if (ext) checkPossibleExtension(t);

    // Children, in graphql-js's visitor key order.
    std::string_view location;
    switch (k) {
      case Kind::ScalarTypeDefinition: case Kind::ScalarTypeExtension: location = "SCALAR"; break;
      case Kind::ObjectTypeDefinition: case Kind::ObjectTypeExtension: location = "OBJECT"; break;
      case Kind::InterfaceTypeDefinition: case Kind::InterfaceTypeExtension: location = "INTERFACE"; break;
      case Kind::UnionTypeDefinition: case Kind::UnionTypeExtension: location = "UNION"; break;
      case Kind::EnumTypeDefinition: case Kind::EnumTypeExtension: location = "ENUM"; break;
      default: location = "INPUT_OBJECT"; break;
    }
    for (const auto& i : t.interfaces) visitType(*i);
    visitDirectives(t.directives, location);
    for (const auto& f : t.fields) {
      checkDirectivesUniqueLocal(f->directives);
      // graphql-js decides INPUT_FIELD_DEFINITION by the grandparent being an
      // input object *definition*, so input fields of extensions count as
      // ARGUMENT_DEFINITION: kept for identical messages.
      for (const auto& a : f->arguments) visitInputValueDefinition(*a, false);
      visitType(*f->type);
      visitDirectives(f->directives, "FIELD_DEFINITION");
    }
    for (const auto& m : t.types) visitType(*m);
    for (const auto& v : t.values) {
      checkDirectivesUniqueLocal(v->directives);
      visitDirectives(v->directives, "ENUM_VALUE");
    }
    for (const auto& f : t.inputFields) visitInputValueDefinition(*f, k == Kind::InputObjectTypeDefinition);
  }

  void visitInputValueDefinition(const ast::InputValueDefinition& v, bool inputField) {
    checkDirectivesUniqueLocal(v.directives);
    visitType(*v.type);
    if (v.defaultValue) visitValue(*v.defaultValue);
    visitDirectives(v.directives, inputField ? "INPUT_FIELD_DEFINITION" : "ARGUMENT_DEFINITION");
  }

  void visitSelectionSet(const ast::SelectionSet& set) {
    for (const auto& sel : set.selections) {
      checkDirectivesUniqueLocal(sel->directives);
      switch (sel->kind) {
        case Kind::Field: {
          const auto& f = sel->as<ast::Field>();
          checkArgumentNamesUnique(f.arguments);
          for (const auto& a : f.arguments)
            if (a->value) visitValue(*a->value);
          visitDirectives(f.directives, "FIELD");
          if (f.selectionSet) visitSelectionSet(*f.selectionSet);
          break;
        }
        case Kind::FragmentSpread:
          visitDirectives(sel->directives, "FRAGMENT_SPREAD");
          break;
        case Kind::InlineFragment: {
          const auto& f = sel->as<ast::InlineFragment>();
          if (f.typeCondition) visitType(*f.typeCondition);
          visitDirectives(f.directives, "INLINE_FRAGMENT");
          if (f.selectionSet) visitSelectionSet(*f.selectionSet);
          break;
        }
        default: break;
      }
    }
  }

  void visitType(const ast::TypeNode& type) {
    const ast::TypeNode* t = &type;
    while (t && t->kind != Kind::NamedType)
      t = t->kind == Kind::ListType ? t->as<ast::ListType>().type.get() : t->as<ast::NonNullType>().type.get();
    if (!t) return;
    // KnownTypeNames
    const ast::NamedType& named = t->as<ast::NamedType>();
    const std::string_view name = named.name.value;
    if (definedTypes_.count(name)) return;
    const auto& standard = standardTypeNames();
    if (currentDefinitionIsSDL_ && std::find(standard.begin(), standard.end(), name) != standard.end()) return;
    std::vector<std::string_view> options;
    if (currentDefinitionIsSDL_) options.assign(standard.begin(), standard.end());
    for (std::string_view n : definedTypeOrder_) options.push_back(n);
    report(makeError("Unknown type \"" + std::string(name) + "\"." + didYouMean(suggestionList(name, options)),
                     {&named}));
  }

  void visitDirectives(const ast::PtrList<ast::Directive>& directives, std::string_view location) {
    for (const auto& d : directives) {
      const std::string name(d->name.value);
      auto it = directives_.find(d->name.value);
      // KnownDirectives
      if (it == directives_.end()) {
        report(makeError("Unknown directive \"@" + name + "\".", {d.get()}));
      } else {
        const auto& locs = it->second.locations;
        if (std::find(locs.begin(), locs.end(), location) == locs.end())
          report(makeError("Directive \"@" + name + "\" may not be used on " + std::string(location) + ".", {d.get()}));
        // KnownArgumentNamesOnDirectives
        for (const auto& a : d->arguments) {
          const auto& known = it->second.argNames;
          if (std::find(known.begin(), known.end(), a->name.value) != known.end()) continue;
          std::vector<std::string_view> options(known.begin(), known.end());
          report(makeError("Unknown argument \"" + std::string(a->name.value) + "\" on directive \"@" + name + "\"." +
                               didYouMean(suggestionList(a->name.value, options)),
                           {a.get()}));
        }
      }
      checkArgumentNamesUnique(d->arguments);  // UniqueArgumentNames
      for (const auto& a : d->arguments)
        if (a->value) visitValue(*a->value);
      // ProvidedRequiredArgumentsOnDirectives (on leave)
      if (it != directives_.end()) {
        for (const auto& [argName, typeStr] : it->second.requiredArgs) {
          bool provided = false;
          for (const auto& a : d->arguments) provided = provided || a->name.value == argName;
          if (!provided)
            report(makeError("Directive \"@" + name + "\" argument \"" + std::string(argName) + "\" of type \"" +
                                 typeStr + "\" is required, but it was not provided.",
                             {d.get()}));
        }
      }
    }
  }

  // UniqueInputFieldNames over a value literal.
  void visitValue(const ast::ValueNode& v) {
    if (v.kind == Kind::ListValue) {
      for (const auto& item : v.as<ast::ListValue>().values) visitValue(*item);
    } else if (v.kind == Kind::ObjectValue) {
      std::map<std::string_view, const ast::Name*> known;
      for (const auto& f : v.as<ast::ObjectValue>().fields) {
        auto [it, inserted] = known.emplace(f->name.value, &f->name);
        if (!inserted)
          report(makeError("There can be only one input field named \"" + std::string(f->name.value) + "\".",
                           {it->second, &f->name}));
        if (f->value) visitValue(*f->value);
      }
    }
  }

  void checkOperationTypes(const ast::PtrList<ast::OperationTypeDefinition>& ops) {
    for (const auto& op : ops) {
      auto [it, inserted] = definedOperationTypes_.emplace(op->operation, op.get());
      if (!inserted)
        report(makeError("There can be only one " + std::string(ast::operationTypeName(op->operation)) +
                             " type in schema.",
                         {it->second, op.get()}));
    }
  }

  // Name nodes grouped by name, in order of first appearance (graphql-js groupBy).
  template <class NodePtrList>
  static std::vector<std::pair<std::string_view, std::vector<const ast::Node*>>> groupByName(const NodePtrList& nodes) {
    std::vector<std::pair<std::string_view, std::vector<const ast::Node*>>> groups;
    for (const auto& n : nodes) {
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == n->name.value; });
      if (it == groups.end()) groups.push_back({n->name.value, {&n->name}});
      else it->second.push_back(&n->name);
    }
    return groups;
  }

  // UniqueArgumentDefinitionNames: each repeated name once, with all its nodes.
  void checkArgUniqueness(const std::string& parentName, const ast::PtrList<ast::InputValueDefinition>& args) {
    for (const auto& [name, nodes] : groupByName(args))
      if (nodes.size() > 1)
        report(makeError("Argument \"" + parentName + "(" + std::string(name) + ":)\" can only be defined once.", nodes));
  }

  // UniqueArgumentNames on a field or directive.
  void checkArgumentNamesUnique(const ast::PtrList<ast::Argument>& args) {
    for (const auto& [name, nodes] : groupByName(args))
      if (nodes.size() > 1)
        report(makeError("There can be only one argument named \"" + std::string(name) + "\".", nodes));
  }

  using SeenDirectives = std::unordered_map<std::string_view, const ast::Directive*>;

  void checkDirectivesUnique(const ast::PtrList<ast::Directive>& directives, SeenDirectives& seen) {
    for (const auto& d : directives) {
      auto info = directives_.find(d->name.value);
      if (info == directives_.end() || !info->second.unique) continue;
      auto [it, inserted] = seen.emplace(d->name.value, d.get());
      if (!inserted)
        report(makeError("The directive \"@" + std::string(d->name.value) + "\" can only be used once at this location.",
                         {it->second, d.get()}));
    }
  }

  void checkDirectivesUniqueLocal(const ast::PtrList<ast::Directive>& directives) {
    SeenDirectives seen;
    checkDirectivesUnique(directives, seen);
  }

  void checkPossibleExtension(const ast::TypeDefinitionOrExtension& ext) {
    const std::string typeName(ext.name.value);
    auto def = definedTypes_.find(ext.name.value);
    if (def == definedTypes_.end()) {
      std::vector<std::string_view> options(definedTypeOrder_.begin(), definedTypeOrder_.end());
      report(makeError("Cannot extend type \"" + typeName + "\" because it is not defined." +
                           didYouMean(suggestionList(ext.name.value, options)),
                       {&ext.name}));
      return;
    }
    const int expected = typeKindIndex(def->second->kind);
    const int actual = typeKindIndex(ext.kind);
    if (expected == actual) return;
    static const char* const kindNames[] = {"scalar", "object", "interface", "union", "enum", "input object"};
    report(makeError("Cannot extend non-" + std::string(kindNames[actual]) + " type \"" + typeName + "\".",
                     {def->second, &ext}));
  }

  // 0..5 for scalar, object, interface, union, enum, input object (definition or extension).
  static int typeKindIndex(Kind k) {
    switch (k) {
      case Kind::ScalarTypeDefinition: case Kind::ScalarTypeExtension: return 0;
      case Kind::ObjectTypeDefinition: case Kind::ObjectTypeExtension: return 1;
      case Kind::InterfaceTypeDefinition: case Kind::InterfaceTypeExtension: return 2;
      case Kind::UnionTypeDefinition: case Kind::UnionTypeExtension: return 3;
      case Kind::EnumTypeDefinition: case Kind::EnumTypeExtension: return 4;
      default: return 5;
    }
  }

  const ast::Document& doc_;
  std::vector<GraphQLError> errors_;
  bool currentDefinitionIsSDL_ = false;
  std::unordered_map<std::string_view, DirectiveInfo> directives_;
  std::unordered_map<std::string_view, const ast::TypeDefinitionOrExtension*> definedTypes_;
  std::vector<std::string> definedTypeOrder_;

  int schemaDefinitionsCount_ = 0;
  std::map<ast::OperationType, const ast::OperationTypeDefinition*> definedOperationTypes_;
  std::unordered_map<std::string_view, const ast::Name*> knownTypeNames_;
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, const ast::Name*>> knownValueNames_;
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, const ast::Name*>> knownFieldNames_;
  std::unordered_map<std::string_view, const ast::Name*> knownDirectiveNames_;
  SeenDirectives schemaDirectives_;
  std::unordered_map<std::string_view, SeenDirectives> typeDirectives_;
};

// ============================================================================
// Schema validation
// ============================================================================

class SchemaValidator {
 public:
  explicit SchemaValidator(const Schema& schema) : schema_(schema), impl_(schema.impl()) {}

  std::vector<GraphQLError> run() {
    validateRootTypes();
    validateDirectives();
    validateTypes();
    return std::move(errors_);
  }

 private:
  void report(std::string message, const std::vector<const ast::Node*>& nodes) {
    errors_.push_back(makeError(std::move(message), nodes));
  }

  static std::vector<const ast::Node*> typeNodes(const NamedTypeDef& t) {
    std::vector<const ast::Node*> nodes{t.astNode};
    nodes.insert(nodes.end(), t.extensionAstNodes.begin(), t.extensionAstNodes.end());
    return nodes;
  }

  const ast::Node* operationTypeNode(ast::OperationType op) const {
    auto find = [&](const ast::PtrList<ast::OperationTypeDefinition>& ops) -> const ast::Node* {
      for (const auto& o : ops)
        if (o->operation == op) return o->type.get();
      return nullptr;
    };
    if (impl_.schemaAstNode)
      if (const ast::Node* n = find(impl_.schemaAstNode->operationTypes)) return n;
    for (const auto* ext : impl_.schemaExtensionAstNodes)
      if (const ast::Node* n = find(ext->operationTypes)) return n;
    return nullptr;
  }

  void validateRootTypes() {
    const NamedTypeDef* query = impl_.queryRoot;
    if (!query) {
      report("Query root type must be provided.", {impl_.schemaAstNode});
    } else if (query->kind != TypeKind::Object) {
      const ast::Node* n = operationTypeNode(ast::OperationType::Query);
      report("Query root type must be Object type, it cannot be " + query->name + ".", {n ? n : query->astNode});
    }
    if (const NamedTypeDef* m = impl_.mutationRoot; m && m->kind != TypeKind::Object) {
      const ast::Node* n = operationTypeNode(ast::OperationType::Mutation);
      report("Mutation root type must be Object type if provided, it cannot be " + m->name + ".", {n ? n : m->astNode});
    }
    if (const NamedTypeDef* s = impl_.subscriptionRoot; s && s->kind != TypeKind::Object) {
      const ast::Node* n = operationTypeNode(ast::OperationType::Subscription);
      report("Subscription root type must be Object type if provided, it cannot be " + s->name + ".",
             {n ? n : s->astNode});
    }
  }

  void validateName(const std::string& name, const ast::Node* node) {
    if (name.size() >= 2 && name[0] == '_' && name[1] == '_')
      report("Name \"" + name + "\" must not begin with \"__\", which is reserved by GraphQL introspection.", {node});
  }

  static bool isRequired(const InputValueDef& v) { return v.type->isNonNull() && !v.defaultValue; }

  static const ast::Node* typeNodeOf(const InputValueDef& v) { return v.astNode ? v.astNode->type.get() : nullptr; }

  static const ast::Node* deprecatedNode(const InputValueDef& v) {
    return v.astNode ? deprecatedDirectiveNode(&v.astNode->directives) : nullptr;
  }

  void validateDirectives() {
    for (const DirectiveDef* d : schema_.directives()) {
      validateName(d->name, d->astNode);
      if (d->locations.empty()) report("Directive @" + d->name + " must include 1 or more locations.", {d->astNode});
      for (const auto& arg : d->args) {
        validateName(arg.name, arg.astNode);
        if (!arg.type->isInputType())
          report("The type of @" + d->name + "(" + arg.name + ":) must be Input Type but got: " + arg.type->toString() +
                     ".",
                 {arg.astNode});
        if (isRequired(arg) && arg.deprecationReason)
          report("Required argument @" + d->name + "(" + arg.name + ":) cannot be deprecated.",
                 {deprecatedNode(arg), typeNodeOf(arg)});
      }
    }
  }

  void validateTypes() {
    for (const NamedTypeDef* t : schema_.types()) {
      if (!isIntrospectionTypeName(t->name)) validateName(t->name, t->astNode);
      switch (t->kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
          validateFields(t->as<FieldsType>());
          validateInterfaces(t->as<FieldsType>());
          break;
        case TypeKind::Union: validateUnionMembers(t->as<UnionType>()); break;
        case TypeKind::Enum: validateEnumValues(t->as<EnumType>()); break;
        case TypeKind::InputObject:
          validateInputFields(t->as<InputObjectType>());
          validateInputObjectCircularRefs(t->as<InputObjectType>());
          break;
        default: break;
      }
    }
  }

  void validateFields(const FieldsType& type) {
    if (type.fields.empty()) report("Type " + type.name + " must define one or more fields.", typeNodes(type));
    for (const FieldDef& field : type.fields) {
      validateName(field.name, field.astNode);
      if (!field.type->isOutputType())
        report("The type of " + type.name + "." + field.name + " must be Output Type but got: " +
                   field.type->toString() + ".",
               {field.astNode ? field.astNode->type.get() : nullptr});
      for (const InputValueDef& arg : field.args) {
        validateName(arg.name, arg.astNode);
        if (!arg.type->isInputType())
          report("The type of " + type.name + "." + field.name + "(" + arg.name + ":) must be Input Type but got: " +
                     arg.type->toString() + ".",
                 {typeNodeOf(arg)});
        if (isRequired(arg) && arg.deprecationReason)
          report("Required argument " + type.name + "." + field.name + "(" + arg.name + ":) cannot be deprecated.",
                 {deprecatedNode(arg), typeNodeOf(arg)});
      }
    }
  }

  // The name nodes in `list` (interfaces or union members) of a type's
  // definition and extensions that name `name`.
  static std::vector<const ast::Node*> namedTypeNodes(const NamedTypeDef& type,
                                                      ast::PtrList<ast::NamedType> ast::TypeDefinitionOrExtension::*list,
                                                      const std::string& name) {
    std::vector<const ast::Node*> out;
    auto scan = [&](const ast::TypeDefinitionOrExtension* node) {
      if (!node) return;
      for (const auto& n : node->*list)
        if (n->name.value == name) out.push_back(n.get());
    };
    scan(type.astNode);
    for (const auto* ext : type.extensionAstNodes) scan(ext);
    return out;
  }
  static std::vector<const ast::Node*> implementsNodes(const NamedTypeDef& type, const std::string& iface) {
    return namedTypeNodes(type, &ast::TypeDefinitionOrExtension::interfaces, iface);
  }
  static std::vector<const ast::Node*> unionMemberNodes(const UnionType& u, const std::string& member) {
    return namedTypeNodes(u, &ast::TypeDefinitionOrExtension::types, member);
  }

  void validateInterfaces(const FieldsType& type) {
    std::unordered_set<std::string_view> seen;
    for (const NamedTypeDef* iface : impl_.interfacesOf(type)) {
      if (iface->kind != TypeKind::Interface) {
        report("Type " + type.name + " must only implement Interface types, it cannot implement " + iface->name + ".",
               implementsNodes(type, iface->name));
        continue;
      }
      if (iface == &type) {
        report("Type " + type.name + " cannot implement itself because it would create a circular reference.",
               implementsNodes(type, iface->name));
        continue;
      }
      if (!seen.insert(iface->name).second) {
        report("Type " + type.name + " can only implement " + iface->name + " once.",
               implementsNodes(type, iface->name));
        continue;
      }
      validateTypeImplementsAncestors(type, iface->as<InterfaceType>());
      validateTypeImplementsInterface(type, iface->as<InterfaceType>());
    }
  }

  void validateTypeImplementsInterface(const FieldsType& type, const InterfaceType& iface) {
    for (const FieldDef& ifaceField : iface.fields) {
      const std::string& fieldName = ifaceField.name;
      const FieldDef* typeField = type.findField(fieldName);
      if (!typeField) {
        std::vector<const ast::Node*> nodes{ifaceField.astNode};
        for (const ast::Node* n : typeNodes(type)) nodes.push_back(n);
        report("Interface field " + iface.name + "." + fieldName + " expected but " + type.name +
                   " does not provide it.",
               nodes);
        continue;
      }
      if (!schema_.isTypeSubTypeOf(*typeField->type, *ifaceField.type))
        report("Interface field " + iface.name + "." + fieldName + " expects type " + ifaceField.type->toString() +
                   " but " + type.name + "." + fieldName + " is type " + typeField->type->toString() + ".",
               {ifaceField.astNode ? ifaceField.astNode->type.get() : nullptr,
                typeField->astNode ? typeField->astNode->type.get() : nullptr});
      for (const InputValueDef& ifaceArg : ifaceField.args) {
        const InputValueDef* typeArg = typeField->findArg(ifaceArg.name);
        if (!typeArg) {
          report("Interface field argument " + iface.name + "." + fieldName + "(" + ifaceArg.name + ":) expected but " +
                     type.name + "." + fieldName + " does not provide it.",
                 {ifaceArg.astNode, typeField->astNode});
          continue;
        }
        if (!Schema::isEqualType(*ifaceArg.type, *typeArg->type))
          report("Interface field argument " + iface.name + "." + fieldName + "(" + ifaceArg.name +
                     ":) expects type " + ifaceArg.type->toString() + " but " + type.name + "." + fieldName + "(" +
                     ifaceArg.name + ":) is type " + typeArg->type->toString() + ".",
                 {typeNodeOf(ifaceArg), typeNodeOf(*typeArg)});
      }
      for (const InputValueDef& typeArg : typeField->args) {
        if (!ifaceField.findArg(typeArg.name) && isRequired(typeArg))
          report("Object field " + type.name + "." + fieldName + " includes required argument " + typeArg.name +
                     " that is missing from the Interface field " + iface.name + "." + fieldName + ".",
                 {typeArg.astNode, ifaceField.astNode});
      }
    }
  }

  void validateTypeImplementsAncestors(const FieldsType& type, const InterfaceType& iface) {
    const auto& typeIfaces = impl_.interfacesOf(type);
    for (const NamedTypeDef* transitive : impl_.interfacesOf(iface)) {
      if (std::find(typeIfaces.begin(), typeIfaces.end(), transitive) != typeIfaces.end()) continue;
      std::vector<const ast::Node*> nodes = implementsNodes(iface, transitive->name);
      for (const ast::Node* n : implementsNodes(type, iface.name)) nodes.push_back(n);
      report(transitive == &type ? "Type " + type.name + " cannot implement " + iface.name +
                                       " because it would create a circular reference."
                                 : "Type " + type.name + " must implement " + transitive->name +
                                       " because it is implemented by " + iface.name + ".",
             nodes);
    }
  }

  void validateUnionMembers(const UnionType& u) {
    const auto& members = impl_.unionMembers(u);
    if (members.empty()) report("Union type " + u.name + " must define one or more member types.", typeNodes(u));
    std::unordered_set<std::string_view> seen;
    for (const NamedTypeDef* m : members) {
      if (!seen.insert(m->name).second) {
        report("Union type " + u.name + " can only include type " + m->name + " once.", unionMemberNodes(u, m->name));
        continue;
      }
      if (m->kind != TypeKind::Object)
        report("Union type " + u.name + " can only include Object types, it cannot include " + m->name + ".",
               unionMemberNodes(u, m->name));
    }
  }

  void validateEnumValues(const EnumType& e) {
    if (e.values.empty()) report("Enum type " + e.name + " must define one or more values.", typeNodes(e));
    for (const auto& v : e.values) validateName(v.name, v.astNode);
  }

  void validateInputFields(const InputObjectType& t) {
    if (t.fields.empty()) report("Input Object type " + t.name + " must define one or more fields.", typeNodes(t));
    for (const InputValueDef& f : t.fields) {
      validateName(f.name, f.astNode);
      if (!f.type->isInputType())
        report("The type of " + t.name + "." + f.name + " must be Input Type but got: " + f.type->toString() + ".",
               {typeNodeOf(f)});
      if (isRequired(f) && f.deprecationReason)
        report("Required input field " + t.name + "." + f.name + " cannot be deprecated.",
               {deprecatedNode(f), typeNodeOf(f)});
      if (t.isOneOf) {
        if (f.type->isNonNull())
          report("OneOf input field " + t.name + "." + f.name + " must be nullable.", {typeNodeOf(f)});
        if (f.defaultValue)
          report("OneOf input field " + t.name + "." + f.name + " cannot have a default value.", {f.astNode});
      }
    }
  }

  // graphql-js's depth-first search for non-null input object cycles, with
  // an explicit stack (a schema may chain thousands of input types).
  void validateInputObjectCircularRefs(const InputObjectType& start) {
    struct Frame {
      const InputObjectType* type;
      std::size_t next = 0;
    };
    if (!visitedInputs_.insert(&start).second) return;
    std::vector<Frame> stack{{&start}};
    pathIndex_[&start] = 0;
    std::vector<const InputValueDef*> fieldPath;
    while (!stack.empty()) {
      Frame& top = stack.back();
      const auto& fields = top.type->fields;
      while (top.next < fields.size() &&
             !(fields[top.next].type->isNonNull() &&
               fields[top.next].type->as<NonNullType>().ofType->kind == TypeKind::InputObject))
        ++top.next;
      if (top.next == fields.size()) {
        pathIndex_.erase(top.type);
        stack.pop_back();
        if (!fieldPath.empty()) fieldPath.pop_back();  // the field that led here
        continue;
      }
      const InputValueDef& field = fields[top.next++];
      const auto& fieldType = field.type->as<NonNullType>().ofType->as<InputObjectType>();
      fieldPath.push_back(&field);
      auto cycle = pathIndex_.find(&fieldType);
      if (cycle == pathIndex_.end()) {
        if (visitedInputs_.insert(&fieldType).second) {
          pathIndex_[&fieldType] = fieldPath.size();
          stack.push_back({&fieldType});  // `top` is not used after this
        } else {
          fieldPath.pop_back();
        }
      } else {
        std::string path;
        std::vector<const ast::Node*> nodes;
        for (std::size_t i = cycle->second; i < fieldPath.size(); ++i) {
          if (!path.empty()) path += '.';
          path += fieldPath[i]->name;
          nodes.push_back(fieldPath[i]->astNode);
        }
        report("Cannot reference Input Object \"" + fieldType.name +
                   "\" within itself through a series of non-null fields: \"" + path + "\".",
               nodes);
        fieldPath.pop_back();
      }
    }
  }

  const Schema& schema_;
  const Schema::Impl& impl_;
  std::vector<GraphQLError> errors_;
  std::unordered_set<const InputObjectType*> visitedInputs_;
  std::unordered_map<const InputObjectType*, std::size_t> pathIndex_;
};

}  // namespace

std::vector<GraphQLError> validateSDL(const ast::Document& document) { return SDLValidator(document).run(); }

std::vector<GraphQLError> validateSchema(const Schema& schema) { return SchemaValidator(schema).run(); }

}  // namespace kubos::graphql::detail
