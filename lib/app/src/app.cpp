#include "app/app.h"

#include <syslog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>

#include "service/config.h"
#include "service/log.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using nlohmann::json;

namespace kubos::app {

std::string_view runLevelName(RunLevel r) { return r == RunLevel::OnBoot ? "OnBoot" : "OnCommand"; }

Invocation parseCommandLine(int argc, const char* const* argv) {
  Invocation inv;
  inv.config = kubos::service::Config::defaultPath();
  bool rest = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (rest) {
      inv.args.push_back(a);
      continue;
    }
    auto value = [&](const char* opt) {
      if (i + 1 >= argc) throw UsageError(std::string("option ") + opt + " needs a value");
      return std::string(argv[++i]);
    };
    if (a == "--") {
      rest = true;
    } else if (a == "-r" || a == "--run") {
      std::string level = value("-r");
      if (level == "OnBoot")
        inv.runLevel = RunLevel::OnBoot;
      else if (level == "OnCommand")
        inv.runLevel = RunLevel::OnCommand;
      else
        throw UsageError("Unknown run level was requested - " + level + ". Available run levels: OnBoot, OnCommand");
    } else if (a == "-c" || a == "--config") {
      inv.config = value("-c");
    } else if (a == "-h" || a == "--help") {
      inv.help = true;
    } else if (a.size() > 1 && a[0] == '-') {
      throw UsageError("unknown option " + a + " (the app's own options go after --)");
    } else {
      inv.args.push_back(a);
    }
  }
  return inv;
}

std::string usage(std::string_view name, std::string_view description) {
  return std::string(name) + ": " + std::string(description) + "\n\nUsage: " + std::string(name) +
         " [-r OnBoot|OnCommand] [-c CONFIG] [-h] [-- ARGS...]\n"
         "  -r, --run LEVEL     run level (default OnCommand)\n"
         "  -c, --config PATH   config.toml with the services' addresses\n"
         "  -h, --help          this text\n";
}

namespace {

// One POST with an overall deadline: async operations on one io_context, run for `timeout`.
std::pair<unsigned, std::string> post(const std::string& host, std::uint16_t port, const std::string& body,
                                      std::chrono::milliseconds timeout) {
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  http::request<http::string_body> req{http::verb::post, "/", 11};
  req.set(http::field::host, host);
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  beast::error_code failure;
  std::string stage = "resolve";
  stream.expires_after(timeout);
  using Endpoints = asio::ip::tcp::resolver::results_type;
  resolver.async_resolve(host, std::to_string(port), [&](beast::error_code ec, const Endpoints& r) {
    if (ec) return void(failure = ec);
    stage = "connect";
    stream.async_connect(r, [&](beast::error_code ec2, const asio::ip::tcp::endpoint&) {
      if (ec2) return void(failure = ec2);
      stage = "send";
      http::async_write(stream, req, [&](beast::error_code ec3, std::size_t) {
        if (ec3) return void(failure = ec3);
        stage = "read the answer";
        http::async_read(stream, buffer, res, [&](beast::error_code ec4, std::size_t) {
          if (ec4) failure = ec4;
          stage = "done";
        });
      });
    });
  });
  io.run_for(timeout + std::chrono::milliseconds(100));
  if (stage != "done" && !failure) failure = beast::error::timeout;
  if (failure) {
    std::string why = failure == beast::error::timeout ? "no answer within " + std::to_string(timeout.count()) + " ms"
                                                       : failure.message();
    throw QueryError("cannot " + stage + " " + host + ":" + std::to_string(port) + ": " + why);
  }
  return {res.result_int(), res.body()};
}

bool emptyErrors(const json& e) {
  return e.is_null() || (e.is_array() && e.empty()) || (e.is_string() && e.get<std::string>().empty());
}

}  // namespace

json query(const std::string& configPath, const std::string& service, const std::string& gql,
           std::chrono::milliseconds timeout) {
  kubos::service::Address addr;
  try {
    addr = kubos::service::Config::load(service, configPath).addr();
  } catch (const kubos::service::ConfigError& e) {
    throw QueryError("Failed to find " + service + " in config: " + e.what());
  }
  auto [status, body] = post(addr.ip, addr.port, json{{"query", gql}}.dump(), timeout);
  if (status < 200 || status >= 300) {
    std::string shown = body.size() > 300 ? body.substr(0, 300) + "..." : body;
    throw QueryError(service + ": HTTP " + std::to_string(status) + ": " + shown);
  }
  json j;
  try {
    j = json::parse(body);
  } catch (const json::exception&) {
    throw QueryError(service + ": the answer is not JSON");
  }
  if (!j.is_object()) throw QueryError(service + ": the answer is not a JSON object");
  for (const auto& [key, v] : j.items()) {
    if (key != "data" && key != "errors") throw QueryError(service + ": unexpected key '" + key + "' in the answer");
  }
  if (auto it = j.find("errors"); it != j.end() && !emptyErrors(*it))
    throw QueryError(service + " Endpoint Error: " + it->dump());
  if (auto it = j.find("data"); it != j.end()) return *it;
  return nullptr;
}

int run(int argc, const char* const* argv, std::string_view name, std::string_view description, const Handlers& h) {
  kubos::service::log::Options lo;
  lo.ident = std::string(name);
  lo.echoStdout = true;
  lo.facility = LOG_USER;
  kubos::service::log::init(lo);
  Context ctx;
  ctx.name = std::string(name);
  try {
    ctx.invocation = parseCommandLine(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << name << ": " << e.what() << "\n";
    kubos::service::log::error(e.what());
    return 2;
  }
  if (ctx.invocation.help) {
    std::cout << usage(name, description);
    return 0;
  }
  const auto& handler = ctx.invocation.runLevel == RunLevel::OnBoot ? h.onBoot : h.onCommand;
  if (!handler) return 0;
  try {
    return handler(ctx);
  } catch (const std::exception& e) {
    kubos::service::log::error(runLevelName(ctx.invocation.runLevel), " failed: ", e.what());
    return 1;
  }
}

}  // namespace kubos::app
