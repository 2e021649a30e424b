// Shared by lexer_test.cpp and parser_test.cpp: a table of sources with the
// syntax error graphql-js 16.15 reports for each.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "graphql/parser.h"

struct SyntaxErrorCase {
  // The length comes from the literal, so that sources may hold NUL bytes.
  template <std::size_t N, std::size_t M>
  SyntaxErrorCase(const char (&s)[N], const char (&m)[M], std::uint32_t l, std::uint32_t c)
      : source(s, N - 1), message(m, M - 1), line(l), column(c) {}
  std::string_view source;
  std::string_view message;
  std::uint32_t line;
  std::uint32_t column;
};

template <std::size_t N>
void expectSyntaxErrors(const SyntaxErrorCase (&cases)[N]) {
  for (const SyntaxErrorCase& c : cases) {
    kubos::graphql::ParseResult r = kubos::graphql::parse(std::string(c.source));
    ASSERT_TRUE(r.error) << c.source;
    EXPECT_FALSE(r.document);
    EXPECT_EQ(r.error->message, c.message) << c.source;
    ASSERT_EQ(r.error->locations.size(), 1u);
    EXPECT_EQ(r.error->locations[0].line, c.line) << c.source;
    EXPECT_EQ(r.error->locations[0].column, c.column) << c.source;
  }
}
