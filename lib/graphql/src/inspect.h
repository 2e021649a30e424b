// graphql-js's inspect() and JavaScript number formatting, shared by the
// scalars, validation and execution so that messages read exactly as
// graphql-js writes them (e.g. `Int cannot represent non-integer value: "a"`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graphql/value.h"

namespace kubos::graphql {

// graphql-js inspect(value) for JSON-like values: strings JSON-quoted,
// objects as `{ a: 1, b: [1, 2] }`, nesting deeper than 2 as [Object] /
// [Array], lists longer than 10 shortened with "... N more items".
std::string inspect(const Value& v);

// JavaScript's String(number): 1, 1.5, 1e+21, 1e-7, NaN, Infinity.
std::string jsNumberToString(double d);
// A Value number as JavaScript prints it (Int as integer, Float as above).
std::string jsNumberToString(const Value& number);

// JavaScript's Number(string): trims whitespace, "" -> 0, accepts decimal,
// exponent, Infinity and 0x/0o/0b integers. nullopt where JavaScript gives NaN.
std::optional<double> jsStringToNumber(std::string_view s);

}  // namespace kubos::graphql
