// graphql-js's "Did you mean ...?" machinery: suggestionList (Damerau-
// Levenshtein with case changes as one edit, sorted by distance then
// naturalCompare) and didYouMean.
#include <algorithm>
#include <cctype>

#include "schema_impl.h"

namespace gql::detail {

namespace {

std::string toLower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// Distance from `input` to `option`, or -1 when above `threshold`.
int lexicalDistance(std::string_view input, const std::string& inputLower, std::string_view option,
                    int threshold) {
  if (input == option) return 0;
  const std::string optionLower = toLower(option);
  if (inputLower == optionLower) return 1;
  std::string_view a = optionLower, b = inputLower;
  if (a.size() < b.size()) std::swap(a, b);
  const int aLength = static_cast<int>(a.size());
  const int bLength = static_cast<int>(b.size());
  if (aLength - bLength > threshold) return -1;
  std::vector<int> rows[3];
  for (auto& r : rows) r.assign(static_cast<std::size_t>(bLength) + 1, 0);
  for (int j = 0; j <= bLength; ++j) rows[0][static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= aLength; ++i) {
    auto& up = rows[(i - 1) % 3];
    auto& cur = rows[i % 3];
    int smallest = cur[0] = i;
    for (int j = 1; j <= bLength; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      const int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int cell = std::min({up[uj] + 1, cur[uj - 1] + 1, up[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[uj - 2] &&
          a[static_cast<std::size_t>(i - 2)] == b[uj - 1]) {
        cell = std::min(cell, rows[(i - 2) % 3][uj - 2] + 1);  // transposition
      }
      smallest = std::min(smallest, cell);
      cur[uj] = cell;
    }
    if (smallest > threshold) return -1;
  }
  const int distance = rows[aLength % 3][static_cast<std::size_t>(bLength)];
  return distance <= threshold ? distance : -1;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// graphql-js naturalCompare: digit runs compare as numbers.
int naturalCompare(std::string_view a, std::string_view b) {
  std::size_t ai = 0, bi = 0;
  while (ai < a.size() && bi < b.size()) {
    if (isDigit(a[ai]) && isDigit(b[bi])) {
      double an = 0, bn = 0;
      do {
        an = an * 10 + (a[ai] - '0');
        ++ai;
      } while (ai < a.size() && isDigit(a[ai]) && an > 0);
      do {
        bn = bn * 10 + (b[bi] - '0');
        ++bi;
      } while (bi < b.size() && isDigit(b[bi]) && bn > 0);
      if (an < bn) return -1;
      if (an > bn) return 1;
    } else {
      if (a[ai] != b[bi]) return static_cast<unsigned char>(a[ai]) < static_cast<unsigned char>(b[bi]) ? -1 : 1;
      ++ai;
      ++bi;
    }
  }
  const auto diff = static_cast<long long>(a.size()) - static_cast<long long>(b.size());
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

}  // namespace

std::vector<std::string> suggestionList(std::string_view input, const std::vector<std::string>& options) {
  const std::string inputLower = toLower(input);
  const int threshold = static_cast<int>(input.size() * 4 / 10) + 1;  // floor(len * 0.4) + 1
  std::vector<std::pair<std::string, int>> found;
  for (const auto& option : options) {
    const int d = lexicalDistance(input, inputLower, option, threshold);
    if (d < 0) continue;
    // Later duplicates replace the distance but keep the first position, as
    // keys of a JavaScript object do.
    auto it = std::find_if(found.begin(), found.end(), [&](const auto& p) { return p.first == option; });
    if (it != found.end()) it->second = d;
    else found.emplace_back(option, d);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second < y.second;
    return naturalCompare(x.first, y.first) < 0;
  });
  std::vector<std::string> result;
  result.reserve(found.size());
  for (auto& p : found) result.push_back(std::move(p.first));
  return result;
}

std::string didYouMean(const std::vector<std::string>& suggestions) {
  constexpr std::size_t kMaxSuggestions = 5;
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  const std::size_t n = std::min(kMaxSuggestions, suggestions.size());
  for (std::size_t i = 0; i + 1 < n; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[n - 1]) + "?";
}

}  // namespace gql::detail
