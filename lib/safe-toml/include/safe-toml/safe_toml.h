// lib/safe-toml: toml++ without its undefined behaviour on non-ASCII text.
//
// toml++ 3.3 (Debian 12) reaches TOML_UNREACHABLE (undefined behaviour: a
// crash, or worse, a wrong answer) when it tests certain non-ASCII characters
// for whitespace, which it does wherever it scans a bare value, a key or the
// space between tokens. Every TOML file this stack reads (config.toml,
// manifest.toml, app.toml) can come from a person or a ground upload, so none
// reaches toml++ with a non-ASCII byte in it:
//   - inside basic strings, each non-ASCII character becomes its \u / \U escape;
//   - literal strings become basic strings with the same value;
//   - in comments, each non-ASCII character becomes '?';
//   - anywhere else (invalid TOML anyway) it is a syntax error, and so is
//     invalid UTF-8 anywhere.
// Valid TOML keeps its meaning; only ASCII is handed to toml++, whatever the
// input. Error positions are given in the caller's text (line, and column in
// characters), not in the rewritten one.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

// toml++ is included here, never directly (so every file sees it the same
// way): toml++ 3.3 asserts, and under clang assumes (__builtin_assume: the
// optimiser may then do anything), conditions that malformed input breaks:
// the fuzzers found '[#', '[[[' and 'a = [}'. Its own checks right after each
// of them report a parse error, so here they neither abort nor assume; GCC's
// release build (what ships) already compiles them this way.
#include <toml++/impl/preprocessor.h>
#undef TOML_ASSERT
#define TOML_ASSERT(expr) static_assert(true)
#undef TOML_ASSUME
#define TOML_ASSUME(...) static_assert(true)
#include <toml++/toml.h>

namespace kubos::safe_toml {

// A TOML syntax error at a place in the caller's text (1-based line and column).
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::string description, std::size_t line, std::size_t column);
  const std::string& description() const { return description_; }
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }

 private:
  std::string description_;
  std::size_t line_;
  std::size_t column_;
};

// Parses TOML text; throws SyntaxError (never toml::parse_error).
toml::table parse(std::string_view text);

// The ASCII-only rewrite that parse() hands to toml++ (exposed for tests).
std::string asciiOnly(std::string_view text);

}  // namespace kubos::safe_toml
