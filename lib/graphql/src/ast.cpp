#include "graphql/ast.h"

namespace kubos::graphql::ast {

std::string_view kindName(Kind k) {
  switch (k) {
    case Kind::Name: return "Name";
    case Kind::Document: return "Document";
    case Kind::OperationDefinition: return "OperationDefinition";
    case Kind::VariableDefinition: return "VariableDefinition";
    case Kind::SelectionSet: return "SelectionSet";
    case Kind::Field: return "Field";
    case Kind::Argument: return "Argument";
    case Kind::FragmentSpread: return "FragmentSpread";
    case Kind::InlineFragment: return "InlineFragment";
    case Kind::FragmentDefinition: return "FragmentDefinition";
    case Kind::Variable: return "Variable";
    case Kind::IntValue: return "IntValue";
    case Kind::FloatValue: return "FloatValue";
    case Kind::StringValue: return "StringValue";
    case Kind::BooleanValue: return "BooleanValue";
    case Kind::NullValue: return "NullValue";
    case Kind::EnumValue: return "EnumValue";
    case Kind::ListValue: return "ListValue";
    case Kind::ObjectValue: return "ObjectValue";
    case Kind::ObjectField: return "ObjectField";
    case Kind::Directive: return "Directive";
    case Kind::NamedType: return "NamedType";
    case Kind::ListType: return "ListType";
    case Kind::NonNullType: return "NonNullType";
    case Kind::SchemaDefinition: return "SchemaDefinition";
    case Kind::OperationTypeDefinition: return "OperationTypeDefinition";
    case Kind::ScalarTypeDefinition: return "ScalarTypeDefinition";
    case Kind::ObjectTypeDefinition: return "ObjectTypeDefinition";
    case Kind::FieldDefinition: return "FieldDefinition";
    case Kind::InputValueDefinition: return "InputValueDefinition";
    case Kind::InterfaceTypeDefinition: return "InterfaceTypeDefinition";
    case Kind::UnionTypeDefinition: return "UnionTypeDefinition";
    case Kind::EnumTypeDefinition: return "EnumTypeDefinition";
    case Kind::EnumValueDefinition: return "EnumValueDefinition";
    case Kind::InputObjectTypeDefinition: return "InputObjectTypeDefinition";
    case Kind::DirectiveDefinition: return "DirectiveDefinition";
    case Kind::SchemaExtension: return "SchemaExtension";
    case Kind::ScalarTypeExtension: return "ScalarTypeExtension";
    case Kind::ObjectTypeExtension: return "ObjectTypeExtension";
    case Kind::InterfaceTypeExtension: return "InterfaceTypeExtension";
    case Kind::UnionTypeExtension: return "UnionTypeExtension";
    case Kind::EnumTypeExtension: return "EnumTypeExtension";
    case Kind::InputObjectTypeExtension: return "InputObjectTypeExtension";
  }
  return "Unknown";
}

std::string_view operationTypeName(OperationType t) {
  switch (t) {
    case OperationType::Query: return "query";
    case OperationType::Mutation: return "mutation";
    case OperationType::Subscription: return "subscription";
  }
  return "query";
}

}  // namespace kubos::graphql::ast

// ---- Node allocation ---------------------------------------------------------
//
// A per-thread cache of freed node blocks, by size class of 16 bytes. Blocks
// are ordinary ::operator new blocks, so one freed on another thread than
// the one that allocated it is simply cached there, and a full cache hands
// blocks back to the heap: memory stays bounded. Off under AddressSanitizer,
// which must see every allocation to catch use-after-free.
#if defined(__SANITIZE_ADDRESS__)
#define KUBOS_AST_NODE_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KUBOS_AST_NODE_CACHE 0
#endif
#endif
#ifndef KUBOS_AST_NODE_CACHE
#define KUBOS_AST_NODE_CACHE 1
#endif

#include <new>

namespace kubos::graphql::ast {

#if KUBOS_AST_NODE_CACHE
namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 32;          // blocks up to 512 bytes
constexpr std::uint32_t kMaxPerClass = 4096;  // per thread

struct FreeBlock {
  FreeBlock* next;
};

// Trivially destructible, so still readable while thread_locals are torn down.
thread_local bool tCacheGone = false;

struct NodeCache {
  FreeBlock* head[kClasses] = {};
  std::uint32_t count[kClasses] = {};
  ~NodeCache() {
    tCacheGone = true;
    for (FreeBlock*& h : head) {
      while (h) {
        FreeBlock* b = h;
        h = b->next;
        ::operator delete(b);
      }
    }
  }
};
thread_local NodeCache tCache;

std::size_t sizeClass(std::size_t size) { return (size + kGranule - 1) / kGranule - 1; }

}  // namespace

void* Node::operator new(std::size_t size) {
  const std::size_t cls = sizeClass(size);
  if (cls >= kClasses || tCacheGone) return ::operator new(size);
  NodeCache& c = tCache;
  if (FreeBlock* b = c.head[cls]) {
    c.head[cls] = b->next;
    --c.count[cls];
    return b;
  }
  return ::operator new((cls + 1) * kGranule);
}

void Node::operator delete(void* p, std::size_t size) noexcept {
  if (!p) return;
  const std::size_t cls = sizeClass(size);
  if (cls < kClasses && !tCacheGone) {
    NodeCache& c = tCache;
    if (c.count[cls] < kMaxPerClass) {
      auto* b = static_cast<FreeBlock*>(p);
      b->next = c.head[cls];
      c.head[cls] = b;
      ++c.count[cls];
      return;
    }
  }
  ::operator delete(p);
}
#else
void* Node::operator new(std::size_t size) { return ::operator new(size); }
void Node::operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
#endif

}  // namespace kubos::graphql::ast
