// Umbrella header: includes the whole public API and nothing else.
#ifndef TELEGATE_TELEGATE_H_
#define TELEGATE_TELEGATE_H_

#include "telegate/attribute.h"
#include "telegate/category_status.h"
#include "telegate/client.h"
#include "telegate/clock.h"
#include "telegate/device_facts.h"
#include "telegate/drop_counts.h"
#include "telegate/env.h"
#include "telegate/key_store.h"
#include "telegate/options.h"
#include "telegate/permission_source.h"
#include "telegate/secret_bytes.h"
#include "telegate/store_health.h"

#endif  // TELEGATE_TELEGATE_H_
