// graphql-bench: times parse+validate+execute through kubos::graphql::Engine, cold (no
// document cache: every request is parsed and validated) and warm (cache on:
// a repeated query costs only execution), for two requests on an EPS
// hardware-service schema: a telemetry query and getIntrospectionQuery().
//
// The method mirrors bench/graphql-js-bench.mjs so that the two can be
// compared: warm up, then several timed rounds, report the median rate.
//
//   graphql-bench [--data REPO_DIR] [--json] [--seconds S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "graphql/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "graphql-bench: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

kubos::graphql::Value readJson(const std::string& path) {
  kubos::graphql::JsonParseError err;
  auto v = kubos::graphql::parseJson(readFile(path), &err);
  if (!v) {
    std::fprintf(stderr, "graphql-bench: %s: %s\n", path.c_str(), err.message.c_str());
    std::exit(1);
  }
  return std::move(*v);
}

// Keeps results observable so the optimiser cannot drop the work.
std::size_t g_sink = 0;

struct Rate {
  double opsPerSec = 0;
  std::uint64_t iterations = 0;
};

// Runs `op` for about `seconds` in rounds; the median round rate is the
// result (robust against a noisy, shared machine).
template <class Op>
Rate measure(Op&& op, double seconds) {
  // Warm-up, which also sizes a batch to about 10 ms.
  std::uint64_t batch = 1;
  for (;;) {
    auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < batch; ++i) op();
    double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    if (dt > 0.01) break;
    batch *= 2;
  }
  // Then a fifth of the budget untimed, so caches and allocator are settled
  // (the JavaScript side needs this for its JIT; same method here).
  {
    auto t0 = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - t0).count() < seconds / 5) {
      for (std::uint64_t i = 0; i < batch; ++i) op();
    }
  }
  constexpr int kRounds = 7;
  std::vector<double> rates;
  std::uint64_t total = 0;
  const double roundSeconds = seconds / kRounds;
  for (int r = 0; r < kRounds; ++r) {
    std::uint64_t n = 0;
    auto t0 = Clock::now();
    double dt = 0;
    do {
      for (std::uint64_t i = 0; i < batch; ++i) op();
      n += batch;
      dt = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (dt < roundSeconds);
    rates.push_back(static_cast<double>(n) / dt);
    total += n;
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], total};
}

struct Bench {
  std::string name;
  kubos::graphql::Request request;
};

}  // namespace

int main(int argc, char** argv) {
  std::string dataDir = KUBOS_SOURCE_DIR;
  bool json = false;
  double seconds = 2.0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      dataDir = argv[++i];
    } else if (a == "--json") {
      json = true;
    } else if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
      if (!(seconds > 0)) seconds = 2.0;
    } else {
      std::fprintf(stderr, "usage: graphql-bench [--data REPO_DIR] [--json] [--seconds S]\n");
      return 2;
    }
  }
  const std::string diff = dataDir + "/tests/graphql-diff/";

  std::vector<kubos::graphql::GraphQLError> schemaErrors;
  std::shared_ptr<const kubos::graphql::Schema> schema = kubos::graphql::Schema::fromSDL(readFile(diff + "schemas/eps.graphql"), &schemaErrors);
  if (!schema) {
    for (const auto& e : schemaErrors) std::fprintf(stderr, "graphql-bench: schema: %s\n", e.message.c_str());
    return 1;
  }
  const kubos::graphql::Value root = readJson(diff + "roots/eps.json");

  std::vector<Bench> benches(2);
  benches[0].name = "telemetry";
  benches[0].request.query = readFile(diff + "queries/eps-telemetry.graphql");
  benches[0].request.variables = readJson(dataDir + "/bench/telemetry-variables.json");
  benches[1].name = "introspection";
  benches[1].request.query = readFile(diff + "queries/introspection.graphql");

  kubos::graphql::EngineLimits coldLimits;
  coldLimits.cacheEntries = 0;  // every request parses and validates
  kubos::graphql::Engine cold(schema, coldLimits);
  kubos::graphql::Engine warm(schema);

  if (!json) std::printf("%-14s %-5s %14s %12s\n", "request", "mode", "ops/s", "iterations");
  for (const Bench& b : benches) {
    // A benchmark of a failing request would time the wrong thing.
    kubos::graphql::ExecutionResult check = cold.execute(b.request, &root);
    if (!check.errors.empty() || !check.data) {
      std::fprintf(stderr, "graphql-bench: %s fails: %s\n", b.name.c_str(),
                   check.errors.empty() ? "no data" : check.errors.front().message.c_str());
      return 1;
    }
    for (int mode = 0; mode < 2; ++mode) {
      kubos::graphql::Engine& engine = mode == 0 ? cold : warm;
      Rate r = measure(
          [&] {
            kubos::graphql::ExecutionResult res = engine.execute(b.request, &root);
            g_sink += res.errors.size() + (res.data ? 1 : 0);
          },
          seconds);
      const char* modeName = mode == 0 ? "cold" : "warm";
      if (json) {
        std::printf("{\"impl\":\"cpp\",\"bench\":\"%s\",\"mode\":\"%s\",\"opsPerSec\":%.1f,\"iterations\":%llu}\n",
                    b.name.c_str(), modeName, r.opsPerSec, static_cast<unsigned long long>(r.iterations));
      } else {
        std::printf("%-14s %-5s %14.1f %12llu\n", b.name.c_str(), modeName, r.opsPerSec,
                    static_cast<unsigned long long>(r.iterations));
      }
      std::fflush(stdout);
    }
  }
  return g_sink == 0 ? 1 : 0;
}
