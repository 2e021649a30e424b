// Internal: graphql-js's "Did you mean" machinery (jsutils/suggestionList,
// naturalCompare, didYouMean), shared by validation and value coercion so
// that every suggestion is chosen and worded exactly as graphql-js does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kubos::graphql::detail {

// graphql-js naturalCompare: like strcmp, but runs of digits compare by
// numeric value ("a2" < "a10"). Negative, zero or positive.
int naturalCompare(std::string_view a, std::string_view b);

// graphql-js suggestionList: the options within lexical (Damerau-Levenshtein,
// case-insensitive) distance floor(0.4 * |input|) + 1 of `input`, closest
// first, ties in natural order, duplicates removed.
std::vector<std::string_view> suggestionList(std::string_view input,
                                             const std::vector<std::string_view>& options);

// graphql-js didYouMean: "" for no suggestions, else
// ` Did you mean "A", "B", or "C"?` (at most 5), with an optional sub-message
// after "mean" (e.g. "the enum value").
std::string didYouMean(const std::vector<std::string_view>& suggestions);
std::string didYouMean(std::string_view subMessage, const std::vector<std::string_view>& suggestions);

}  // namespace kubos::graphql::detail
