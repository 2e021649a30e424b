#include <gtest/gtest.h>

#include "graphql/parser.h"

using namespace gql;

TEST(Parser, ParsesShorthandQuery) {
  auto r = parse("{ a }");
  ASSERT_TRUE(r.document) << r.error->message;
  ASSERT_EQ(r.document->definitions.size(), 1u);
}
