// ObjcRef: a strong reference to an Objective-C object held by C++ code (a
// lambda capture, a struct field), with and without ARC.
//
// Under ARC a C++ member of object type is already strong; without ARC this
// class retains in its constructors and releases in its destructor. Blocks
// are copied to the heap when first stored (ObjcRef::Block).
//
//   ObjcRef<NSString *> name(someString);      // retained
//   std::function<void()> f = [name] { Use(name.get()); };
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
  // Holds a heap copy of `block` (a block literal lives on the stack).
  static ObjcRef Block(T block) {
    ObjcRef ref;
    ref.object_ = TG_BLOCK_COPY(block);  // +1, owned by `ref`
    return ref;
  }
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

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_REF_H_
