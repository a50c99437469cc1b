// Fuzz target: the JNI bridge's conversions (platform/android/jni): Java
// text in UTF-16 to the core's UTF-8 and back, and the decoders of every
// message the Java side hands in (options, endpoints, seam results). The
// first byte picks the part; the rest is its input.
//   - a track call's arrays (text, layout, numbers) decode, or are refused
//     with kInvalidArgument (bad text) or kInternal (a layout that does not
//     fit) — never read out of bounds;
//   - UTF-16 -> UTF-8 succeeds exactly when no surrogate is unpaired, and
//     then round-trips to the same code units;
//   - UTF-8 -> UTF-16 never yields an unpaired surrogate, so converting back
//     succeeds, and valid UTF-8 round-trips byte for byte;
//   - a decoder refuses with kInvalidArgument or returns a value; nothing
//     else.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "bridge_codec.h"
#include "fuzz_check.h"
#include "google/protobuf/stubs/logging.h"
#include "track_call.h"
#include "utf16.h"

namespace {

// protobuf-lite logs every string field that is not UTF-8 to stderr; here
// that is expected input, and the log would only slow the fuzzer down.
const bool kQuietProtobuf = (google::protobuf::SetLogHandler(nullptr), true);

using telegate::jni_internal::Utf16ToUtf8;
using telegate::jni_internal::Utf8ToUtf16;

bool HasUnpairedSurrogate(const std::u16string& units) {
  for (size_t i = 0; i < units.size(); ++i) {
    const char16_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
          units[i + 1] <= 0xDFFF) {
        ++i;
        continue;
      }
      return true;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) return true;
  }
  return false;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF. Written independently of the converter under test.
bool IsWellFormedUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

template <typename StatusOrT>
void RefusedOrDecoded(const StatusOrT& result) {
  FUZZ_CHECK(result.ok() ||
             result.status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t part = data[0] % 4;
  const char* rest = reinterpret_cast<const char*>(data + 1);
  const size_t n = size - 1;
  switch (part) {
    case 0: {  // Java text in
      std::u16string units(n / 2, u'\0');
      if (!units.empty()) std::memcpy(units.data(), rest, units.size() * 2);
      std::string utf8;
      absl::Status converted = Utf16ToUtf8(units.data(), units.size(), &utf8);
      FUZZ_CHECK(converted.ok() == !HasUnpairedSurrogate(units));
      if (converted.ok()) {
        FUZZ_CHECK(IsWellFormedUtf8(utf8));
        FUZZ_CHECK(Utf8ToUtf16(utf8) == units);
      } else {
        FUZZ_CHECK(converted.code() == absl::StatusCode::kInvalidArgument);
      }
      break;
    }
    case 1: {  // text out to Java
      const std::string utf8(rest, n);
      std::u16string units = Utf8ToUtf16(utf8);
      FUZZ_CHECK(!HasUnpairedSurrogate(units));
      std::string back;
      FUZZ_CHECK(Utf16ToUtf8(units.data(), units.size(), &back).ok());
      FUZZ_CHECK(IsWellFormedUtf8(back));
      // Valid input comes back as it went; invalid bytes become U+FFFD.
      if (IsWellFormedUtf8(utf8)) {
        FUZZ_CHECK(back == utf8);
      } else {
        FUZZ_CHECK(back.find("\xEF\xBF\xBD") != std::string::npos);
      }
      break;
    }
    case 3: {  // a track call: [count, then int32 layout, int64 numbers, text]
      if (n < 1) break;
      const size_t layout_length = static_cast<uint8_t>(rest[0]) % 32;
      const size_t numbers_length = layout_length / 3;
      const size_t header = 1 + layout_length * 4 + numbers_length * 8;
      if (n < header) break;
      std::vector<int32_t> layout(layout_length);
      std::vector<int64_t> numbers(numbers_length);
      if (layout_length > 0)
        std::memcpy(layout.data(), rest + 1, layout_length * 4);
      if (numbers_length > 0) {
        std::memcpy(numbers.data(), rest + 1 + layout_length * 4,
                    numbers_length * 8);
      }
      std::u16string text((n - header) / 2, u'\0');
      if (!text.empty())
        std::memcpy(text.data(), rest + header, text.size() * 2);
      telegate::jni_internal::TrackCall call;
      absl::Status decoded = telegate::jni_internal::DecodeTrackCall(
          text.data(), text.size(), layout.data(), layout.size(),
          numbers.data(), numbers.size(), &call);
      FUZZ_CHECK(decoded.ok() ||
                 decoded.code() == absl::StatusCode::kInvalidArgument ||
                 decoded.code() == absl::StatusCode::kInternal);
      if (decoded.ok()) {
        FUZZ_CHECK(call.attributes().size() == static_cast<size_t>(layout[0]));
        for (const telegate::Attribute& a : call.attributes()) {
          FUZZ_CHECK(IsWellFormedUtf8(std::string(a.key())));
        }
      }
      break;
    }
    default: {  // what the Java layer hands in
      const absl::string_view bytes(rest, n);
      telegate::ClientOptions options;
      absl::Status decoded =
          telegate::jni_internal::DecodeOpenOptions(bytes, &options);
      FUZZ_CHECK(decoded.ok() ||
                 decoded.code() == absl::StatusCode::kInvalidArgument);
      RefusedOrDecoded(telegate::jni_internal::DecodeEndpoints(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeDeviceInfo(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeDeviceIds(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeAppList(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeUsageReport(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeLocationFix(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeWifiScan(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeBluetoothScan(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeBaseStationScan(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeCarrierInfo(bytes));
      RefusedOrDecoded(telegate::jni_internal::DecodeAccessInfo(bytes));
      break;
    }
  }
  return 0;
}
