// TGDefines: the few macros the Telegate Objective-C headers use, with
// fallbacks for Foundation implementations that lack them (GNUstep).
//
// Apple's SDK defines NS_SWIFT_NAME and NS_ERROR_ENUM; GNUstep does not, so
// they are defined here on top of clang's own attributes when clang has
// them (clang checks swift_name spellings on every platform), and as no-ops
// otherwise.
#ifndef TELEGATE_TG_DEFINES_H_
#define TELEGATE_TG_DEFINES_H_

#import <Foundation/Foundation.h>

#ifndef __has_attribute
#define __has_attribute(x) 0
#endif

#ifndef NS_SWIFT_NAME
#if __has_attribute(swift_name)
#define NS_SWIFT_NAME(_name) __attribute__((swift_name(#_name)))
#else
#define NS_SWIFT_NAME(_name)
#endif
#endif

#ifndef NS_ERROR_ENUM
#if __has_attribute(ns_error_domain)
#define NS_ERROR_ENUM(_domain, _name) \
  enum _name : NSInteger _name;       \
  enum __attribute__((ns_error_domain(_domain))) _name : NSInteger
#else
#define NS_ERROR_ENUM(_domain, _name) NS_ENUM(NSInteger, _name)
#endif
#endif

#ifndef NS_SWIFT_UNAVAILABLE
#if __has_attribute(swift_private)
#define NS_SWIFT_UNAVAILABLE(_msg) __attribute__((availability(swift, unavailable, message = _msg)))
#else
#define NS_SWIFT_UNAVAILABLE(_msg)
#endif
#endif

#ifndef NS_ASSUME_NONNULL_BEGIN
#define NS_ASSUME_NONNULL_BEGIN _Pragma("clang assume_nonnull begin")
#define NS_ASSUME_NONNULL_END _Pragma("clang assume_nonnull end")
#endif

// Marks init / new unavailable where a class has its own initializer.
// (GNUstep defines NS_UNAVAILABLE as nothing.)
#if __has_attribute(unavailable)
#define TG_UNAVAILABLE __attribute__((unavailable))
#else
#define TG_UNAVAILABLE
#endif

// Symbols of the Telegate Objective-C API (the library is built with
// -fvisibility=hidden).
#if defined(__cplusplus)
#define TG_EXTERN extern "C" __attribute__((visibility("default")))
#else
#define TG_EXTERN extern __attribute__((visibility("default")))
#endif
#define TG_EXPORT __attribute__((visibility("default")))

// 1 where libdispatch is part of the platform (Apple). Debian 12 packages no
// libdispatch and its GNUstep Base is built without one; there, queues are
// TGSerialQueue (TGQueue.h).
#if defined(__APPLE__)
#define TG_HAS_DISPATCH 1
#else
#define TG_HAS_DISPATCH 0
#endif

// Why the classes declare their instance variables in these headers: the
// GNU Objective-C runtime that the Linux (GNUstep) build uses has the
// fragile ABI, which allows instance variables only in the @interface and
// synthesizes no property storage. They are @private and hold no C++.

#endif  // TELEGATE_TG_DEFINES_H_
