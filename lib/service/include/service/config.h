// config.toml for services (docs/services.md, "config.toml").
//
//   [sim-eps-service]            keys of the service
//   bus = "/dev/ttyS4"
//   [sim-eps-service.addr]       where its GraphQL endpoint listens
//   ip = "127.0.0.1"             IPv4 / IPv6 literal or host name
//   port = 8100
//
// Every problem is a ConfigError whose message is one line naming the file,
// the key and the problem, e.g.
//   /etc/kubos-config.toml:7: sim-eps-service.addr.port: 70000 is out of range (1..65535)
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::service {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Address {
  std::string ip;          // as written: literal or host name
  std::uint16_t port = 0;
  // "127.0.0.1:8100", "[::1]:8100", "localhost:8100"
  [[nodiscard]] std::string toString() const;
};

namespace detail {
struct ConfigDocument;  // the parsed TOML (kept alive by every view)
}

// A view of one table ([name] or a sub-table such as [name.comms]) with typed
// accessors. get*(key, default) returns the default only when the key is
// absent; a present key of the wrong type or out of range is an error. The
// accessors are not [[nodiscard]]: calling one only to validate is fine.
class ConfigTable {
 public:
  using Int = std::int64_t;
  static constexpr Int kMinInt = std::numeric_limits<Int>::min();
  static constexpr Int kMaxInt = std::numeric_limits<Int>::max();

  // Dotted path of this table, e.g. "sim-eps-service.comms".
  const std::string& path() const { return path_; }
  const std::string& file() const;
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> keys() const;

  std::string getString(std::string_view key, std::string def) const;
  std::optional<std::string> optString(std::string_view key) const;
  std::string requireString(std::string_view key) const;

  Int getInt(std::string_view key, Int def, Int min = kMinInt, Int max = kMaxInt) const;
  std::optional<Int> optInt(std::string_view key, Int min = kMinInt, Int max = kMaxInt) const;
  Int requireInt(std::string_view key, Int min = kMinInt, Int max = kMaxInt) const;

  // Accepts an integer too (KubOS configs write `timeout = 5`).
  double getDouble(std::string_view key, double def) const;
  std::optional<double> optDouble(std::string_view key) const;
  bool getBool(std::string_view key, bool def) const;
  std::optional<bool> optBool(std::string_view key) const;

  std::vector<std::string> getStringList(std::string_view key, std::vector<std::string> def) const;
  std::vector<Int> getIntList(std::string_view key, std::vector<Int> def, Int min = kMinInt,
                                            Int max = kMaxInt) const;

  // A sub-table; nullopt when absent, ConfigError when present but not a table.
  std::optional<ConfigTable> table(std::string_view key) const;
  ConfigTable requireTable(std::string_view key) const;

  // "<file>:<line>: <path>.<key>: <problem>" (line when the key exists).
  [[noreturn]] void fail(std::string_view key, std::string_view problem) const;
  [[nodiscard]] std::string keyPath(std::string_view key) const;

 private:
  friend class Config;
  ConfigTable(std::shared_ptr<const detail::ConfigDocument> doc, const void* table, std::string path)
      : doc_(std::move(doc)), table_(table), path_(std::move(path)) {}
  const void* node(std::string_view key) const;  // toml::node*, or null

  std::shared_ptr<const detail::ConfigDocument> doc_;
  const void* table_;  // toml::table*
  std::string path_;
};

class Config {
 public:
  static constexpr const char* kUserConfigPath = "/home/system/etc/config.toml";
  static constexpr const char* kSystemConfigPath = "/etc/kubos-config.toml";

  // /home/system/etc/config.toml if it exists, else /etc/kubos-config.toml.
  [[nodiscard]] static std::string defaultPath();
  // The first candidate that exists, else the last one (testable form).
  [[nodiscard]] static std::string firstExisting(const std::vector<std::string>& candidates);

  // With no -c: what defaultPath() would read, or a ConfigError naming both
  // paths tried when neither exists.
  [[nodiscard]] static std::string defaultPathOrThrow();

  // Reads the file and finds [section]. Throws ConfigError.
  static Config load(std::string_view section, const std::string& path);
  // Same from TOML text; `origin` names it in messages.
  static Config fromString(std::string_view section, std::string_view toml, std::string origin);

  const std::string& file() const;
  const std::string& section() const { return service_.path(); }
  // The [section] table (addr and sub-tables included).
  const ConfigTable& service() const { return service_; }
  // [section.addr] validated: ip a non-empty string, port an integer 1..65535.
  Address addr() const;

  // One line per key of [section] (and of each sub-table the service opened)
  // that the service never looked up, in file order, e.g.
  //   "/etc/kubos-config.toml:4: sim-eps-service.tiemout_ms: unknown key, ignored (did you mean timeout_ms?)"
  // Every key asked for counts as known, present or not, so call it after
  // start-up has read the configuration (Service::serve does, and logs them).
  [[nodiscard]] std::vector<std::string> unknownKeys() const;

 private:
  explicit Config(ConfigTable service) : service_(std::move(service)) {}
  ConfigTable service_;
};

}  // namespace kubos::service
