// Symbol visibility for the public API.
//
// The library is built with -fvisibility=hidden; only declarations marked
// TELEGATE_EXPORT are part of its binary interface, so abseil, protobuf and
// SQLCipher symbols never leak into the host app.
#ifndef TELEGATE_EXPORT_H_
#define TELEGATE_EXPORT_H_

#if defined(_WIN32)
#define TELEGATE_EXPORT __declspec(dllexport)
#else
#define TELEGATE_EXPORT __attribute__((visibility("default")))
#endif

#endif  // TELEGATE_EXPORT_H_
