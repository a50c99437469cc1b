// Must NOT compile under ARC (see ObjcBridgeCompilesWithArc): manual
// reference counting.
#import <Foundation/Foundation.h>

void ReleaseByHand(NSObject* object) { [object release]; }
