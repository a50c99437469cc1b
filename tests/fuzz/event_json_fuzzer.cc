// Fuzz target: the event decoding path of telegate-inspect — a stored
// payload parsed as telegate.proto.Event and rendered as one JSON line.
// Payloads come from database files on disk, so they are outside bytes.
// Checks that the line is well-formed JSON (RFC 8259, including UTF-8) on
// one line, whatever the event holds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rights/json_render.h"
#include "fuzz_check.h"
#include "json_check.h"
#include "telegate/event.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  telegate::proto::Event event;
  if (!event.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::string line = telegate::rights_internal::EventToJson(event);
  FUZZ_CHECK(line.find('\n') == std::string::npos);
  FUZZ_CHECK(telegate::fuzz::IsValidJson(line));
  return 0;
}
