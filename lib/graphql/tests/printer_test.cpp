// Printer: printValueNode / printTypeNode / printString give graphql-js
// 16's print() output (expected strings produced by graphql-js itself).
#include <gtest/gtest.h>

#include "graphql/parser.h"

using namespace kubos::graphql;

namespace {

std::string reprint(std::string src) {
  ParseResult r = parseValueDocument(std::move(src));
  if (!r.document) return "ERROR: " + r.error->message;
  return printValueNode(*r.document->value);
}

}  // namespace

TEST(Printer, ValuesAsGraphqlJsPrint) {
  EXPECT_EQ(reprint("{a: 1, b: [1, 2]}"), "{a: 1, b: [1, 2]}");
  EXPECT_EQ(reprint("{a:1 b:[1 2]}"), "{a: 1, b: [1, 2]}");
  EXPECT_EQ(reprint("[]"), "[]");
  EXPECT_EQ(reprint("{}"), "{}");
  EXPECT_EQ(reprint("{a: {b: {c: [null, true, false]}}}"), "{a: {b: {c: [null, true, false]}}}");
  EXPECT_EQ(reprint("$var"), "$var");
  EXPECT_EQ(reprint("ENUM"), "ENUM");
  EXPECT_EQ(reprint("-1.5e-3"), "-1.5e-3");
  EXPECT_EQ(reprint("[[1], [2, 3]]"), "[[1], [2, 3]]");
}

TEST(Printer, StringsEscapedAsGraphqlJsPrintString) {
  EXPECT_EQ(reprint(R"("x\u0001\u007f\u0080\u009f\u00a0\n\t\r\b\f\"\\/")"),
            "\"x\\u0001\\u007F\\u0080\\u009F\xC2\xA0\\n\\t\\r\\b\\f\\\"\\\\/\"");
  EXPECT_EQ(reprint(R"("\u0000\u001f")"), R"("\u0000\u001F")");
  EXPECT_EQ(reprint(R"("\u{1F600} é")"), "\"\xF0\x9F\x98\x80 \xC3\xA9\"");
  EXPECT_EQ(printString(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(Printer, BlockStringValuesPrintAsBlockStrings) {
  // GQL-PRINT-BLOCK: block strings print back as block strings, as graphql-js print() does.
  EXPECT_EQ(reprint("\"\"\"block \"quoted\"\n  x\"\"\""), "\"\"\"\nblock \"quoted\"\nx\n\"\"\"");
}

TEST(Printer, TypeReferences) {
  for (const char* t : {"Int", "Int!", "[Int]", "[Int!]!", "[[String]!]"}) {
    ParseResult r = parseTypeDocument(t);
    ASSERT_TRUE(r.document) << t;
    EXPECT_EQ(printTypeNode(*r.document->type), t);
  }
}
