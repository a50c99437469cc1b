// Umbrella header: includes the whole public API and nothing else.
#ifndef TELEGATE_TELEGATE_H_
#define TELEGATE_TELEGATE_H_

#include "telegate/access_context.h"
#include "telegate/attribute.h"
#include "telegate/base_stations.h"
#include "telegate/category_status.h"
#include "telegate/client.h"
#include "telegate/clock.h"
#include "telegate/collection_report.h"
#include "telegate/device_facts.h"
#include "telegate/device_identity.h"
#include "telegate/drop_counts.h"
#include "telegate/env.h"
#include "telegate/installed_apps.h"
#include "telegate/key_store.h"
#include "telegate/location_source.h"
#include "telegate/log.h"
#include "telegate/nearby_networks.h"
#include "telegate/network_info.h"
#include "telegate/options.h"
#include "telegate/permission_source.h"
#include "telegate/secret_bytes.h"
#include "telegate/status_observer.h"
#include "telegate/store_health.h"
#include "telegate/task_scheduler.h"
#include "telegate/transport.h"
#include "telegate/upload.h"
#include "telegate/upload_driver.h"
#include "telegate/usage_records.h"

#endif  // TELEGATE_TELEGATE_H_
