// Fuzzes the request path every service runs: arbitrary bytes as either a
// POST body through kubos::service::GraphQLHttpHandler (parseRequests, batch
// limit, execution) or a bare query text (Engine::execute), against a schema
// with every kind of type. Whatever the input, the answer must be JSON holding
// only "data"/"errors", and nothing may crash, hang or overflow the stack.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kit_fixture.h"

using kubos::fuzz::checkResponse;
using kubos::fuzz::Fixture;
using kubos::fuzz::fixture;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 8192) return 0;
  Fixture& fx = fixture();
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    kubos::service::HttpRequest request;
    request.method = "POST";
    request.target = "/";
    request.body = std::string(input);
    std::optional<kubos::service::HttpResponse> response = fx.handler->route(request);
    if (!response) response = fx.handler->handle(request);
    checkResponse(response->body);
  } else {
    kubos::graphql::Request request;
    request.query = std::string(input);
    checkResponse(kubos::graphql::resultToJson(fx.engine->execute(request, &fx.root)));
  }
  return 0;
}
