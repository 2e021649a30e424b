// Internal: the OverlappingFieldsCanBeMerged validation rule (GraphQL spec
// 5.3.2, graphql-js OverlappingFieldsCanBeMergedRule). Kept apart from the
// other rules because it is the one with its own algorithm and caches.
#pragma once

#include <memory>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace kubos::graphql::detail {

class OverlappingFieldsChecker {
 public:
  OverlappingFieldsChecker(const Schema& schema, const ast::Document& document);
  ~OverlappingFieldsChecker();

  // The validator calls this when its traversal enters a selection set (in
  // document order, as graphql-js's visitor does); `parentType` is the
  // selection set's parent type from TypeInfo, null when unknown. Conflicts
  // are appended to `out` with graphql-js's messages, e.g.
  //   Fields "x" conflict because "a" and "b" are different fields. Use
  //   different aliases on the fields to fetch both if this was intentional.
  void checkSelectionSet(const ast::SelectionSet& selectionSet, const NamedTypeDef* parentType,
                         std::vector<GraphQLError>& out);

  // True once the rule ran out of its complexity budget (graphql-js's
  // MAX_COMPLEXITY_BUDGET) or of comparison depth on a hostile document. The
  // call that ran out appended nothing. graphql-js then stops the whole
  // validation: the validator must stop its traversal and append
  // GraphQLError(kValidationAbortedMessage) (no locations) after the errors
  // reported so far, not counted against maxErrors. Later calls do nothing.
  bool aborted() const;
  static constexpr const char* kValidationAbortedMessage = "Validation aborted.";

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kubos::graphql::detail
