// Fuzzes the GraphQL lexer and parser with arbitrary bytes under small
// limits, then walks every value and type literal through the printer and
// checks that a printed value parses back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graphql/error.h"
#include "graphql/parser.h"

namespace {

using namespace kubos::graphql::ast;

void check(bool ok) {
  if (!ok) std::abort();
}

void roundTrip(const ValueNode& v) {
  const std::string printed = kubos::graphql::printValueNode(v);
  kubos::graphql::ParseResult again = kubos::graphql::parseValueDocument(printed);
  check(again.document != nullptr);
  check(kubos::graphql::printValueNode(*again.document->value) == printed);
}

void visitType(const TypeNode& t) {
  const std::string printed = kubos::graphql::printTypeNode(t);
  kubos::graphql::ParseResult again = kubos::graphql::parseTypeDocument(printed);
  check(again.document != nullptr && kubos::graphql::printTypeNode(*again.document->type) == printed);
}

void visitDirectives(const PtrList<Directive>& ds) {
  for (const auto& d : ds) {
    for (const auto& a : d->arguments) roundTrip(*a->value);
  }
}

void visitSelections(const SelectionSet& set) {
  for (const auto& sel : set.selections) {
    visitDirectives(sel->directives);
    if (sel->kind == Kind::Field) {
      const auto& f = sel->as<Field>();
      for (const auto& a : f.arguments) roundTrip(*a->value);
      if (f.selectionSet) visitSelections(*f.selectionSet);
    } else if (sel->kind == Kind::InlineFragment) {
      visitSelections(*sel->as<InlineFragment>().selectionSet);
    }
  }
}

void visitInputValues(const PtrList<InputValueDefinition>& defs) {
  for (const auto& d : defs) {
    visitType(*d->type);
    if (d->defaultValue) roundTrip(*d->defaultValue);
    visitDirectives(d->directives);
  }
}

void visit(const Document& doc) {
  for (const auto& def : doc.definitions) {
    check(def->loc.start <= def->loc.end && def->loc.end <= doc.source->size());
    switch (def->kind) {
      case Kind::OperationDefinition: {
        const auto& op = def->as<OperationDefinition>();
        for (const auto& v : op.variableDefinitions) {
          visitType(*v->type);
          if (v->defaultValue) roundTrip(*v->defaultValue);
        }
        visitDirectives(op.directives);
        visitSelections(*op.selectionSet);
        break;
      }
      case Kind::FragmentDefinition:
        visitSelections(*def->as<FragmentDefinition>().selectionSet);
        break;
      case Kind::DirectiveDefinition:
        visitInputValues(def->as<DirectiveDefinition>().arguments);
        break;
      case Kind::SchemaDefinition:
      case Kind::SchemaExtension:
        break;
      default: {
        const auto& t = def->as<TypeDefinitionOrExtension>();
        visitDirectives(t.directives);
        for (const auto& f : t.fields) {
          visitType(*f->type);
          visitInputValues(f->arguments);
        }
        visitInputValues(t.inputFields);
        break;
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kubos::graphql::ParseLimits limits;
  limits.maxSourceBytes = 1 << 16;
  limits.maxTokens = 2000;
  limits.maxDepth = 32;
  kubos::graphql::ParseResult r = kubos::graphql::parse(std::string(reinterpret_cast<const char*>(data), size), limits);
  check((r.document == nullptr) != !r.error.has_value());
  if (r.error) {
    check(r.error->message.rfind("Syntax Error: ", 0) == 0);
    check(r.error->locations.size() == 1 && r.error->locations[0].line >= 1 && r.error->locations[0].column >= 1);
    std::string json;
    kubos::graphql::appendErrorJson(json, *r.error);
    return 0;
  }
  visit(*r.document);
  return 0;
}
