#import "Telegate/TGError.h"

NSErrorDomain const TGErrorDomain = @"io.telegate.error";
