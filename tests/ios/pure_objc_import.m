// Compiled as plain Objective-C (no C++): the public headers hold no C++.
#import <Telegate/Telegate.h>

int main(void) {
  TGTrackResult result = TGTrackResultQueued;
  (void)result;
  return TGErrorInvalidArgument == 3 ? 0 : 1;
}
