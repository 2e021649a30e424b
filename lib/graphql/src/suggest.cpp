#include "suggest.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace kubos::graphql::detail {

namespace {

bool isDigit(int c) { return c >= '0' && c <= '9'; }

// JavaScript strings are UTF-16: lengths and comparisons in graphql-js count
// UTF-16 code units, so decode our UTF-8 into those before measuring.
// Only ASCII letters are lowercased (GraphQL names are ASCII).
std::u16string toLowerUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    }
    if (len > 1) {
      if (i + len > s.size()) {  // truncated sequence: take the byte as is
        len = 1;
        cp = c;
      } else {
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
      }
    }
    i += len;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp > 0xFFFF) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

class LexicalDistance {
 public:
  explicit LexicalDistance(std::string_view input)
      : input_(input), inputLower_(toLowerUtf16(input)) {
    for (auto& r : rows_) r.assign(inputLower_.size() + 1, 0);
  }

  std::size_t inputLength() const { return inputLower_.size(); }

  std::optional<std::size_t> measure(std::string_view option, std::size_t threshold) {
    if (input_ == option) return 0;
    std::u16string optionLower = toLowerUtf16(option);
    // Any case change counts as a single edit.
    if (inputLower_ == optionLower) return 1;

    const std::u16string* a = &optionLower;
    const std::u16string* b = &inputLower_;
    if (a->size() < b->size()) std::swap(a, b);
    const std::size_t aLength = a->size();
    const std::size_t bLength = b->size();
    if (aLength - bLength > threshold) return std::nullopt;

    for (std::size_t j = 0; j <= bLength; ++j) rows_[0][j] = j;
    for (std::size_t i = 1; i <= aLength; ++i) {
      auto& upRow = rows_[(i - 1) % 3];
      auto& currentRow = rows_[i % 3];
      std::size_t smallestCell = currentRow[0] = i;
      for (std::size_t j = 1; j <= bLength; ++j) {
        const std::size_t cost = (*a)[i - 1] == (*b)[j - 1] ? 0 : 1;
        std::size_t currentCell =
            std::min({upRow[j] + 1, currentRow[j - 1] + 1, upRow[j - 1] + cost});
        if (i > 1 && j > 1 && (*a)[i - 1] == (*b)[j - 2] && (*a)[i - 2] == (*b)[j - 1]) {
          currentCell = std::min(currentCell, rows_[(i - 2) % 3][j - 2] + 1);  // transposition
        }
        smallestCell = std::min(smallestCell, currentCell);
        currentRow[j] = currentCell;
      }
      // The distance cannot shrink below the smallest cell of this row.
      if (smallestCell > threshold) return std::nullopt;
    }
    const std::size_t distance = rows_[aLength % 3][bLength];
    if (distance <= threshold) return distance;
    return std::nullopt;
  }

 private:
  std::string_view input_;
  std::u16string inputLower_;
  std::vector<std::size_t> rows_[3];
};

}  // namespace

int naturalCompare(std::string_view a, std::string_view b) {
  std::size_t ai = 0, bi = 0;
  // charCodeAt past the end is NaN in JS: never a digit.
  auto at = [](std::string_view s, std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : -1; };
  while (ai < a.size() && bi < b.size()) {
    int ac = at(a, ai);
    int bc = at(b, bi);
    if (isDigit(ac) && isDigit(bc)) {
      // Numbers compare by value; a leading zero ends its run (as in graphql-js).
      auto readNumber = [&](std::string_view s, std::size_t& i, int& c) {
        std::uint64_t n = 0;
        do {
          ++i;
          n = n * 10 + static_cast<std::uint64_t>(c - '0');
          c = at(s, i);
        } while (isDigit(c) && n > 0 && n < (1ull << 60));
        return n;
      };
      const std::uint64_t an = readNumber(a, ai, ac);
      const std::uint64_t bn = readNumber(b, bi, bc);
      if (an < bn) return -1;
      if (an > bn) return 1;
    } else {
      if (ac < bc) return -1;
      if (ac > bc) return 1;
      ++ai;
      ++bi;
    }
  }
  return static_cast<int>(a.size()) - static_cast<int>(b.size());
}

std::vector<std::string_view> suggestionList(std::string_view input,
                                             const std::vector<std::string_view>& options) {
  LexicalDistance lexicalDistance(input);
  const std::size_t threshold = lexicalDistance.inputLength() * 2 / 5 + 1;  // floor(len * 0.4) + 1
  std::vector<std::pair<std::string_view, std::size_t>> found;
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::string_view option : options) {
    if (seen.count(option)) continue;  // graphql-js keys an object by option
    auto distance = lexicalDistance.measure(option, threshold);
    if (!distance) continue;
    seen.emplace(option, found.size());
    found.emplace_back(option, *distance);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second < y.second;
    return naturalCompare(x.first, y.first) < 0;
  });
  std::vector<std::string_view> out;
  out.reserve(found.size());
  for (auto& f : found) out.push_back(f.first);
  return out;
}

std::string didYouMean(std::string_view subMessage, const std::vector<std::string_view>& suggestions) {
  if (suggestions.empty()) return {};
  std::string message = " Did you mean ";
  if (!subMessage.empty()) {
    message += subMessage;
    message += ' ';
  }
  auto quoted = [](std::string_view s) { return "\"" + std::string(s) + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  const std::size_t n = std::min<std::size_t>(suggestions.size(), 5);  // MAX_SUGGESTIONS
  for (std::size_t i = 0; i + 1 < n; ++i) {
    message += quoted(suggestions[i]);
    message += ", ";
  }
  return message + "or " + quoted(suggestions[n - 1]) + "?";
}

std::string didYouMean(const std::vector<std::string_view>& suggestions) { return didYouMean({}, suggestions); }

}  // namespace kubos::graphql::detail
