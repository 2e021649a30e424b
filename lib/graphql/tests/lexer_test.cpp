// Lexer: every token kind, values (escapes, block-string dedent), UTF-16
// columns, and graphql-js 16's exact lexical error messages and locations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../src/lexer.h"
#include "graphql/parser.h"
#include "syntax_error_cases.h"

using kubos::graphql::detail::Lexer;
using kubos::graphql::detail::Token;
using kubos::graphql::detail::TokenKind;

namespace {

std::vector<Token> lexAll(std::string_view src, std::vector<std::string>* values = nullptr) {
  Lexer lexer(src);
  std::vector<Token> out;
  Token t;
  std::string buf;
  std::uint32_t from = 0;
  do {
    lexer.next(from, t, buf);
    out.push_back(t);
    if (values) values->emplace_back(t.value);
    from = t.end;
  } while (t.kind != TokenKind::EndOfFile);
  return out;
}

std::string lexOneValue(std::string_view src) {
  std::vector<std::string> values;
  lexAll(src, &values);
  return values.at(0);
}


}  // namespace

TEST(Lexer, GQL_1_EveryPunctuatorKind) {
  auto toks = lexAll("! $ & ( ) ... : = @ [ ] { | }");
  const std::vector<TokenKind> want = {TokenKind::Bang,     TokenKind::Dollar,   TokenKind::Amp,    TokenKind::ParenL,
                                       TokenKind::ParenR,   TokenKind::Spread,   TokenKind::Colon,  TokenKind::Equals,
                                       TokenKind::At,       TokenKind::BracketL, TokenKind::BracketR, TokenKind::BraceL,
                                       TokenKind::Pipe,     TokenKind::BraceR,   TokenKind::EndOfFile};
  ASSERT_EQ(toks.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(toks[i].kind, want[i]) << i;
  EXPECT_EQ(toks[5].start, 10u);
  EXPECT_EQ(toks[5].end, 13u);
}

TEST(Lexer, GQL_1_NamesNumbersStringsAndTheirValues) {
  std::vector<std::string> v;
  auto toks = lexAll("_a1 -12 0 3.25 -0.5e+10 1E3 \"s\" \"\"\"b\"\"\"", &v);
  EXPECT_EQ(toks[0].kind, TokenKind::Name);
  EXPECT_EQ(v[0], "_a1");
  EXPECT_EQ(toks[1].kind, TokenKind::Int);
  EXPECT_EQ(v[1], "-12");
  EXPECT_EQ(toks[2].kind, TokenKind::Int);
  EXPECT_EQ(toks[3].kind, TokenKind::Float);
  EXPECT_EQ(v[3], "3.25");
  EXPECT_EQ(toks[4].kind, TokenKind::Float);
  EXPECT_EQ(v[4], "-0.5e+10");
  EXPECT_EQ(toks[5].kind, TokenKind::Float);
  EXPECT_EQ(toks[6].kind, TokenKind::String);
  EXPECT_EQ(v[6], "s");
  EXPECT_EQ(toks[7].kind, TokenKind::BlockString);
  EXPECT_EQ(v[7], "b");
}

TEST(Lexer, GQL_1_IgnoresWhitespaceCommasCommentsAndBom) {
  auto toks = lexAll("\xEF\xBB\xBF ,,\t# comment }\n  a # another\r\n, b");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].kind, TokenKind::Name);
  EXPECT_EQ(toks[0].line, 2u);
  EXPECT_EQ(toks[0].column, 3u);
  EXPECT_EQ(toks[1].line, 3u);
  EXPECT_EQ(toks[1].column, 3u);
}

TEST(Lexer, GQL_1_LineTerminatorsCrLfCrAndLf) {
  auto toks = lexAll("a\r\nb\rc\nd");
  EXPECT_EQ(toks[1].line, 2u);
  EXPECT_EQ(toks[2].line, 3u);
  EXPECT_EQ(toks[3].line, 4u);
  EXPECT_EQ(toks[3].column, 1u);
}

TEST(Lexer, GQL_1_ColumnsCountUtf16UnitsLikeGraphqlJs) {
  // "é" is one UTF-16 unit (2 bytes); the emoji two units (4 bytes); the BOM one (3 bytes).
  auto toks = lexAll("\"\xC3\xA9\xF0\x9F\x98\x80\" x \xEF\xBB\xBF y");
  EXPECT_EQ(toks[1].column, 7u);
  EXPECT_EQ(toks[1].start, 9u);  // offsets stay bytes
  EXPECT_EQ(toks[2].column, 11u);
}

TEST(Lexer, GQL_1_StringEscapes) {
  EXPECT_EQ(lexOneValue(R"("\" \\ \/ \b \f \n \r \t")"), "\" \\ / \b \f \n \r \t");
  EXPECT_EQ(lexOneValue(R"("\u0041\u00e9")"), "A\xC3\xA9");
  EXPECT_EQ(lexOneValue(R"("\u{1F600}")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(lexOneValue(R"("\u{00000041}")"), "A");  // up to 12 characters in all
  EXPECT_EQ(lexOneValue(R"("\uD83D\uDE00")"), "\xF0\x9F\x98\x80");  // a JSON-style surrogate pair
  EXPECT_EQ(lexOneValue("\"raw \xC3\xA9 text\""), "raw \xC3\xA9 text");
}

TEST(Lexer, GQL_1_InvalidUtf8BecomesReplacementCharacter) {
  // Bytes that are not UTF-8 read as U+FFFD, as a lossy decoder gives graphql-js.
  EXPECT_EQ(lexOneValue("\"a\xFF" "b\""), "a\xEF\xBF\xBD" "b");
  kubos::graphql::ParseResult r = kubos::graphql::parse("{ \xFF }");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "Syntax Error: Unexpected character: U+FFFD.");
}

TEST(Lexer, GQL_1_WtfEightSurrogatesBehaveLikeJavaScriptStrings) {
  // A lone surrogate (what a JSON "\ud800" may decode to) is invalid; a pair is one character.
  kubos::graphql::ParseResult lone = kubos::graphql::parse("{ a(x: \"\xED\xA0\x80\") }");
  ASSERT_TRUE(lone.error);
  EXPECT_EQ(lone.error->message, "Syntax Error: Invalid character within String: U+D800.");
  EXPECT_EQ(lexOneValue("\"\xED\xA0\xBD\xED\xB8\x80\""), "\xF0\x9F\x98\x80");
  kubos::graphql::ParseResult outside = kubos::graphql::parse("\xED\xA0\x80");
  ASSERT_TRUE(outside.error);
  EXPECT_EQ(outside.error->message, "Syntax Error: Invalid character: U+D800.");
}

TEST(Lexer, GQL_1_BlockStringDedentAsGraphqlJs) {
  EXPECT_EQ(lexOneValue("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\""),
            "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(lexOneValue("\"\"\"  first\n  second\n third\"\"\""), "  first\n second\nthird");
  EXPECT_EQ(lexOneValue("\"\"\"\n\n  a\n\n\"\"\""), "a");
  EXPECT_EQ(lexOneValue("\"\"\"a\r\n  b\r  c\"\"\""), "a\nb\nc");
  EXPECT_EQ(lexOneValue("\"\"\" \\\"\"\" \"\"\""), " \"\"\" ");  // escaped triple quote
  EXPECT_EQ(lexOneValue("\"\"\"\\n\\t\"\"\""), "\\n\\t");       // no other escapes
  EXPECT_EQ(lexOneValue("\"\"\"\n   \n   \"\"\""), "");
}

TEST(Lexer, GQL_1_BlockStringAdvancesLines) {
  auto toks = lexAll("\"\"\"a\n b\n  c\"\"\" x");
  EXPECT_EQ(toks[1].line, 3u);
  EXPECT_EQ(toks[1].column, 8u);
}

TEST(Lexer, GQL_1_NoHeapCopyForPlainValues) {
  // Names, numbers and escape-free strings are views into the source.
  const std::string src = "name \"plain\" 42";
  Lexer lexer(src);
  Token t;
  std::string buf;
  lexer.next(0, t, buf);
  EXPECT_EQ(t.value.data(), src.data());
  lexer.next(t.end, t, buf);
  EXPECT_EQ(t.value.data(), src.data() + 6);
}

// Expected messages and locations were produced by graphql-js 16.15 parse().
TEST(Lexer, GQL_1_ErrorMessagesAndLocationsMatchGraphqlJs) {
  const SyntaxErrorCase cases[] = {
    {"?", "Syntax Error: Unexpected character: \"?\".", 1, 1},
    {"{ a ? }", "Syntax Error: Unexpected character: \"?\".", 1, 5},
    {"'", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 1},
    {"\x00", "Syntax Error: Unexpected character: U+0000.", 1, 1},
    {"\x07", "Syntax Error: Unexpected character: U+0007.", 1, 1},
    {"\x0b", "Syntax Error: Unexpected character: U+000B.", 1, 1},
    {"\xc2\xa0", "Syntax Error: Unexpected character: U+00A0.", 1, 1},
    {"\xc3\xa9", "Syntax Error: Unexpected character: U+00E9.", 1, 1},
    {"\xf0\x9f\x98\x80", "Syntax Error: Unexpected character: U+1F600.", 1, 1},
    {".", "Syntax Error: Unexpected character: \".\".", 1, 1},
    {"..", "Syntax Error: Unexpected character: \".\".", 1, 1},
    {". .", "Syntax Error: Unexpected character: \".\".", 1, 1},
    {"{ a }\n\n   ~", "Syntax Error: Unexpected character: \"~\".", 3, 4},
    {"\"", "Syntax Error: Unterminated string.", 1, 2},
    {"\"abc", "Syntax Error: Unterminated string.", 1, 5},
    {"\"abc\n\"", "Syntax Error: Unterminated string.", 1, 5},
    {"\"abc\r\"", "Syntax Error: Unterminated string.", 1, 5},
    {"\"\\x\"", "Syntax Error: Invalid character escape sequence: \"\\x\".", 1, 2},
    {"\"\\u\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u\"\".", 1, 2},
    {"\"\\u12\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u12\"\".", 1, 2},
    {"\"\\u12G4\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".", 1, 2},
    {"\"\\uXXXX\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uXXXX\".", 1, 2},
    {"\"\\uD800\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 2},
    {"\"\\uDC00\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uDC00\".", 1, 2},
    {"\"\\uD800x\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 2},
    {"\"\\uD800\\u0041\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 2},
    {"\"\\uD800\\uD800\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".", 1, 2},
    {"\"\\u{\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{\"\".", 1, 2},
    {"\"\\u{}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".", 1, 2},
    {"\"\\u{G}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{G\".", 1, 2},
    {"\"\\u{D800}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{D800}\".", 1, 2},
    {"\"\\u{110000}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 2},
    {"\"\\u{00000000041}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000000\".", 1, 2},
    {"\"\\u{FFFFFFFFF}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\".", 1, 2},
    {"\"\\u{80000000}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{80000000\".", 1, 2},
    {"\"\\u{12", "Syntax Error: Invalid Unicode escape sequence: \"\\u{12\".", 1, 2},
    {"\"\\", "Syntax Error: Invalid character escape sequence: \"\\\".", 1, 2},
    {"\"\\u{1F600}\" x", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1},
    {"\"\"\"", "Syntax Error: Unterminated string.", 1, 4},
    {"\"\"\"abc", "Syntax Error: Unterminated string.", 1, 7},
    {"\"\"\"abc\"\"", "Syntax Error: Unterminated string.", 1, 9},
    {"\"\"\"a\n\nb", "Syntax Error: Unterminated string.", 3, 2},
    {"-", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 2},
    {"-a", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 2},
    {"--1", "Syntax Error: Invalid number, expected digit but got: \"-\".", 1, 2},
    {"00", "Syntax Error: Invalid number, unexpected digit after 0: \"0\".", 1, 2},
    {"01", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 2},
    {"-01", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 3},
    {"1.", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 3},
    {"1.a", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 3},
    {"1.e1", "Syntax Error: Invalid number, expected digit but got: \"e\".", 1, 3},
    {".5", "Syntax Error: Unexpected character: \".\".", 1, 1},
    {"1e", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 3},
    {"1e+", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 4},
    {"1e-a", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 4},
    {"1E", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 3},
    {"1a", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 2},
    {"1_", "Syntax Error: Invalid number, expected digit but got: \"_\".", 1, 2},
    {"1.5a", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 4},
    {"1.2.3", "Syntax Error: Invalid number, expected digit but got: \".\".", 1, 4},
    {"0x1", "Syntax Error: Invalid number, expected digit but got: \"x\".", 1, 2},
    {"1e5.5", "Syntax Error: Invalid number, expected digit but got: \".\".", 1, 4},
    {"1..2", "Syntax Error: Invalid number, expected digit but got: \".\".", 1, 3},
    {"0.", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 3},
    {"-0.", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 1, 4},
    {"1e1e1", "Syntax Error: Invalid number, expected digit but got: \"e\".", 1, 4},
    {"12345abc", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 6},
    {"\"\xc3\xa9\" ?", "Syntax Error: Unexpected character: \"?\".", 1, 5},
    {"# \xc3\xa9\xc3\xa9\n  ?", "Syntax Error: Unexpected character: \"?\".", 2, 3},
    {"\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\" ?", "Syntax Error: Unexpected character: \"?\".", 1, 8},
    {"\"\"\"\n\xc3\xa9\n\xc3\xa9 \"\"\" ?", "Syntax Error: Unexpected character: \"?\".", 3, 7},
    {"\xef\xbb\xbf ?", "Syntax Error: Unexpected character: \"?\".", 1, 3},
    {"\xef\xbb\xbf\xef\xbb\xbf?", "Syntax Error: Unexpected character: \"?\".", 1, 3},
    {"{\r\n  a\r\n  ?\r\n}", "Syntax Error: Unexpected character: \"?\".", 3, 3},
    {"{\r  a\r  ?\r}", "Syntax Error: Unexpected character: \"?\".", 3, 3},
    {"{\n\r  ?}", "Syntax Error: Unexpected character: \"?\".", 3, 3},
  };
  expectSyntaxErrors(cases);
}
