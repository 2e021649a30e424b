// Requirement SK-GQL-13: which operations may call a blocking resolver
// (service/blocking.h), through fragments, nested and abstract selections.
#include <gtest/gtest.h>

#include "graphql/parser.h"
#include "service/blocking.h"

namespace {

using kubos::graphql::Value;
using R = const Value&;
using I = const kubos::graphql::ResolveInfo&;

struct Rig {
  std::shared_ptr<kubos::graphql::Schema> schema;
  Rig() {
    schema = kubos::graphql::Schema::fromSDL(R"(
      type Query { ping: String device: Reading config: Reading node: Node unmarked: Int }
      type Reading { volts: Float raw: Int slow: Int }
      interface Node { id: ID }
      type Fast implements Node { id: ID }
      type Slow implements Node { id: ID }
      type Mutation { set: Int cheap: Int }
    )", nullptr);
    auto value = [](R, R, I) { return Value(); };
    auto bind = [&](const char* type, const char* field, kubos::graphql::Resolver r) {
      EXPECT_TRUE(schema->bindResolver(type, field, std::move(r)));
    };
    bind("Query", "ping", kubos::service::nonBlocking(value));
    bind("Query", "device", kubos::service::blocking(value));
    bind("Query", "config", kubos::service::nonBlocking(value));
    bind("Query", "node", kubos::service::nonBlocking(value));
    bind("Query", "unmarked", value);
    bind("Reading", "slow", kubos::service::blocking(value));  // volts, raw: no resolver (read the parent)
    bind("Slow", "id", kubos::service::blocking(value));
    bind("Mutation", "set", value);
    bind("Mutation", "cheap", kubos::service::nonBlocking(value));
  }
  bool mayBlock(const std::string& query) {
    auto parsed = kubos::graphql::parse(query);
    EXPECT_TRUE(parsed.document) << query;
    const kubos::graphql::ast::OperationDefinition* op = nullptr;
    for (const auto& d : parsed.document->definitions)
      if (d->kind == kubos::graphql::ast::Kind::OperationDefinition)
        op = &d->as<kubos::graphql::ast::OperationDefinition>();
    return kubos::service::operationMayBlock(*schema, *parsed.document, *op);
  }
};

}  // namespace

TEST(Blocking, SK_GQL_13_OperationsThatMayBlock) {
  Rig r;
  EXPECT_FALSE(r.mayBlock("{ping}"));
  EXPECT_FALSE(r.mayBlock("{__typename ping __schema{types{name}} __type(name:\"Query\"){name}}"));
  EXPECT_FALSE(r.mayBlock("{config{volts raw}}")) << "fields without a resolver read their parent";
  EXPECT_TRUE(r.mayBlock("{config{volts slow}}")) << "nested blocking field";
  EXPECT_TRUE(r.mayBlock("{ping device{volts}}"));
  EXPECT_TRUE(r.mayBlock("{unmarked}")) << "unmarked resolvers count as blocking";
  EXPECT_TRUE(r.mayBlock("{...F} fragment F on Query {ping ...G} fragment G on Query {config{slow}}"));
  EXPECT_FALSE(r.mayBlock("{...F ...F} fragment F on Query {ping config{...H}} fragment H on Reading {volts}"));
  EXPECT_TRUE(r.mayBlock("{... on Query {device{raw}}}"));
  EXPECT_TRUE(r.mayBlock("{node{id}}")) << "an interface field counts for each object type";
  EXPECT_FALSE(r.mayBlock("{node{... on Fast{id}}}"));
  EXPECT_TRUE(r.mayBlock("{node{... on Slow{id}}}"));
  EXPECT_TRUE(r.mayBlock("{ping @skip(if: true) device @skip(if: true) {raw}}")) << "@skip is not evaluated";
  EXPECT_TRUE(r.mayBlock("mutation{set}"));
  EXPECT_FALSE(r.mayBlock("mutation{cheap}"));
}
