// The type model's helpers and the Schema's accessors: lookups, wrapper
// interning, type comparators (graphql-js typeComparators), binding.
#include <array>
#include <mutex>

#include "schema_impl.h"

namespace kubos::graphql {

std::string_view typeKindName(TypeKind k) {
  switch (k) {
    case TypeKind::Scalar: return "SCALAR";
    case TypeKind::Object: return "OBJECT";
    case TypeKind::Interface: return "INTERFACE";
    case TypeKind::Union: return "UNION";
    case TypeKind::Enum: return "ENUM";
    case TypeKind::InputObject: return "INPUT_OBJECT";
    case TypeKind::List: return "LIST";
    case TypeKind::NonNull: return "NON_NULL";
  }
  return "";
}

namespace {

constexpr std::array<std::string_view, 20> kLocationNames = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
};

const Type* unwrapAll(const Type* t) {
  while (t->isWrapping())
    t = t->kind == TypeKind::List ? t->as<ListType>().ofType : t->as<NonNullType>().ofType;
  return t;
}

}  // namespace

std::string_view directiveLocationName(DirectiveLocation l) {
  const auto i = static_cast<std::size_t>(l);
  return i < kLocationNames.size() ? kLocationNames[i] : std::string_view{};
}

std::optional<DirectiveLocation> directiveLocationFromName(std::string_view n) {
  for (std::size_t i = 0; i < kLocationNames.size(); ++i)
    if (kLocationNames[i] == n) return static_cast<DirectiveLocation>(i);
  return std::nullopt;
}

// ---- Type --------------------------------------------------------------------

const NamedTypeDef& Type::namedType() const { return unwrapAll(this)->as<NamedTypeDef>(); }

const Type& Type::nullableType() const { return isNonNull() ? *as<NonNullType>().ofType : *this; }

bool Type::isInputType() const {
  const TypeKind k = unwrapAll(this)->kind;
  return k == TypeKind::Scalar || k == TypeKind::Enum || k == TypeKind::InputObject;
}

bool Type::isOutputType() const {
  const TypeKind k = unwrapAll(this)->kind;
  return k != TypeKind::InputObject;
}

std::string Type::toString() const {
  // Iterative: wrappers may nest as deep as a document allows.
  std::string prefix, suffix;
  const Type* t = this;
  while (t->isWrapping()) {
    if (t->kind == TypeKind::List) {
      prefix += '[';
      suffix.insert(suffix.begin(), ']');
      t = t->as<ListType>().ofType;
    } else {
      suffix.insert(suffix.begin(), '!');
      t = t->as<NonNullType>().ofType;
    }
  }
  return prefix + t->as<NamedTypeDef>().name + suffix;
}

const InputValueDef* FieldDef::findArg(std::string_view n) const {
  for (const auto& a : args)
    if (a.name == n) return &a;
  return nullptr;
}

const FieldDef* FieldsType::findField(std::string_view n) const {
  auto it = fieldIndex.find(n);
  return it == fieldIndex.end() ? nullptr : &fields[it->second];
}

FieldDef* FieldsType::findField(std::string_view n) {
  auto it = fieldIndex.find(n);
  return it == fieldIndex.end() ? nullptr : &fields[it->second];
}

const EnumValueDef* EnumType::findValue(std::string_view n) const {
  for (const auto& v : values)
    if (v.name == n) return &v;
  return nullptr;
}

const InputValueDef* InputObjectType::findField(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

const InputValueDef* DirectiveDef::findArg(std::string_view n) const {
  for (const auto& a : args)
    if (a.name == n) return &a;
  return nullptr;
}

// ---- Wrapper interning -------------------------------------------------------

namespace {
// Finds or creates the wrapper of `t` in `map`; readers share the lock.
template <class W>
const W* intern(std::shared_mutex& mutex, std::unordered_map<const Type*, std::unique_ptr<W>>& map, const Type* t) {
  {
    std::shared_lock lock(mutex);
    auto it = map.find(t);
    if (it != map.end()) return it->second.get();
  }
  std::unique_lock lock(mutex);
  auto& slot = map[t];
  if (!slot) {
    slot = std::make_unique<W>();
    slot->ofType = t;
  }
  return slot.get();
}
}  // namespace

const ListType* Schema::Impl::internList(const Type* t) const { return intern(wrapperMutex, listTypes, t); }
const NonNullType* Schema::Impl::internNonNull(const Type* t) const { return intern(wrapperMutex, nonNullTypes, t); }

// ---- Schema --------------------------------------------------------------------

void Schema::Impl::publish(Schema& schema, std::vector<const NamedTypeDef*> types,
                           std::vector<const DirectiveDef*> directives, std::optional<std::string> description) {
  auto asObject = [](const NamedTypeDef* t) -> const ObjectType* {
    return t && t->kind == TypeKind::Object ? &t->as<ObjectType>() : nullptr;
  };
  schema.typeList_ = std::move(types);
  schema.directiveList_ = std::move(directives);
  schema.description_ = std::move(description);
  schema.query_ = asObject(queryRoot);
  schema.mutation_ = asObject(mutationRoot);
  schema.subscription_ = asObject(subscriptionRoot);
}

Schema::Schema() : impl_(std::make_unique<Impl>()) {}
Schema::~Schema() = default;

const ListType* Schema::listOf(const Type* t) { return impl_->internList(t); }
const NonNullType* Schema::nonNullOf(const Type* t) { return impl_->internNonNull(t); }
const ListType* Schema::listOf(const Type* t) const { return impl_->internList(t); }
const NonNullType* Schema::nonNullOf(const Type* t) const { return impl_->internNonNull(t); }

const ObjectType* Schema::rootType(ast::OperationType op) const {
  switch (op) {
    case ast::OperationType::Query: return query_;
    case ast::OperationType::Mutation: return mutation_;
    case ast::OperationType::Subscription: return subscription_;
  }
  return nullptr;
}

const NamedTypeDef* Schema::getType(std::string_view name) const { return impl_->findType(name); }

const DirectiveDef* Schema::getDirective(std::string_view name) const {
  auto it = impl_->directiveMap.find(name);
  return it == impl_->directiveMap.end() ? nullptr : it->second;
}

const std::vector<const ObjectType*>& Schema::possibleTypes(const NamedTypeDef& abstractType) const {
  static const std::vector<const ObjectType*> kNone;
  auto it = impl_->possibleTypes.find(&abstractType);
  return it == impl_->possibleTypes.end() ? kNone : it->second;
}

const std::vector<const InterfaceType*>& Schema::implementingInterfaces(const InterfaceType& iface) const {
  static const std::vector<const InterfaceType*> kNone;
  auto it = impl_->implementingInterfaces.find(&iface);
  return it == impl_->implementingInterfaces.end() ? kNone : it->second;
}

bool Schema::isSubType(const NamedTypeDef& abstractType, const NamedTypeDef& maybeSub) const {
  if (abstractType.kind == TypeKind::Union) {
    for (const auto* m : abstractType.as<UnionType>().types)
      if (m == &maybeSub) return true;
    return false;
  }
  if (abstractType.kind != TypeKind::Interface) return false;
  if (maybeSub.kind == TypeKind::Object) {
    for (const auto* o : possibleTypes(abstractType))
      if (o == &maybeSub) return true;
  } else if (maybeSub.kind == TypeKind::Interface) {
    for (const auto* i : implementingInterfaces(abstractType.as<InterfaceType>()))
      if (i == &maybeSub) return true;
  }
  return false;
}

bool Schema::isPossibleType(const NamedTypeDef& abstractType, const ObjectType& t) const {
  return isSubType(abstractType, t);
}

const Type* Schema::typeFromAST(const ast::TypeNode& node) const {
  // Collect the wrappers outside-in, then wrap the named type inside-out.
  std::vector<ast::Kind> wrappers;
  const ast::TypeNode* n = &node;
  while (n->kind != ast::Kind::NamedType) {
    wrappers.push_back(n->kind);
    n = n->kind == ast::Kind::ListType ? n->as<ast::ListType>().type.get() : n->as<ast::NonNullType>().type.get();
    if (!n) return nullptr;
  }
  const Type* t = getType(n->as<ast::NamedType>().name.value);
  if (!t) return nullptr;
  for (auto it = wrappers.rbegin(); it != wrappers.rend(); ++it)
    t = *it == ast::Kind::ListType ? static_cast<const Type*>(listOf(t)) : static_cast<const Type*>(nonNullOf(t));
  return t;
}

bool Schema::isEqualType(const Type& a, const Type& b) {
  const Type* x = &a;
  const Type* y = &b;
  while (x != y) {
    if (x->kind == TypeKind::NonNull && y->kind == TypeKind::NonNull) {
      x = x->as<NonNullType>().ofType;
      y = y->as<NonNullType>().ofType;
    } else if (x->kind == TypeKind::List && y->kind == TypeKind::List) {
      x = x->as<ListType>().ofType;
      y = y->as<ListType>().ofType;
    } else {
      return false;
    }
  }
  return true;
}

bool Schema::isTypeSubTypeOf(const Type& maybeSub, const Type& superType) const {
  const Type* sub = &maybeSub;
  const Type* super = &superType;
  for (;;) {
    if (sub == super) return true;
    if (super->isNonNull()) {
      if (!sub->isNonNull()) return false;
      sub = sub->as<NonNullType>().ofType;
      super = super->as<NonNullType>().ofType;
      continue;
    }
    if (sub->isNonNull()) {
      sub = sub->as<NonNullType>().ofType;
      continue;
    }
    if (super->isList()) {
      if (!sub->isList()) return false;
      sub = sub->as<ListType>().ofType;
      super = super->as<ListType>().ofType;
      continue;
    }
    if (sub->isList()) return false;
    return super->isAbstract() && (sub->kind == TypeKind::Interface || sub->kind == TypeKind::Object) &&
           isSubType(super->as<NamedTypeDef>(), sub->as<NamedTypeDef>());
  }
}

bool Schema::doTypesOverlap(const NamedTypeDef& a, const NamedTypeDef& b) const {
  if (&a == &b) return true;
  if (a.isAbstract()) {
    if (b.isAbstract()) {
      for (const auto* t : possibleTypes(a))
        if (isSubType(b, *t)) return true;
      return false;
    }
    return isSubType(a, b);
  }
  if (b.isAbstract()) return isSubType(b, a);
  return false;
}

const ScalarType& Schema::stringType() const { return *impl_->stringType; }
const ScalarType& Schema::intType() const { return *impl_->intType; }
const ScalarType& Schema::floatType() const { return *impl_->floatType; }
const ScalarType& Schema::booleanType() const { return *impl_->booleanType; }
const ScalarType& Schema::idType() const { return *impl_->idType; }
const FieldDef& Schema::schemaMetaField() const { return impl_->schemaMetaField; }
const FieldDef& Schema::typeMetaField() const { return impl_->typeMetaField; }
const FieldDef& Schema::typenameMetaField() const { return impl_->typenameMetaField; }

// ---- Binding ---------------------------------------------------------------------

namespace {
bool failBind(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}
}  // namespace

bool Schema::bindResolver(std::string_view typeName, std::string_view fieldName, Resolver r, std::string* error) {
  NamedTypeDef* t = impl_->findType(typeName);
  if (!t) return failBind(error, "Cannot bind resolver: unknown type \"" + std::string(typeName) + "\"");
  if (t->kind != TypeKind::Object && t->kind != TypeKind::Interface)
    return failBind(error, "Cannot bind resolver: type \"" + std::string(typeName) +
                               "\" is not an object or interface type");
  FieldDef* f = t->as<FieldsType>().findField(fieldName);
  if (!f)
    return failBind(error, "Cannot bind resolver: type \"" + std::string(typeName) + "\" has no field \"" +
                               std::string(fieldName) + "\"");
  f->resolver = std::move(r);
  return true;
}

bool Schema::bindTypeResolver(std::string_view abstractTypeName, TypeResolver r, std::string* error) {
  NamedTypeDef* t = impl_->findType(abstractTypeName);
  if (!t) return failBind(error, "Cannot bind type resolver: unknown type \"" + std::string(abstractTypeName) + "\"");
  if (t->kind == TypeKind::Interface) {
    t->as<InterfaceType>().resolveType = std::move(r);
  } else if (t->kind == TypeKind::Union) {
    t->as<UnionType>().resolveType = std::move(r);
  } else {
    return failBind(error, "Cannot bind type resolver: type \"" + std::string(abstractTypeName) +
                               "\" is not an interface or union type");
  }
  return true;
}

bool Schema::bindScalar(std::string_view scalarName, std::function<Value(const Value&)> serialize,
                        std::function<Value(const Value&)> parseValue,
                        std::function<Value(const ast::ValueNode&, const Value*)> parseLiteral,
                        std::string* error) {
  NamedTypeDef* t = impl_->findType(scalarName);
  if (!t) return failBind(error, "Cannot bind scalar: unknown type \"" + std::string(scalarName) + "\"");
  if (t->kind != TypeKind::Scalar)
    return failBind(error, "Cannot bind scalar: type \"" + std::string(scalarName) + "\" is not a scalar type");
  auto& s = t->as<ScalarType>();
  // An empty function keeps the current behaviour for that direction.
  if (serialize) s.serialize = std::move(serialize);
  if (parseValue) s.parseValue = std::move(parseValue);
  if (parseLiteral) s.parseLiteral = std::move(parseLiteral);
  return true;
}

}  // namespace kubos::graphql
