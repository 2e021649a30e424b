#include "service/config.h"

#include "safe-toml/safe_toml.h"

#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace kubos::service {

namespace detail {
struct ConfigDocument {
  std::string file;
  toml::table root;

  // Which keys the service looked up in each of its tables (present or not:
  // an optional key asked for is a known key), so that after start-up the
  // kit can warn about keys nobody reads, such as a misspelt `tiemout_ms`.
  struct Seen {
    std::string path;
    std::set<std::string, std::less<>> keys;
    bool allKeys = false;  // keys() was called: the service reads whatever is there
  };
  mutable std::mutex mutex;
  mutable std::map<const toml::table*, Seen> seen;  // tables opened, with their keys

  Seen& seenFor(const toml::table* t, std::string_view path) const {
    auto [it, inserted] = seen.try_emplace(t);
    if (inserted) it->second.path = std::string(path);
    return it->second;
  }
};
}  // namespace detail

namespace {

const toml::table& asTable(const void* p) { return *static_cast<const toml::table*>(p); }
const toml::node* asNode(const void* p) { return static_cast<const toml::node*>(p); }

std::string_view typeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

bool fileExists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Edit distance with adjacent transpositions counted as one edit
// ("tiemout" -> "timeout" is 1), for "did you mean" suggestions.
std::size_t editDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

// toml++'s messages, said in plain words for the mistakes people make.
// The original wording follows in brackets for the rest of the detail.
std::string plainSyntaxError(std::string_view raw) {
  // toml++ quotes what it saw, newline included: keep the message one line.
  std::string description;
  for (const char c : raw) {
    if (c == '\n') description += "\\n";
    else if (c == '\r') description += "\\r";
    else if (static_cast<unsigned char>(c) < 0x20) description += ' ';
    else description += c;
  }
  struct Rule {
    std::string_view needle;
    std::string_view plain;
  };
  static constexpr Rule kRules[] = {
      {"control characters other than TAB",
       "unterminated string: a quoted value must end with its closing quote on the same line (use \"\"\"...\"\"\" for "
       "text over several lines)"},
      {"expected '='", "missing '=' between the key and its value (write key = value)"},
      {"could not determine value type",
       "bad value: text must be quoted (key = \"text\"); numbers, true/false, [arrays] and {inline tables} are not"},
      {"expected value", "missing value after '='"},
      {"expected 'true'", "bad value: a boolean is true or false, in lower case"},
      {"expected 'false'", "bad value: a boolean is true or false, in lower case"},
      {"expected a comment or whitespace",
       "unexpected text after the value: one key = value per line (comments start with #)"},
      {"cannot redefine existing", "defined twice: each key and each [table] may appear only once"},
      {"parsing table header: expected ']'",
       "unterminated table header: a [table] needs its closing ']' on the same line"},
      {"parsing array", "bad array: items are separated by commas and the array ends with ']'"},
      {"parsing inline table", "bad inline table: {key = value, ...} must close with '}' on the same line"},
      {"not representable in 64 bits", "integer out of range: integers are 64-bit signed"},
      {"unknown escape sequence",
       "unknown escape in a quoted string: write \\\\ for a backslash, or use 'single quotes' for text with "
       "backslashes"},
  };
  for (const auto& r : kRules)
    if (description.find(r.needle) != std::string_view::npos)
      return std::string(r.plain) + " [" + description + "]";
  return description;
}

std::string lineOf(const toml::node* n) {
  if (n == nullptr || n->source().begin.line == 0) return {};
  return ":" + std::to_string(n->source().begin.line);
}

}  // namespace

std::string Address::toString() const {
  if (ip.find(':') != std::string::npos) return "[" + ip + "]:" + std::to_string(port);
  return ip + ":" + std::to_string(port);
}

// ---- ConfigTable --------------------------------------------------------------

const std::string& ConfigTable::file() const { return doc_->file; }

const void* ConfigTable::node(std::string_view key) const {
  {
    std::lock_guard lock(doc_->mutex);
    auto& seen = doc_->seenFor(&asTable(table_), path_);
    if (seen.keys.find(key) == seen.keys.end()) seen.keys.emplace(key);
  }
  return asTable(table_).get(key);
}

bool ConfigTable::has(std::string_view key) const { return node(key) != nullptr; }

std::vector<std::string> ConfigTable::keys() const {
  {
    std::lock_guard lock(doc_->mutex);
    doc_->seenFor(&asTable(table_), path_).allKeys = true;
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : asTable(table_)) out.emplace_back(k.str());
  return out;
}

std::string ConfigTable::keyPath(std::string_view key) const {
  std::string p = path_;
  p += '.';
  p += key;
  return p;
}

void ConfigTable::fail(std::string_view key, std::string_view problem) const {
  const toml::node* n = key.empty() ? nullptr : asNode(node(key));
  std::string msg = doc_->file + lineOf(n) + ": " + (key.empty() ? path_ : keyPath(key)) + ": ";
  msg += problem;
  throw ConfigError(msg);
}

std::optional<std::string> ConfigTable::optString(std::string_view key) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) fail(key, "expected a string, found " + std::string(typeName(*n)));
  return n->as_string()->get();
}

std::string ConfigTable::getString(std::string_view key, std::string def) const {
  auto v = optString(key);
  return v ? *v : std::move(def);
}

std::string ConfigTable::requireString(std::string_view key) const {
  auto v = optString(key);
  if (!v) fail(key, "missing (a string is required)");
  return *v;
}

std::optional<ConfigTable::Int> ConfigTable::optInt(std::string_view key, Int min, Int max) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) fail(key, "expected an integer, found " + std::string(typeName(*n)));
  const Int v = n->as_integer()->get();
  if (v < min || v > max)
    fail(key, std::to_string(v) + " is out of range (" + std::to_string(min) + ".." + std::to_string(max) + ")");
  return v;
}

ConfigTable::Int ConfigTable::getInt(std::string_view key, Int def, Int min, Int max) const {
  auto v = optInt(key, min, max);
  return v ? *v : def;
}

ConfigTable::Int ConfigTable::requireInt(std::string_view key, Int min, Int max) const {
  auto v = optInt(key, min, max);
  if (!v) fail(key, "missing (an integer is required)");
  return *v;
}

std::optional<double> ConfigTable::optDouble(std::string_view key) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return std::nullopt;
  if (n->is_floating_point()) return n->as_floating_point()->get();
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  fail(key, "expected a number, found " + std::string(typeName(*n)));
}

double ConfigTable::getDouble(std::string_view key, double def) const {
  auto v = optDouble(key);
  return v ? *v : def;
}

std::optional<bool> ConfigTable::optBool(std::string_view key) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return std::nullopt;
  if (!n->is_boolean()) fail(key, "expected a boolean, found " + std::string(typeName(*n)));
  return n->as_boolean()->get();
}

bool ConfigTable::getBool(std::string_view key, bool def) const {
  auto v = optBool(key);
  return v ? *v : def;
}

std::vector<std::string> ConfigTable::getStringList(std::string_view key, std::vector<std::string> def) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return def;
  if (!n->is_array()) fail(key, "expected an array of strings, found " + std::string(typeName(*n)));
  std::vector<std::string> out;
  std::size_t i = 0;
  for (const toml::node& item : *n->as_array()) {
    if (!item.is_string())
      fail(key, "item " + std::to_string(i) + ": expected a string, found " + std::string(typeName(item)));
    out.push_back(item.as_string()->get());
    ++i;
  }
  return out;
}

std::vector<ConfigTable::Int> ConfigTable::getIntList(std::string_view key, std::vector<Int> def, Int min,
                                                      Int max) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return def;
  if (!n->is_array()) fail(key, "expected an array of integers, found " + std::string(typeName(*n)));
  std::vector<Int> out;
  std::size_t i = 0;
  for (const toml::node& item : *n->as_array()) {
    const std::string where = "item " + std::to_string(i) + ": ";
    if (!item.is_integer()) fail(key, where + "expected an integer, found " + std::string(typeName(item)));
    const Int v = item.as_integer()->get();
    if (v < min || v > max)
      fail(key, where + std::to_string(v) + " is out of range (" + std::to_string(min) + ".." +
                    std::to_string(max) + ")");
    out.push_back(v);
    ++i;
  }
  return out;
}

std::optional<ConfigTable> ConfigTable::table(std::string_view key) const {
  const toml::node* n = asNode(node(key));
  if (n == nullptr) return std::nullopt;
  if (!n->is_table()) fail(key, "expected a table, found " + std::string(typeName(*n)));
  ConfigTable sub(doc_, n->as_table(), keyPath(key));
  {
    std::lock_guard lock(doc_->mutex);
    doc_->seenFor(n->as_table(), sub.path_);  // opened: its own keys are checked too
  }
  return sub;
}

ConfigTable ConfigTable::requireTable(std::string_view key) const {
  auto t = table(key);
  if (!t) fail(key, "missing (a [" + keyPath(key) + "] table is required)");
  return *t;
}

// ---- Config -------------------------------------------------------------------

std::string Config::firstExisting(const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)
    if (fileExists(c)) return c;
  return candidates.empty() ? std::string() : candidates.back();
}

std::string Config::defaultPath() { return firstExisting({kUserConfigPath, kSystemConfigPath}); }

std::string Config::defaultPathOrThrow() {
  if (fileExists(kUserConfigPath)) return kUserConfigPath;
  if (fileExists(kSystemConfigPath)) return kSystemConfigPath;
  throw ConfigError(std::string("no config file: neither ") + kUserConfigPath + " nor " + kSystemConfigPath +
                    " exists (give one with -c PATH)");
}

Config Config::fromString(std::string_view section, std::string_view text, std::string origin) {
  auto doc = std::make_shared<detail::ConfigDocument>();
  doc->file = std::move(origin);
  try {
    doc->root = safe_toml::parse(text);
  } catch (const safe_toml::SyntaxError& e) {
    std::ostringstream msg;
    msg << doc->file << ':' << e.line() << ':' << e.column()
        << ": TOML syntax error: " << plainSyntaxError(e.description());
    throw ConfigError(msg.str());
  }
  const toml::node* sec = doc->root.get(section);
  if (sec == nullptr) throw ConfigError(doc->file + ": no [" + std::string(section) + "] section");
  if (!sec->is_table())
    throw ConfigError(doc->file + lineOf(sec) + ": " + std::string(section) + ": expected a table, found " +
                      std::string(typeName(*sec)));
  const toml::table* t = sec->as_table();
  doc->seenFor(t, section);
  return Config(ConfigTable(std::move(doc), t, std::string(section)));
}

Config Config::load(std::string_view section, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw ConfigError(path + ": cannot read config file: Is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ConfigError(path + ": cannot read config file: " + std::strerror(err));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw ConfigError(path + ": cannot read config file: read error");
  return fromString(section, content.str(), path);
}

const std::string& Config::file() const { return service_.file(); }

std::vector<std::string> Config::unknownKeys() const {
  const detail::ConfigDocument& doc = *service_.doc_;
  std::lock_guard lock(doc.mutex);
  std::vector<std::pair<std::uint32_t, std::string>> found;  // by line, as the file reads
  for (const auto& [table, seen] : doc.seen) {
    if (seen.allKeys) continue;
    for (const auto& [k, node] : *table) {
      const std::string_view key = k.str();
      if (seen.keys.count(key) != 0) continue;
      std::string msg = doc.file + lineOf(&node) + ": " + seen.path + "." + std::string(key) + ": unknown key, ignored";
      // Suggest the closest key the service reads, if it is close enough to be a typo.
      std::string_view best;
      std::size_t bestDistance = std::max<std::size_t>(1, key.size() * 2 / 5) + 1;
      for (const auto& known : seen.keys) {
        if (table->get(known) != nullptr) continue;  // already written: not what was meant
        const std::size_t d = editDistance(key, known);
        if (d < bestDistance) {
          bestDistance = d;
          best = known;
        }
      }
      if (!best.empty()) msg += " (did you mean " + std::string(best) + "?)";
      found.emplace_back(node.source().begin.line, std::move(msg));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  out.reserve(found.size());
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

Address Config::addr() const {
  auto t = service_.table("addr");
  if (!t) throw ConfigError(file() + ": " + section() + ".addr: missing (a [" + section() +
                            ".addr] table with ip and port is required)");
  Address a;
  a.ip = t->requireString("ip");
  if (a.ip.empty()) t->fail("ip", "must not be empty");
  a.port = static_cast<std::uint16_t>(t->requireInt("port", 1, 65535));
  return a;
}

}  // namespace kubos::service
