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
