// The kit fixture the request and http fuzzers share: a GraphQLHttpHandler
// over a schema with every kind of type (interfaces, unions, enums, inputs,
// a resolver that fails, one that echoes its arguments), quiet logging, and
// the check every GraphQL answer must pass.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

#include "graphql/engine.h"
#include "service/graphql_http.h"
#include "service/log.h"

namespace kubos::fuzz {

inline constexpr const char* kSchema = R"(
  interface Node { id: ID! }
  interface Named implements Node { id: ID! name: String }
  type Battery implements Node & Named { id: ID! name: String voltage: Float cells: [Cell!] }
  type Cell { index: Int! mv: Int }
  type Panel implements Node { id: ID! watts: Float @deprecated(reason: "use power") power: Float }
  union Part = Battery | Panel | Cell
  enum PowerState { ON OFF RESET }
  scalar Stamp
  input Filter { state: PowerState = ON, ids: [ID!], nested: Filter, limit: Int = 10 }
  type Query {
    node(id: ID!): Node
    parts(filter: Filter): [Part]
    power: PowerState!
    stamp: Stamp
    fails: String
    failsNonNull: String!
    echo(s: String, i: Int, f: Float, b: Boolean, list: [Int], e: PowerState): String
  }
  type Mutation { setPower(state: PowerState!): PowerState! }
)";

inline constexpr const char* kRoot = R"({
  "node": {"__typename": "Battery", "id": "b1", "name": "main", "voltage": 7.4,
           "cells": [{"index": 0, "mv": 3700}, {"index": 1, "mv": null}]},
  "parts": [{"__typename": "Panel", "id": "p1", "watts": 2.5, "power": 2.5},
            {"__typename": "Cell", "index": 2, "mv": 3650}, null,
            {"__typename": "Nope"}],
  "power": "ON", "stamp": {"t": 1}, "failsNonNull": null,
  "setPower": "OFF"
})";

struct Fixture {
  std::unique_ptr<kubos::graphql::Engine> engine;
  kubos::graphql::Value root;
  std::unique_ptr<kubos::service::GraphQLHttpHandler> handler;
};

inline Fixture& fixture() {
  static Fixture f = [] {
    Fixture fx;
    std::vector<kubos::graphql::GraphQLError> errors;
    auto schema = kubos::graphql::Schema::fromSDL(kSchema, &errors);
    if (!schema) std::abort();
    if (!schema->bindResolver("Query", "fails", [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value {
      throw kubos::graphql::FieldError("device not answering");
    })) std::abort();
    if (!schema->bindResolver("Query", "echo", [](const kubos::graphql::Value&, const kubos::graphql::Value& args, const kubos::graphql::ResolveInfo&) {
      return kubos::graphql::Value(kubos::graphql::toJson(args));
    })) std::abort();
    kubos::graphql::EngineLimits limits;
    limits.parse.maxTokens = 2000;
    limits.parse.maxDepth = 64;
    limits.maxQueryDepth = 32;
    limits.maxFieldCount = 2000;
    limits.cacheEntries = 16;
    fx.engine = std::make_unique<kubos::graphql::Engine>(schema, limits);
    fx.root = *kubos::graphql::parseJson(kRoot);
    kubos::service::log::Options quiet;
    quiet.ident = "kit-fuzzer";
    quiet.threshold = kubos::service::log::Level::Error;
    quiet.useSyslog = false;
    kubos::service::log::init(quiet);
    kubos::service::GraphQLHttpOptions options;
    options.rootValue = &fx.root;
    options.maxBatch = 8;
    options.logErrors = false;
    fx.handler = std::make_unique<kubos::service::GraphQLHttpHandler>(*fx.engine, options);
    return fx;
  }();
  return f;
}

// The engine must always produce valid JSON holding only "data"/"errors"
// (an object, or a list of them for a batch).
inline void checkResponse(const std::string& json) {
  auto v = kubos::graphql::parseJson(json);
  if (!v) std::abort();  // the engine must always produce valid JSON
  auto checkOne = [](const kubos::graphql::Value& r) {
    if (!r.isObject()) std::abort();
    for (const auto& [k, _] : r.asObject())
      if (k != "data" && k != "errors") std::abort();
  };
  if (v->isList()) {
    for (const auto& r : v->asList()) checkOne(r);
  } else {
    checkOne(*v);
  }
}

}  // namespace kubos::fuzz
