// ObjcRef: a strong reference to an Objective-C object held by C++ code (a
// lambda capture, a struct field), with and without ARC.
//
// Under ARC a C++ member of object type is already strong; without ARC this
// class retains in its constructors and releases in its destructor.
// ObjcBlockRef does the same for blocks with Block_copy / Block_release
// (see objc_memory.h for why blocks need their own).
//
//   ObjcRef<NSString *> name(someString);      // retained
//   std::function<void()> f = [name] { Use(name.get()); };
//   ObjcBlockRef<void (^)(void)> done(block);  // a heap copy
//
// Thread-compatible (retain / release themselves are thread-safe).
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_REF_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_REF_H_

#import <Foundation/Foundation.h>

#include <utility>

#include "objc_memory.h"

namespace telegate::ios_internal {

template <typename T>
class ObjcRef {
 public:
  ObjcRef() = default;
  explicit ObjcRef(T object) : object_(object) { Retain(); }
  ObjcRef(const ObjcRef& other) : object_(other.object_) { Retain(); }
  ObjcRef(ObjcRef&& other) noexcept : object_(other.object_) {
    other.object_ = nil;
  }
  ObjcRef& operator=(ObjcRef other) noexcept {
    std::swap(object_, other.object_);
    return *this;
  }
  ~ObjcRef() { Release(); }

  T get() const { return object_; }
  explicit operator bool() const { return object_ != nil; }

 private:
  void Retain() {
#if !__has_feature(objc_arc)
    [object_ retain];
#endif
  }
  void Release() {
#if !__has_feature(objc_arc)
    [object_ release];
#endif
    object_ = nil;
  }

  T object_ = nil;
};

// A strong reference to a heap copy of a block.
template <typename T>
class ObjcBlockRef {
 public:
  ObjcBlockRef() = default;
  explicit ObjcBlockRef(T block) : block_(Copy(block)) {}
  ObjcBlockRef(const ObjcBlockRef& other) : block_(Copy(other.block_)) {}
  ObjcBlockRef(ObjcBlockRef&& other) noexcept : block_(other.block_) {
    other.block_ = nil;
  }
  ObjcBlockRef& operator=(ObjcBlockRef other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~ObjcBlockRef() {
#if !__has_feature(objc_arc)
    if (block_ != nil) Block_release(block_);
#endif
    block_ = nil;
  }

  T get() const { return block_; }
  explicit operator bool() const { return block_ != nil; }

 private:
  static T Copy(T block) {
#if __has_feature(objc_arc)
    return block;  // stored in a strong member: ARC copies it
#else
    if (block == nil) return nil;
    return Block_copy(block);
#endif
  }

  T block_ = nil;
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_REF_H_
