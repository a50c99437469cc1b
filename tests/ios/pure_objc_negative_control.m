// Must NOT compile as plain Objective-C (see
// ObjcPublicHeadersArePureObjectiveC): C++.
#import <Telegate/Telegate.h>

namespace not_objective_c {}
