#include "dictionary/sample_events.h"

#include <cstdio>
#include <vector>

namespace telegate::dictionary_internal {

namespace {

// Fixed vocabularies, picked by attribute key.
const std::vector<std::string> kModels = {
    "Pixel 7",      "Mi 13",      "HUAWEI P60", "iPhone15,2", "SM-S9180",
    "OPPO Find X6", "vivo X90",   "Redmi K60",  "OnePlus 11", "HONOR Magic5",
    "iPhone14,5",   "M2012K11AC", "V2227A",     "PGT-AN10",   "23049RAD8C"};
const std::vector<std::string> kManufacturers = {"Xiaomi", "HUAWEI",  "OPPO",
                                                 "vivo",   "Apple",   "samsung",
                                                 "HONOR",  "OnePlus", "Google"};
const std::vector<std::string> kOsNames = {"Android", "iOS", "HarmonyOS"};
const std::vector<std::string> kOsVersions = {
    "14", "13", "12", "11", "17.2.1", "16.6", "17.4", "4.0.0"};
const std::vector<std::string> kLanguages = {
    "zh-CN", "zh-CN", "zh-CN", "en-US", "zh-TW", "zh-HK", "ja-JP", "ko-KR"};
const std::vector<std::string> kNetworkTypes = {"wifi", "wifi", "5g",      "4g",
                                                "3g",   "none", "ethernet"};
const std::vector<std::string> kOperators = {"China Mobile", "China Unicom",
                                             "China Telecom", "China Broadnet"};
const std::vector<std::string> kWords = {
    "red",      "shoes",  "dress",  "phone",  "case", "charger", "cable",
    "summer",   "women",  "men",    "kids",   "bag",  "watch",   "headphones",
    "wireless", "cotton", "shirt",  "jacket", "lamp", "desk",    "chair",
    "tea",      "rice",   "cooker", "coffee", "mug",  "toy",     "gift",
    "连衣裙",   "手机壳", "运动鞋", "充电器", "耳机", "女装",    "零食",
    "茶叶",     "玩具",   "包邮",   "新款",   "夏季", "男士",    "儿童"};
const std::vector<std::string> kPackages = {
    "com.tencent.mm",         "com.eg.android.AlipayGphone",
    "com.taobao.taobao",      "com.ss.android.ugc.aweme",
    "com.sina.weibo",         "com.xunmeng.pinduoduo",
    "com.jingdong.app.mall",  "com.autonavi.minimap",
    "com.tencent.mobileqq",   "com.baidu.searchbox",
    "com.netease.cloudmusic", "com.android.chrome"};
const std::vector<std::string> kBrowsers = {"Chrome 120",   "Safari 17",
                                            "WebView 119",  "UCBrowser 16",
                                            "QQBrowser 14", "Edge 120"};
const std::vector<std::string> kRadios = {"LTE", "NR", "GSM", "WCDMA"};
const std::vector<std::string> kCurrencies = {"CNY", "CNY", "CNY", "HKD",
                                              "USD"};
const std::vector<std::string> kOrderStatus = {
    "paid", "pending", "shipped", "delivered", "refunded", "cancelled"};
const std::vector<std::string> kBluetoothNames = {
    "AirPods Pro", "Mi Band 7",    "HUAWEI FreeBuds", "JBL Flip 6",
    "Car Audio",   "Galaxy Buds2", "HONOR Watch",     ""};
const std::vector<std::string> kRegions = {"CN-31", "CN-11", "CN-44", "CN-33",
                                           "CN-32", "CN-51", "CN-42", "HK"};
const std::vector<std::string> kKernels = {
    "5.10.168-android12-9-g1a2b3c4d", "5.15.104-android13-8-gabcdef01",
    "6.1.25-android14-11-g0123abcd", "Darwin 23.2.0"};

const std::string& Pick(SplitMix64* rng, const std::vector<std::string>& v) {
  return v[rng->Below(v.size())];
}

std::string Hex(SplitMix64* rng, int digits) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(digits);
  for (int i = 0; i < digits; ++i) s.push_back(kHex[rng->Below(16)]);
  return s;
}

// Several draws in one expression would be unsequenced (g++ on x86-64 and
// on aarch64 evaluate them in opposite orders, and the samples, hence the
// shipped dictionary, would differ): each is its own statement. They are
// drawn last part first, the order the committed events.zdict was trained
// with.
std::string Uuid(SplitMix64* rng) {
  const std::string e = Hex(rng, 12);
  const std::string d = Hex(rng, 3);
  const std::string c = Hex(rng, 3);
  const std::string b = Hex(rng, 4);
  const std::string a = Hex(rng, 8);
  return a + "-" + b + "-4" + c + "-a" + d + "-" + e;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

}  // namespace

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double SplitMix64::Uniform(double lo, double hi) {
  double unit = static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0);
  return lo + unit * (hi - lo);
}

SampleGenerator::SampleGenerator(const proto::Policy& policy, uint64_t seed)
    : policy_(policy), rng_(seed), clock_ms_(1735689600000) {}

std::string SampleGenerator::StringValue(const std::string& key) {
  SplitMix64* r = &rng_;
  if (key == "model") return Pick(r, kModels);
  if (key == "manufacturer") return Pick(r, kManufacturers);
  if (key == "os_name") return Pick(r, kOsNames);
  if (key == "os_version") return Pick(r, kOsVersions);
  if (key == "kernel") return Pick(r, kKernels);
  if (key == "app_version") {  // drawn last part first, as in Uuid
    const int64_t patch = r->Between(0, 9);
    const int64_t minor = r->Between(0, 20);
    return "7." + std::to_string(minor) + "." + std::to_string(patch);
  }
  if (key == "language") return Pick(r, kLanguages);
  if (key == "network_type") return Pick(r, kNetworkTypes);
  if (key == "operator_name") return Pick(r, kOperators);
  if (key == "query") {
    std::string q = Pick(r, kWords);
    for (int n = static_cast<int>(r->Below(3)); n > 0; --n) {
      q += " " + Pick(r, kWords);
    }
    return q;
  }
  if (key == "packages") {
    std::string s;
    for (int n = static_cast<int>(r->Between(3, 8)); n > 0; --n) {
      if (!s.empty()) s += ",";
      s += Pick(r, kPackages);
    }
    return s;
  }
  if (key == "package") return Pick(r, kPackages);
  if (key == "region") return Pick(r, kRegions);
  if (key == "ssid") return "TP-LINK_" + Hex(r, 4);
  if (key == "name") return Pick(r, kBluetoothNames);
  if (key == "radio") return Pick(r, kRadios);
  if (key == "ip") {  // drawn last part first, as in Uuid
    const int64_t d = r->Between(1, 254);
    const int64_t c = r->Between(0, 255);
    const int64_t b = r->Between(0, 255);
    const int64_t a = r->Between(1, 223);
    return std::to_string(a) + "." + std::to_string(b) + "." +
           std::to_string(c) + "." + std::to_string(d);
  }
  if (key == "browser") return Pick(r, kBrowsers);
  if (key == "order_id")
    return "A-" + std::to_string(r->Between(10000000, 99999999));
  if (key == "currency") return Pick(r, kCurrencies);
  if (key == "status") return Pick(r, kOrderStatus);
  if (key == "install_id" || key == "advertising_id") return Uuid(r);
  if (EndsWith(key, "_hash")) return Hex(r, 16);
  return Pick(r, kWords);
}

int64_t SampleGenerator::IntValue(const std::string& key) {
  SplitMix64* r = &rng_;
  if (key == "screen_width")
    return std::vector<int64_t>{720, 1080, 1170, 1440}[r->Below(4)];
  if (key == "screen_height")
    return std::vector<int64_t>{1600, 2400, 2532, 3200}[r->Below(4)];
  if (key == "cpu_count") return std::vector<int64_t>{4, 6, 8, 8}[r->Below(4)];
  if (key == "memory_mb") return 1024 * r->Between(2, 16);
  if (key == "results") return r->Between(0, 500);
  if (key == "page") return r->Between(1, 10);
  if (key == "count") return r->Between(40, 400);
  if (key == "foreground_ms") return r->Between(0, 3600000);
  if (key == "last_used_ms" || key == "access_time_ms") {
    return clock_ms_ - r->Between(0, 86400000);
  }
  if (key == "mcc") return 460;
  if (key == "mnc") return std::vector<int64_t>{0, 1, 3, 11}[r->Below(4)];
  if (key == "area_code") return r->Between(1, 65535);
  if (key == "cell_id") return r->Between(1, 268435455);
  if (key == "signal_dbm") return r->Between(-120, -60);
  if (key == "rssi") return r->Between(-95, -30);
  if (key == "frequency_mhz") {
    return std::vector<int64_t>{2412, 2437, 2462, 5180, 5745}[r->Below(5)];
  }
  if (key == "amount_minor") return r->Between(100, 200000);
  if (key == "item_count") return r->Between(1, 10);
  if (key == "interface_count") return r->Between(1, 4);
  return r->Between(0, 1000);
}

double SampleGenerator::DoubleValue(const std::string& key) {
  if (key == "latitude") return rng_.Uniform(22.0, 41.0);
  if (key == "longitude") return rng_.Uniform(100.0, 122.0);
  if (key == "accuracy_m") return rng_.Uniform(3.0, 60.0);
  if (key == "altitude_m") return rng_.Uniform(0.0, 500.0);
  return rng_.Uniform(0.0, 100.0);
}

proto::Event SampleGenerator::NextEvent() {
  proto::Event event;
  if (policy_.categories_size() == 0) return event;
  const proto::Category& category = policy_.categories(
      static_cast<int>(rng_.Below(policy_.categories_size())));
  event.set_category(category.name());
  std::string id;
  for (int i = 0; i < 16; ++i) id.push_back(static_cast<char>(rng_.Below(256)));
  event.set_id(id);
  clock_ms_ += rng_.Between(1, 30000);
  event.set_capture_time_ms(clock_ms_);
  event.set_consent_epoch(static_cast<uint64_t>(rng_.Between(1, 6)));
  if (category.events_size() == 0) return event;
  const proto::EventSpec& spec =
      category.events(static_cast<int>(rng_.Below(category.events_size())));
  event.set_name(spec.name());
  for (const proto::AttributeSpec& a : spec.attributes()) {
    proto::Attribute* out = event.add_attributes();
    out->set_key(a.key());
    switch (a.type()) {
      case proto::INT:
        out->set_int_value(IntValue(a.key()));
        break;
      case proto::DOUBLE:
        out->set_double_value(DoubleValue(a.key()));
        break;
      case proto::BOOL:
        out->set_bool_value(rng_.Below(2) == 1);
        break;
      default:
        out->set_string_value(StringValue(a.key()));
    }
  }
  return event;
}

std::string SampleGenerator::NextFramedEvent() {
  std::string framed;
  AppendFramed(NextEvent().SerializeAsString(), &framed);
  return framed;
}

void AppendFramed(const std::string& serialized_event, std::string* out) {
  out->push_back(static_cast<char>(0x0a));  // field 1, length-delimited
  AppendVarint(serialized_event.size(), out);
  out->append(serialized_event);
}

}  // namespace telegate::dictionary_internal
