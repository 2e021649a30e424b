// Requirements STOML-1..5 (lib/safe-toml/README.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "safe-toml/safe_toml.h"

using kubos::safe_toml::asciiOnly;
using kubos::safe_toml::parse;
using kubos::safe_toml::SyntaxError;

namespace {

// The UTF-8 of cp, as toml++ itself decodes a \U escape (no second encoder here).
std::string utf8(char32_t cp) {
  char escaped[32];
  std::snprintf(escaped, sizeof escaped, "a = \"\\U%08X\"", static_cast<unsigned>(cp));
  return toml::parse(escaped)["a"].value_or(std::string());
}

bool isAscii(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

SyntaxError errorOf(const std::string& text) {
  try {
    parse(text);
  } catch (const SyntaxError& e) {
    return e;
  }
  ADD_FAILURE() << "no SyntaxError for: " << text;
  return SyntaxError("none", 0, 0);
}

}  // namespace

// STOML-1: strings keep their non-ASCII characters, whichever TOML string kind.
TEST(SafeToml, STOML_1_strings_keep_their_value) {
  const std::string e = utf8(0xFA), snow = utf8(0x2603), emoji = utf8(0x1F680);
  ASSERT_EQ(e + snow + emoji, "\xC3\xBA\xE2\x98\x83\xF0\x9F\x9A\x80");  // the helper itself
  auto t = parse("a = \"caf" + e + "\"\n"
                 "b = 'C:\\dir\\" + snow + " \"q\"'\n"
                 "c = '''\nline " + emoji + "\nend\\ ''''\n"
                 "d = \"\"\"x \\\n   " + e + " y\"\"\"\n"
                 "\"k" + e + "\" = 1\n");
  EXPECT_EQ(t["a"].value_or(std::string()), "caf" + e);
  EXPECT_EQ(t["b"].value_or(std::string()), "C:\\dir\\" + snow + " \"q\"");
  EXPECT_EQ(t["c"].value_or(std::string()), "line " + emoji + "\nend\\ '");
  EXPECT_EQ(t["d"].value_or(std::string()), "x " + e + " y");
  EXPECT_EQ(t["k" + e].value_or(0), 1);
}

// STOML-2: toml++ is only ever handed ASCII, so its non-ASCII whitespace test
// (undefined behaviour in toml++ 3.3) is never reached; this input, found by
// manifest-fuzzer, reached it before.
TEST(SafeToml, STOML_2_only_ascii_reaches_tomlpp) {
  const std::string found = "actve= 2[\"ecu0EEEEEEEEEEEEEEEEE\xC3\xBA" + std::string(43, 'E') + "\"s ";
  EXPECT_TRUE(isAscii(asciiOnly(found)));
  EXPECT_THROW(parse(found), SyntaxError);
  // Every code point up to U+3100 (all of toml++'s bad ranges) and a few
  // beyond, in every place TOML allows it and in some it does not.
  for (char32_t cp = 0x80; cp < 0x3100; ++cp) {
    const std::string c = utf8(cp);
    for (const std::string& text : {"a = \"" + c + "\"", "a = '" + c + "'", "a = 1 # " + c, "a = '''" + c + "'''",
                                    "a = 1" + c, c + " = 1", "a = [1," + c + "]", "a = 2[\"" + c + "\"s"}) {
      try {
        ASSERT_TRUE(isAscii(asciiOnly(text))) << text;
        auto t = parse(text);
        if (auto s = t["a"].value<std::string>()) {
          ASSERT_EQ(*s, c) << text;
        }
      } catch (const SyntaxError&) {
      }
    }
    ASSERT_EQ(parse("a = \"" + c + "\"")["a"].value_or(std::string()), c);
  }
}

// STOML-3: non-ASCII outside strings and comments, and invalid UTF-8, are
// syntax errors that say where, in the caller's lines and columns.
TEST(SafeToml, STOML_3_errors_say_where) {
  auto bare = errorOf("ok = 1\nn" + utf8(0xE9) + "e = 2\n");
  EXPECT_EQ(bare.line(), 2u);
  EXPECT_EQ(bare.column(), 2u);
  EXPECT_NE(bare.description().find("non-ASCII"), std::string::npos);

  auto invalid = errorOf("a = \"\xC3\x28\"");
  EXPECT_EQ(invalid.description(), "invalid UTF-8");
  EXPECT_EQ(invalid.column(), 6u);
  EXPECT_THROW(parse("a = \"\xED\xA0\x80\""), SyntaxError);  // a surrogate
  EXPECT_THROW(parse("a = \"\xC0\xAF\""), SyntaxError);      // overlong '/'
  EXPECT_THROW(parse("# \xFF\n"), SyntaxError);

  // toml++'s own error, on a line whose string was rewritten: the column is the
  // one in the caller's text (x is the 12th character).
  auto after = errorOf("a = \"" + utf8(0x2603) + utf8(0x2603) + utf8(0x2603) + "\"  x\n");
  EXPECT_EQ(after.line(), 1u);
  EXPECT_EQ(after.column(), 12u);
}

// STOML-4: what is not about non-ASCII parses exactly as toml++ parses it.
TEST(SafeToml, STOML_4_ascii_toml_unchanged) {
  const std::string text =
      "[svc]\nport = 8000 # comment\n[svc.addr]\nip = \"127.0.0.1\"\nlist = [1, 2, 3]\n"
      "s = 'lit'\nm = \"\"\"\nmulti \"\" quote\"\"\"\nt = { a = 1, b = 'x' }\n";
  EXPECT_EQ(toml::parse(text), parse(text));
  auto e = errorOf("a = = 1");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), 5u);
}

// STOML-5: a UTF-8 byte order mark is allowed at the start.
TEST(SafeToml, STOML_5_byte_order_mark) {
  auto t = parse("\xEF\xBB\xBF" "a = 1\n");
  EXPECT_EQ(t["a"].value_or(0), 1);
}

// STOML-6: a table header without a key after its '[' is a syntax error from
// here (toml++ 3.3 asserts on it); brackets of values are left alone.
TEST(SafeToml, STOML_6_table_header_needs_a_key) {
  for (const char* bad : {"[#  n", "[ =a]", "[[ .x]]", "[[[", "[[ [x]]", "[\n", "ok = 1\n  [ ,]"}) {
    auto e = errorOf(bad);
    EXPECT_EQ(e.description(), "table header: expected a key name after '['") << bad;
  }
  EXPECT_THROW(parse("[ [x]]"), SyntaxError);  // toml++'s own message
  EXPECT_EQ(errorOf("ok = 1\n  [ ,]").line(), 2u);
  EXPECT_EQ(errorOf("ok = 1\n  [ ,]").column(), 3u);
  EXPECT_EQ(parse("a = [#c\n1]")["a"][0].value<int64_t>(), 1);
  EXPECT_EQ(parse("x = [\n[#c\n 1], [2]]")["x"][1][0].value<int64_t>(), 2);
  EXPECT_EQ(parse("[ a ]\nk = 1\n[[ 'b' ]]\n[\"c\"]\n[d.e]")["a"]["k"].value<int64_t>(), 1);
  EXPECT_EQ(parse("t = { a = [1] }\n[s]\nv = 2")["s"]["v"].value<int64_t>(), 2);
}

// STOML-7: input that breaks toml++'s own assertions (found by the fuzzers in
// the Debug sanitizer build) is a syntax error, not an abort.
TEST(SafeToml, STOML_7_tomlpp_assertions_do_not_abort) {
  for (const char* bad : {"a = [}", "actvecg= [}2_=\"EE*\". q", "a = [1, }", "t = { a = [} }"})
    EXPECT_THROW(parse(bad), SyntaxError) << bad;
}
