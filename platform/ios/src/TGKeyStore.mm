#import "Telegate/TGKeyStore.h"

#include "telegate/key_store.h"

const NSUInteger TGKeySize = telegate::KeyStore::kKeySize;
