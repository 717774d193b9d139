#include "model/symbolic/condition_encoding.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

#include "model/condition/condition_date.h"
#include "model/condition/condition_ip.h"
#include "model/condition/policy_variables.h"
#include "model/core/strings.h"
#include "model/core/wildcard.h"
#include "model/symbolic/printable_text.h"

namespace accesspath {
namespace {

// A context that hides one key: what a clause sees when the request does not carry it.
class WithoutKey final : public ConditionContext {
 public:
  WithoutKey(const ConditionContext& base, std::string_view key) : base_(base), key_(key) {}
  const ContextEntry* find(std::string_view key) const override {
    return iequals(key, key_) ? nullptr : base_.find(key);
  }

 private:
  const ConditionContext& base_;
  std::string_view key_;
};

std::string unsupported_text(const ConditionClause& c, std::string_view what) {
  return "`" + c.operator_name() + "` on `" + c.key + "` (" + std::string(what) + ")";
}

bool is_canonical_integer(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  if (s.size() > 1 && s[0] == '0') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string decimal_text(const Decimal& d) {
  std::string out = d.negative ? "-" : "";
  out += d.integer.empty() ? "0" : d.integer;
  if (!d.fraction.empty()) out += "." + d.fraction;
  return out;
}

}  // namespace

ConditionEncoder::ConditionEncoder(z3::context& z3, std::int64_t now_seconds)
    : z3_(z3), now_(now_seconds) {}

z3::expr ConditionEncoder::via_endpoint() {
  if (!via_) via_ = z3_.bool_const("via_vpc_endpoint");
  return *via_;
}

ConditionEncoder::Var& ConditionEncoder::var(std::string_view key_lower, const FreeKey& info) {
  // aws:CurrentTime and aws:EpochTime are one instant (IAM: global condition keys, aws:EpochTime
  // "the date and time of the request", in epoch seconds).
  std::string name(info.type == FreeKeyType::kTime ? "aws:currenttime" : key_lower);
  if (auto it = vars_.find(name); it != vars_.end()) return it->second;
  // Numbered by creation, not by map size: a key's realism may create another key first.
  const std::string id = "k" + std::to_string(next_id_++);
  Var v{info.type,
        &info,
        z3_.bool_const((id + "_present").c_str()),
        z3_.bool_val(false),
        z3_.bool_val(false),
        false,
        {},
        std::nullopt};
  auto& c = pending_;
  switch (info.type) {
    case FreeKeyType::kIp:
      v.value = z3_.bv_const((id + "_addr").c_str(), 128);
      v.is_v6 = z3_.bool_const((id + "_v6").c_str());
      // An IPv4 address fills the first 32 bits (IpAddr keeps it in bytes 0-3).
      c.push_back(z3::implies(!v.is_v6, v.value.extract(95, 0) == z3_.bv_val(0, 96)));
      // IAM: aws:SourceIp is absent when the request comes through a VPC endpoint;
      // aws:VpcSourceIp is present only then.
      c.push_back(v.present == (name == "aws:sourceip" ? !via_endpoint() : via_endpoint()));
      break;
    case FreeKeyType::kTime:
      v.value = z3_.int_const((id + "_seconds").c_str());
      // Always present; never before the analysis date (time does not run backwards), and
      // within what a date can be written as.
      c.push_back(v.present);
      c.push_back(v.value >= z3_.int_val(static_cast<std::int64_t>(now_)));
      c.push_back(v.value <= z3_.int_val(static_cast<std::int64_t>(253402300799)));
      break;
    case FreeKeyType::kInteger:
      v.value = z3_.int_const((id + "_number").c_str());
      c.push_back(v.value >= 0);
      if (name == "aws:multifactorauthage") {
        // IAM: aws:MultiFactorAuthAge is present only when MFA was used.
        static const FreeKey* mfa =
            find_free_key("aws:multifactorauthpresent", RequestService::kOther, false);
        Var& m = var("aws:multifactorauthpresent", *mfa);
        c.push_back(v.present == (m.present && m.value == 0));
      }
      break;
    case FreeKeyType::kChoice: {
      v.value = z3_.int_const((id + "_choice").c_str());
      c.push_back(v.value >= 0 && v.value < static_cast<int>(info.choices.size()));
      // Keys every such request carries (the services fill them: fill_base_context, S3).
      if (name == "aws:securetransport" || name == "s3:signatureversion" || name == "s3:authtype")
        c.push_back(v.present);
      if (name == "s3:tlsversion") {
        // S3: s3:TlsVersion is present only over HTTPS.
        static const FreeKey* tls =
            find_free_key("aws:securetransport", RequestService::kS3, false);
        Var& t = var("aws:securetransport", *tls);
        c.push_back(v.present == (t.value == 0));
      }
      break;
    }
    case FreeKeyType::kText:
      v.value = z3_.string_const((id + "_text").c_str());
      // Printable only when a model says otherwise (require_printable).
      if (name == "aws:sourcevpce" || name == "aws:sourcevpc") {
        // IAM: aws:SourceVpc and aws:SourceVpce are present only through a VPC endpoint; their
        // values are resource ids (vpc-…, vpce-…).
        c.push_back(v.present == via_endpoint());
        const std::string prefix = name == "aws:sourcevpce" ? "vpce-" : "vpc-";
        c.push_back(z3::in_re(
            v.value, z3::concat(z3::to_re(z3_.string_val(prefix)),
                                z3::plus(z3::range(z3_.string_val("0"), z3_.string_val("9")) +
                                         z3::range(z3_.string_val("a"), z3_.string_val("f"))))));
      }
      break;
    case FreeKeyType::kTextSet: {
      // A request that carries no value does not carry the key (condition_eval.cpp: an empty
      // set counts as absent). The values of one request are distinct (tag keys, encryption
      // context keys), but saying so makes Z3's string solver time out: a model may repeat a
      // value, read() keeps one of each, and the evaluator then decides that request. Leaving
      // the constraint out only adds contexts to "no context", never takes any away.
      v.count = z3_.int_const((id + "_count").c_str());
      c.push_back(*v.count >= 0 && *v.count <= kSetBound);
      v.present = *v.count > 0;
      // Printable only when a model says otherwise (require_printable), as for text keys.
      for (int i = 0; i < kSetBound; ++i)
        v.members.push_back(z3_.string_const((id + "_m" + std::to_string(i)).c_str()));
      set_demand_.try_emplace(name);
      break;
    }
    case FreeKeyType::kDate:
      // Any instant a date can be written as: the caller picks it (no documented bound that
      // the proof may rely on).
      v.value = z3_.int_const((id + "_seconds").c_str());
      c.push_back(v.value >= z3_.int_val(static_cast<std::int64_t>(0)));
      c.push_back(v.value <= z3_.int_val(static_cast<std::int64_t>(253402300799)));
      break;
    case FreeKeyType::kUnsupported:
      break;
  }
  Var& made = vars_.emplace(name, std::move(v)).first->second;
  if (info.type == FreeKeyType::kTextSet) {
    // Per-key values made before their set: link them now.
    for (auto& [other, w] : vars_)
      if (w.info && w.info->prefix && w.info->members_of == name)
        link_member(made, w, std::string_view(other).substr(w.info->key.size()));
  } else if (!info.members_of.empty() && info.prefix) {
    // Linked to its set only once a condition reads the set (the branch above links it then):
    // a set no condition reads decides nothing, and the link's character-by-character
    // comparison costs Z3 seconds (bucket-key-encryption-context.json: 5 s for `who`).
    if (auto set = vars_.find(info.members_of); set != vars_.end())
      link_member(set->second, vars_.find(name)->second,
                  std::string_view(name).substr(info.key.size()));
  }
  return vars_.find(name)->second;
}

namespace {

z3::expr text_regex(z3::context& z3, std::string_view text, bool ignore_case, bool glob) {
  z3::expr_vector parts(z3);
  auto any_char = [&] {
    return z3::range(z3.string_val(std::string(1, kFirstPrintable)),
                     z3.string_val(std::string(1, kLastPrintable)));
  };
  std::string run;
  auto flush = [&] {
    if (!run.empty())
      parts.push_back(z3::to_re(z3.string_val(run.data(), static_cast<unsigned>(run.size()))));
    run.clear();
  };
  for (char c : text) {
    if (glob && c == '*') {
      flush();
      // Any text, not "any printable characters": Z3 4.8 gives up on the complement of a star
      // over a character range (a StringNotLike beside a StringLike on one key, found by the
      // differential suite), while the full language is solved at once. The request's text is
      // still printable: require_printable adds that where a model breaks it.
      z3::sort strings = z3.string_sort();
      parts.push_back(z3::re_full(z3.re_sort(strings)));
    } else if (glob && c == '?') {
      flush();
      parts.push_back(any_char());
    } else {
      char literal = glob && c == kLiteralStar ? '*' : glob && c == kLiteralQuestion ? '?' : c;
      if (literal < kFirstPrintable || literal > kLastPrintable) {
        // The request's text is printable: a segment with any other character matches nothing.
        z3::sort strings = z3.string_sort();
        return z3::re_empty(z3.re_sort(strings));
      }
      const bool letter = (literal >= 'a' && literal <= 'z') || (literal >= 'A' && literal <= 'Z');
      if (ignore_case && letter) {
        flush();
        char lo = static_cast<char>(literal | 0x20), up = static_cast<char>(literal & ~0x20);
        // `+` on two regular expressions is their union.
        parts.push_back(z3::to_re(z3.string_val(std::string(1, lo))) +
                        z3::to_re(z3.string_val(std::string(1, up))));
      } else {
        run += literal;
      }
    }
  }
  flush();
  if (parts.empty()) return z3::to_re(z3.string_val(""));
  return z3::concat(parts);
}

z3::expr ordered(Comparison cmp, const z3::expr& request, const z3::expr& policy) {
  switch (cmp) {
    case Comparison::kLessThan:
      return request < policy;
    case Comparison::kLessThanEquals:
      return request <= policy;
    case Comparison::kGreaterThan:
      return request > policy;
    case Comparison::kGreaterThanEquals:
      return request >= policy;
    default:
      return request == policy;
  }
}

// The request instant (whole seconds T) against a policy instant (s, ns).
z3::expr date_compare(z3::context& z3, Comparison cmp, const z3::expr& t, const Instant& p) {
  const z3::expr s = z3.int_val(static_cast<std::int64_t>(p.seconds));
  const bool frac = p.nanos > 0;
  switch (cmp) {
    case Comparison::kLessThan:
      return frac ? t <= s : t < s;
    case Comparison::kLessThanEquals:
      return t <= s;
    case Comparison::kGreaterThan:
      return t > s;
    case Comparison::kGreaterThanEquals:
      return frac ? t > s : t >= s;
    default:
      return frac ? z3.bool_val(false) : t == s;
  }
}

z3::expr in_range(z3::context& z3, const z3::expr& addr, const z3::expr& is_v6, const IpRange& r) {
  z3::expr family = r.base.v6 ? is_v6 : !is_v6;
  if (r.prefix <= 0) return family;
  const unsigned bits = static_cast<unsigned>(r.prefix);
  // The range's first `bits` bits (byte 0 most significant); bv_val wants the least
  // significant bit first.
  std::unique_ptr<bool[]> raw(new bool[bits]);
  for (unsigned i = 0; i < bits; ++i) raw[bits - 1 - i] = (r.base.bytes[i / 8] >> (7 - i % 8)) & 1;
  return family && addr.extract(127, 128 - bits) == z3.bv_val(bits, raw.get());
}

}  // namespace

ClauseFacts clause_facts(const ConditionClause& c, const FreeKey& info, std::string_view key,
                         const ConditionContext& ctx) {
  ClauseFacts facts;
  const OperatorInfo& op = operator_info(c.op.op);
  for (const auto& pv : c.values) {
    std::optional<std::string> s;
    if (pv.valid && pv.has_variables)
      s = substitute_policy_variables(
          pv.text, ctx,
          op.comparison == Comparison::kLike ? SubstituteFor::kPattern : SubstituteFor::kLiteral);
    facts.substituted.push_back(std::move(s));
  }
  if (info.type == FreeKeyType::kChoice) {
    // A few documented values: ask the concrete evaluator about each, and about the absence.
    facts.absent_true = evaluate_clause(c, WithoutKey(ctx, key));
    for (auto choice : info.choices) {
      RequestContext one;
      one.set(key, choice);
      facts.choice_true.push_back(evaluate_clause(c, LayeredContext(ctx, one)));
    }
  }
  return facts;
}

std::optional<z3::expr> ConditionEncoder::matches(const ConditionClause& c, const Var& v,
                                                  std::string_view key, const ClauseFacts& facts,
                                                  std::string* why) {
  const OperatorInfo& info = operator_info(c.op.op);
  z3::expr any = z3_.bool_val(false);
  auto unsupported = [&](std::string_view what) -> std::optional<z3::expr> {
    if (why) *why = unsupported_text(c, what);
    return std::nullopt;
  };
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    const ConditionValue& pv = c.values[i];
    if (!pv.valid) continue;
    switch (v.type) {
      case FreeKeyType::kIp:
        if (info.family == OperatorFamily::kString && !pv.has_variables &&
            (info.comparison == Comparison::kEquals ||
             info.comparison == Comparison::kEqualsIgnoreCase)) {
          // The text of an IPv4 address as AWS fills it is the dotted quad: a policy value equals
          // it exactly when it is that address written the same way.
          auto a = parse_ip(pv.compiled);
          if (a && !a->v6 && format_ip(*a) == pv.compiled) {
            IpRange one{*a, 32, false};
            any = any || in_range(z3_, v.value, v.is_v6, one);
          } else if (!a || a->v6) {
            if (a && a->v6) return unsupported("an IPv6 address compared as text");
          }
          break;
        }
        if (info.family != OperatorFamily::kIp)
          return unsupported(
              "an address key compared as " +
              std::string(info.family == OperatorFamily::kString ? "text" : "another type"));
        any = any || in_range(z3_, v.value, v.is_v6, pv.range);
        break;
      case FreeKeyType::kTime:
        if (info.family == OperatorFamily::kDate) {
          any = any || date_compare(z3_, info.comparison, v.value, pv.date);
        } else if (info.family == OperatorFamily::kNumeric) {
          // aws:EpochTime is a number; aws:CurrentTime's text is not, so it matches no number.
          if (key == "aws:epochtime")
            any = any || ordered(info.comparison, z3::to_real(v.value),
                                 z3_.real_val(decimal_text(pv.number).c_str()));
        } else if (info.family == OperatorFamily::kString &&
                   info.comparison == Comparison::kEquals && key == "aws:epochtime" &&
                   !pv.has_variables) {
          if (is_canonical_integer(pv.compiled))
            any = any || v.value == z3_.int_val(pv.compiled.c_str());
        } else {
          return unsupported("a time compared as text");
        }
        break;
      case FreeKeyType::kInteger:
        if (info.family == OperatorFamily::kNumeric) {
          any = any || ordered(info.comparison, z3::to_real(v.value),
                               z3_.real_val(decimal_text(pv.number).c_str()));
        } else if (info.family == OperatorFamily::kString &&
                   info.comparison == Comparison::kEquals && !pv.has_variables) {
          if (is_canonical_integer(pv.compiled))
            any = any || v.value == z3_.int_val(pv.compiled.c_str());
        } else {
          return unsupported("a number compared as another type");
        }
        break;
      case FreeKeyType::kText: {
        if (info.family != OperatorFamily::kString)
          return unsupported("text compared as another type");
        std::string literal = pv.compiled;
        if (pv.has_variables) {
          if (i >= facts.substituted.size() || !facts.substituted[i])
            continue;  // a variable without a value matches nothing (rule 16)
          literal = *facts.substituted[i];
        }
        if (info.comparison == Comparison::kEquals) {
          if (printable(literal))
            any = any ||
                  v.value == z3_.string_val(literal.data(), static_cast<unsigned>(literal.size()));
        } else {
          any = any ||
                z3::in_re(v.value,
                          text_regex(z3_, literal, info.comparison == Comparison::kEqualsIgnoreCase,
                                     info.comparison == Comparison::kLike));
        }
        break;
      }
      case FreeKeyType::kDate:
        if (info.family != OperatorFamily::kDate) return unsupported("a date compared as text");
        any = any || date_compare(z3_, info.comparison, v.value, pv.date);
        break;
      case FreeKeyType::kChoice:
      case FreeKeyType::kTextSet:
      case FreeKeyType::kUnsupported:
        return unsupported("not reasoned about");
    }
  }
  return any;
}

std::optional<z3::expr> ConditionEncoder::clause(const ConditionClause& c, const FreeKey& info,
                                                 std::string_view key, const ClauseFacts& facts,
                                                 std::string* why) {
  if (info.type == FreeKeyType::kUnsupported) {
    if (why) *why = unsupported_text(c, "a key the caller chooses that is not reasoned about yet");
    return std::nullopt;
  }
  Var& v = var(key, info);
  const OperatorInfo& op = operator_info(c.op.op);
  if (info.type == FreeKeyType::kChoice) {
    // The concrete evaluator's answers for each documented value (clause_facts).
    z3::expr when_present = z3_.bool_val(false);
    for (std::size_t i = 0; i < facts.choice_true.size(); ++i)
      if (facts.choice_true[i]) when_present = when_present || v.value == static_cast<int>(i);
    return z3::ite(v.present, when_present, z3_.bool_val(facts.absent_true));
  }
  if (op.family == OperatorFamily::kNull) {
    // Null: true means the key is absent (rule 36).
    z3::expr any = z3_.bool_val(false);
    for (const auto& pv : c.values)
      if (pv.valid) any = any || (pv.compiled == "true" ? !v.present : v.present);
    return any;
  }
  if (info.type == FreeKeyType::kTextSet) return set_clause(c, v, key, facts, why);
  auto m = matches(c, v, key, facts, why);
  if (!m) return std::nullopt;
  z3::expr sat = op.negated ? !*m : *m;  // rule 33: NOR for negated operators
  switch (c.op.qualifier) {
    case SetQualifier::kForAllValues:
      return z3::ite(v.present, sat, z3_.bool_val(true));  // rule 42
    case SetQualifier::kForAnyValue:
      return z3::ite(v.present, sat, z3_.bool_val(c.op.if_exists));  // rules 43, 35
    case SetQualifier::kNone:
      break;
  }
  return z3::ite(v.present, sat, z3_.bool_val(c.op.if_exists || op.negated));  // rules 34, 35
}

// A clause on a multivalued key, as condition_eval.cpp decides it (IAM: Multivalued context
// keys; rules 42-44): each value of the set is tested like a single value.
std::optional<z3::expr> ConditionEncoder::set_clause(const ConditionClause& c, Var& v,
                                                     std::string_view key, const ClauseFacts& facts,
                                                     std::string* why) {
  const OperatorInfo& op = operator_info(c.op.op);
  const z3::expr count = *v.count;
  std::vector<z3::expr> sat;  // per candidate value: the clause's test on it
  for (const auto& member : v.members) {
    Var one{FreeKeyType::kText, v.info, z3_.bool_val(true), member, z3_.bool_val(false), true, {},
            std::nullopt};
    auto m = matches(c, one, key, facts, why);
    if (!m) return std::nullopt;
    sat.push_back(op.negated ? !*m : *m);  // rule 33: NOR for negated operators
  }
  auto& demand = set_demand_[std::string(key)].clauses;
  if (std::find(demand.begin(), demand.end(), &c) == demand.end()) demand.push_back(&c);
  z3::expr all = z3_.bool_val(true), some = z3_.bool_val(false);
  for (int i = 0; i < kSetBound; ++i) {
    all = all && z3::implies(count > i, sat[static_cast<std::size_t>(i)]);
    some = some || (count > i && sat[static_cast<std::size_t>(i)]);
  }
  switch (c.op.qualifier) {
    case SetQualifier::kForAllValues:
      return z3::ite(v.present, all, z3_.bool_val(true));  // rule 42
    case SetQualifier::kForAnyValue:
      return z3::ite(v.present, some, z3_.bool_val(c.op.if_exists));  // rules 43, 35
    case SetQualifier::kNone:
      break;
  }
  // A plain operator on several values matches none of them (rule 44, condition_eval.cpp).
  return z3::ite(v.present, z3::ite(count > 1, z3_.bool_val(op.negated), sat.front()),
                 z3_.bool_val(c.op.if_exists || op.negated));  // rules 34, 35
}

z3::expr ConditionEncoder::holds_member(const Var& set, std::string_view member) {
  // Equal up to ASCII case, character by character: Z3's string solver takes this far more
  // easily than the same as a regular expression.
  auto equal_ignoring_case = [&](const z3::expr& value) {
    z3::expr same = value.length() == static_cast<int>(member.size());
    for (std::size_t i = 0; i < member.size(); ++i) {
      const char c = member[i];
      const z3::expr at = value.at(z3_.int_val(static_cast<std::int64_t>(i)));
      z3::expr one = at == z3_.string_val(std::string(1, c));
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter) {
        const char other = static_cast<char>(c >= 'a' ? c & ~0x20 : c | 0x20);
        one = one || at == z3_.string_val(std::string(1, other));
      }
      same = same && one;
    }
    return same;
  };
  z3::expr some = z3_.bool_val(false);
  for (int i = 0; i < kSetBound; ++i)
    some =
        some || (*set.count > i && equal_ignoring_case(set.members[static_cast<std::size_t>(i)]));
  return some;
}

// A request carries aws:RequestTag/k (s3:RequestObjectTag/k, kms:EncryptionContext:k) exactly
// when its aws:TagKeys (s3:RequestObjectTagKeys, kms:EncryptionContextKeys) lists k: both come
// from the same tags or encryption context (IAM: global condition keys, aws:RequestTag and
// aws:TagKeys; KMS: kms:EncryptionContext:context-key and kms:EncryptionContextKeys).
void ConditionEncoder::link_member(const Var& set, const Var& member_var, std::string_view member) {
  pending_.push_back(member_var.present == holds_member(set, member));
  for (auto& [name, w] : vars_)
    if (&w == &set) ++set_demand_[name].linked;
}

bool ConditionEncoder::sets_within_bound() const {
  if (unrepresentable_pin_) return false;
  for (const auto& [name, d] : set_demand_)
    if (static_cast<int>(d.clauses.size()) + d.linked + 2 > kSetBound) return false;
  return true;
}

z3::expr ConditionEncoder::secure_transport_is(bool value) {
  static const FreeKey* info = find_free_key("aws:securetransport", RequestService::kOther, false);
  Var& v = var("aws:securetransport", *info);
  return v.value == (value ? 0 : 1);  // choices: "true", "false"
}

std::vector<z3::expr> ConditionEncoder::take_constraints() {
  std::vector<z3::expr> out;
  out.swap(pending_);
  return out;
}

}  // namespace accesspath
