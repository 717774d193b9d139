// The solver's side of values and back: reading a model's values as request text (dates as
// ISO 8601, addresses as dotted quads or IPv6 groups), keeping chosen text printable, and pinning
// a request's own values. The encoding of clauses is in condition_encoding.cpp.
#include <cstdio>

#include "model/condition/condition_date.h"
#include "model/condition/condition_ip.h"
#include "model/symbolic/condition_encoding.h"
#include "model/symbolic/printable_text.h"

namespace accesspath {

std::string format_epoch_seconds(std::int64_t seconds) {
  // Days to civil date (H. Hinnant's algorithm), proleptic Gregorian, UTC.
  std::int64_t days = seconds / 86400, rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem % 3600 / 60),
                static_cast<long long>(rem % 60));
  return buf;
}

std::string format_ip(const IpAddr& a) {
  char buf[64];
  if (!a.v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
    return buf;
  }
  std::string out;
  for (std::size_t i = 0; i < 16; i += 2) {
    std::snprintf(buf, sizeof buf, "%s%x", i ? ":" : "", (a.bytes[i] << 8) | a.bytes[i + 1]);
    out += buf;
  }
  return out;
}

std::vector<z3::expr> ConditionEncoder::require_printable(const z3::model& m) {
  std::vector<z3::expr> out;
  const auto printable_text = [&] {
    return z3::star(z3::range(z3_.string_val(std::string(1, kFirstPrintable)),
                              z3_.string_val(std::string(1, kLastPrintable))));
  };
  const auto is_printable = [&](const z3::expr& value) {
    try {
      return printable(m.eval(value, true).get_string());
    } catch (const z3::exception&) {
      return false;  // not a byte string: a character beyond what a header can carry
    }
  };
  for (auto& [name, v] : vars_) {
    if (v.printable) continue;
    if (v.type == FreeKeyType::kText && !is_printable(v.value)) {
      v.printable = true;
      out.push_back(z3::in_re(v.value, printable_text()));
    } else if (v.type == FreeKeyType::kTextSet) {
      bool all = true;
      for (const auto& member : v.members) all = all && is_printable(member);
      if (all) continue;
      v.printable = true;  // every candidate value of the set, once one is not
      for (const auto& member : v.members) out.push_back(z3::in_re(member, printable_text()));
    }
  }
  return out;
}

std::map<std::string, ChosenValue> ConditionEncoder::read(const z3::model& m) const {
  std::map<std::string, ChosenValue> out;
  for (const auto& [name, v] : vars_) {
    ChosenValue chosen;
    chosen.present = m.eval(v.present, true).is_true();
    switch (v.type) {
      case FreeKeyType::kIp: {
        IpAddr a;
        a.v6 = m.eval(v.is_v6, true).is_true();
        for (unsigned i = 0; i < 16; ++i)
          a.bytes[i] = static_cast<std::uint8_t>(
              m.eval(v.value.extract(127 - 8 * i, 120 - 8 * i), true).get_numeral_uint());
        chosen.value = format_ip(a);
        break;
      }
      case FreeKeyType::kTime: {
        std::int64_t t = m.eval(v.value, true).get_numeral_int64();
        out["aws:epochtime"] = {true, std::to_string(t), {}};
        chosen.value = format_epoch_seconds(t);
        break;
      }
      case FreeKeyType::kInteger:
        chosen.value = std::to_string(m.eval(v.value, true).get_numeral_int64());
        break;
      case FreeKeyType::kChoice: {
        int i = m.eval(v.value, true).get_numeral_int();
        if (i >= 0 && static_cast<std::size_t>(i) < v.info->choices.size())
          chosen.value = std::string(v.info->choices[static_cast<std::size_t>(i)]);
        break;
      }
      case FreeKeyType::kText:
        chosen.value = m.eval(v.value, true).get_string();
        break;
      case FreeKeyType::kTextSet: {
        const std::int64_t n = m.eval(*v.count, true).get_numeral_int64();
        for (std::int64_t i = 0; i < n && i < kSetBound; ++i) {
          std::string value = m.eval(v.members[static_cast<std::size_t>(i)], true).get_string();
          if (std::find(chosen.values.begin(), chosen.values.end(), value) == chosen.values.end())
            chosen.values.push_back(std::move(value));
        }
        chosen.present = !chosen.values.empty();
        break;
      }
      case FreeKeyType::kDate:
        chosen.value = format_epoch_seconds(m.eval(v.value, true).get_numeral_int64());
        break;
      case FreeKeyType::kUnsupported:
        continue;
    }
    out[name] = std::move(chosen);
  }
  return out;
}

std::vector<z3::expr> ConditionEncoder::pin_values(const std::map<std::string, ChosenValue>& values,
                                                   bool unlisted_absent) {
  std::vector<z3::expr> out;
  for (const auto& [name, v] : vars_) {
    auto it = values.find(name);
    // A key the request does not carry is absent (the time always has a value).
    if (it == values.end()) {
      if (unlisted_absent && v.type != FreeKeyType::kTime) out.push_back(!v.present);
      continue;
    }
    const ChosenValue& c = it->second;
    out.push_back(v.present == z3_.bool_val(c.present));
    if (!c.present) continue;
    switch (v.type) {
      case FreeKeyType::kIp:
        if (auto a = parse_ip(c.value)) {
          std::string bits;
          for (auto b : a->bytes)
            for (int i = 7; i >= 0; --i) bits += (b >> i) & 1 ? '1' : '0';
          std::unique_ptr<bool[]> raw(new bool[128]);
          for (unsigned i = 0; i < 128; ++i) raw[i] = bits[127 - i] == '1';
          out.push_back(v.is_v6 == z3_.bool_val(a->v6));
          out.push_back(v.value == z3_.bv_val(128, raw.get()));
        }
        break;
      case FreeKeyType::kTime:
        if (auto e = values.find("aws:epochtime"); e != values.end())
          out.push_back(v.value == z3_.int_val(e->second.value.c_str()));
        break;
      case FreeKeyType::kInteger:
        out.push_back(v.value == z3_.int_val(c.value.c_str()));
        break;
      case FreeKeyType::kChoice:
        for (std::size_t i = 0; i < v.info->choices.size(); ++i)
          if (v.info->choices[i] == c.value) out.push_back(v.value == static_cast<int>(i));
        break;
      case FreeKeyType::kText:
        out.push_back(v.value ==
                      z3_.string_val(c.value.data(), static_cast<unsigned>(c.value.size())));
        break;
      case FreeKeyType::kTextSet: {
        std::vector<std::string> distinct = c.values;
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        if (distinct.size() > static_cast<std::size_t>(kSetBound)) {
          unrepresentable_pin_ = true;  // sets_within_bound() says so
          out.push_back(z3_.bool_val(false));
          break;
        }
        out.push_back(*v.count == static_cast<int>(distinct.size()));
        for (std::size_t i = 0; i < distinct.size(); ++i)
          out.push_back(v.members[i] == z3_.string_val(distinct[i].data(),
                                                       static_cast<unsigned>(distinct[i].size())));
        break;
      }
      case FreeKeyType::kDate:
        if (auto d = parse_date(c.value)) {
          out.push_back(v.value == z3_.int_val(static_cast<std::int64_t>(d->instant.seconds)));
          if (d->instant.nanos > 0) unrepresentable_pin_ = true;
        } else {
          unrepresentable_pin_ = true;
        }
        break;
      case FreeKeyType::kUnsupported:
        break;
    }
  }
  return out;
}

std::vector<z3::expr> ConditionEncoder::pin(const std::map<std::string, ChosenValue>& values) {
  return pin_values(values, true);
}

std::vector<z3::expr> ConditionEncoder::pin_only(const std::map<std::string, ChosenValue>& values) {
  return pin_values(values, false);
}

}  // namespace accesspath
