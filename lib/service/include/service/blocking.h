// Which resolvers may block, so that the kit knows which requests it may
// answer on its I/O thread (lib/service/README.md, "Threads").
//
// A resolver is marked when it is bound:
//   schema.bindResolver("Query", "uptime", kubos::service::nonBlocking(resolver));   // memory only
//   schema.bindResolver("Query", "voltage", kubos::service::blocking(resolver));     // reads the device
//
// Unmarked resolvers count as blocking: a resolver the kit answers inline
// must never wait (device, disk, process, lock held across I/O), and a
// forgotten mark then only costs speed, never another client's {ping}.
// Fields without a resolver (they read their parent's value), __typename,
// __schema and __type never block.
#pragma once

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace kubos::service {

// The resolver only reads memory: requests selecting only such fields are
// executed on the I/O thread.
[[nodiscard]] kubos::graphql::Resolver nonBlocking(kubos::graphql::Resolver resolver);
// The resolver may wait (device, disk, processes): requests selecting it run
// on a worker. The same as leaving it unmarked, said explicitly.
[[nodiscard]] kubos::graphql::Resolver blocking(kubos::graphql::Resolver resolver);

// Whether calling this field's resolver may block (see above).
[[nodiscard]] bool fieldMayBlock(const kubos::graphql::FieldDef& field);

// Whether executing `operation` (of the validated `document`) may call a
// resolver that may block: every selected field, through fragments and
// nested selections; a field of an interface or union counts for each of its
// object types. @skip/@include are not evaluated (a skipped field counts).
[[nodiscard]] bool operationMayBlock(const kubos::graphql::Schema& schema, const kubos::graphql::ast::Document& document,
                                     const kubos::graphql::ast::OperationDefinition& operation);

}  // namespace kubos::service
