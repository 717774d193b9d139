#include "model/symbolic/context_search.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "model/condition/condition_date.h"
#include "model/condition/context_observer.h"
#include "model/condition/free_keys.h"
#include "model/condition/request_context.h"
#include "model/condition/unknown_keys.h"
#include "model/core/strings.h"
#include "model/services/evaluation_memo.h"
#include "model/services/evaluator.h"
#include "model/symbolic/condition_encoding.h"
#include "model/symbolic/context_tracer.h"
#include "model/symbolic/request_realization.h"
#include "model/symbolic/search_memo.h"

namespace accesspath {
namespace {

using search::carried;
using search::context_value;
using search::helpful_moves;
using search::is_header_key;
using search::realize;
using search::Recorded;
using search::round_signature;
using search::Tracer;

std::int64_t today_utc() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  std::int64_t s = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  return s - s % 86400;
}

std::atomic<std::int64_t>& analysis_time_storage() {
  static std::atomic<std::int64_t> t{today_utc()};
  return t;
}

std::string check_result_text(z3::check_result r) {
  return r == z3::sat ? "sat" : r == z3::unsat ? "unsat" : "unknown";
}

}  // namespace

std::int64_t analysis_time() {
  return analysis_time_storage().load();
}

void set_analysis_time(std::int64_t seconds) {
  analysis_time_storage().store(seconds);
}

namespace {

// Why the solver said neither sat nor unsat, for people. Z3's own word for a spent budget varies
// with where it noticed it ("max. resource limit exceeded", "canceled", "unknown"), so the
// budget is always named.
std::string gave_up(z3::solver& solver, const ContextSearchOptions& options, unsigned round) {
  return "the solver gave up (" + solver.reason_unknown() + ") within its budget of " +
         std::to_string(options.solver_budget) + " steps and " +
         std::to_string(options.timeout_ms / 1000) + " s per call, after " +
         std::to_string(round + 1) + " request contexts";
}

ContextAnswer search_uncached(const World& world, const Requester& who, const Request& base_in,
                              bool want_allow, const ContextSearchOptions& options) {
  const RequestService service = request_service(base_in.action);
  const std::string action = to_lower(base_in.action);
  const bool anonymous = who.is_anonymous();
  Request base = base_in;
  std::set<std::string, std::less<>> pinned;
  // The free keys the request gives are pinned, or dropped to be varied (`vary_given`).
  auto pin_or_drop = [&](auto& entries, std::string_view prefix) {
    for (auto it = entries.begin(); it != entries.end();) {
      std::string key = std::string(prefix) + to_lower(it->first);
      if (find_free_key(key, service, anonymous, action, who.is_federated())) {
        if (options.vary_given) {
          it = entries.erase(it);
          continue;
        }
        pinned.insert(key);
      }
      ++it;
    }
  };
  pin_or_drop(base.context, "");
  pin_or_drop(base.headers, "s3:");
  // aws:CurrentTime and aws:EpochTime are one instant: pinning either pins both.
  if (pinned.count("aws:currenttime") || pinned.count("aws:epochtime")) {
    pinned.insert("aws:currenttime");
    pinned.insert("aws:epochtime");
  }

  Tracer tracer(service, action, anonymous, who.is_federated(), pinned, options.now);
  ScopedUnknownKeyWatch watch_unknown_keys(tracer.unknown_keys());
  ContextAnswer answer;
  {
    // The fast path: the request as given. When no clause reads a key the caller chooses, or
    // none that read one could move towards the wanted decision, every context gets this same
    // decision and no solver is needed (most questions).
    const bool allowed = tracer.decide(world, who, base);
    answer.context_dependent = !tracer.atoms().empty();
    if (!tracer.unknown().empty()) {
      answer.rounds = 1;
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = tracer.unknown();
      return answer;
    }
    if (allowed == want_allow && tracer.atoms().empty() && tracer.unsupported().empty()) {
      answer.rounds = 1;
      answer.kind = ContextAnswer::Kind::kFound;
      answer.request = base;
      return answer;
    }
    if (allowed != want_allow && helpful_moves(tracer.atoms(), want_allow).empty() &&
        tracer.unsupported().empty()) {
      answer.rounds = 1;
      answer.kind = ContextAnswer::Kind::kNever;
      return answer;
    }
    // Cheaper than any solver call: when not even the most favourable outcome of every clause
    // on a free key gives the wanted decision, no request context does.
    if (tracer.unsupported().empty() && !tracer.bound_reachable(world, who, base, want_allow)) {
      answer.rounds = 1;
      answer.kind = ContextAnswer::Kind::kNever;
      return answer;
    }
    // Otherwise start again from a realistic context (the evaluator's own defaults, such as its
    // fixed time, are not one).
  }
  // Keys the request pins keep their values (another key's realism may read them: MFA age).
  std::map<std::string, ChosenValue> pins;
  for (const auto& [key, value] : carried(base))
    if (pinned.count(key)) pins.emplace(key, value);
  std::optional<z3::solver> solver;
  std::map<std::string, ChosenValue> chosen;
  // What earlier searches learnt (search_memo.h), under the signature of every round so far:
  // `prefix` grows by one round signature a round; `first` is the first round's.
  SearchMemo& memo = SearchMemo::of_this_thread();
  std::string prefix;
  std::string first;
  bool hinted = false;
  // Every round's helpful moves: a context that gives the wanted decision moves at least one of
  // each failed round's, so the solver, made late or not at all, is given all of them.
  std::vector<std::vector<std::pair<Recorded, bool>>> history;
  std::size_t rounds_in_solver = 0;
  for (unsigned round = 0; round < options.max_rounds; ++round) {
    answer.rounds = round + 1;
    Request r = realize(base, chosen, pinned, service, options.now);
    const bool allowed = tracer.decide(world, who, r);
    if (!tracer.atoms().empty()) answer.context_dependent = true;
    if (!tracer.unknown().empty()) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = tracer.unknown();
      return answer;
    }
    if (allowed == want_allow) {
      answer.kind = ContextAnswer::Kind::kFound;
      std::set<std::string> seen;
      for (const auto& a : tracer.atoms()) {
        std::string key = a.key == "aws:epochtime" ? "aws:currenttime" : a.key;
        if (!seen.insert(key).second) continue;
        ContextNeed need{aws_key_spelling(key), false, {}, {}};
        if (is_header_key(key)) {
          for (const auto& [k, v] : r.headers)
            if (iequals("s3:" + k, key)) need = {aws_key_spelling(key), true, v, {}};
        } else if (const auto* v = context_value(r, key); v && !v->empty()) {
          if (is_multivalued_free_key(key))
            need = {aws_key_spelling(key), true, "", *v};
          else
            need = {aws_key_spelling(key), true, v->front(), {}};
        } else if (key == "aws:securetransport") {
          need = {aws_key_spelling(key), true, "true", {}};
        }
        answer.needs.push_back(std::move(need));
      }
      answer.request = std::move(r);
      if (!first.empty() && !hinted) memo.remember_witness(first, chosen);
      return answer;
    }
    if (!tracer.unsupported().empty()) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = tracer.unsupported();
      return answer;
    }
    const auto moves = helpful_moves(tracer.atoms(), want_allow);
    if (moves.empty()) {
      // Nothing the caller chooses could change this decision.
      answer.kind = ContextAnswer::Kind::kNever;
      return answer;
    }
    const std::string round_sig = round_signature(moves, pins, service, anonymous, options.now);
    prefix += '\x1c';
    prefix += round_sig;
    auto& this_round = history.emplace_back();
    for (const auto& [atom, target] : moves) this_round.emplace_back(*atom, target);
    if (const SearchMemo::Entry* known = memo.find(prefix)) {
      if (known->never) {
        answer.kind = ContextAnswer::Kind::kNever;
        return answer;
      }
      if (round == 0 && known->witness) {
        first = prefix;
        chosen = *known->witness;
        hinted = true;
        continue;
      }
      if (known->next) {
        chosen = *known->next;
        continue;
      }
    }
    if (round == 0) first = prefix;
    z3::context& z3 = tracer.z3();
    // The rounds decided without the solver (remembered contexts) join it now.
    auto encode = [&](const std::vector<std::pair<Recorded, bool>>& round_moves,
                      std::vector<std::pair<z3::expr, bool>>& out) {
      for (const auto& [atom, target] : round_moves) {
        std::string why;
        auto f = tracer.formula(atom, &why);
        if (!f) {
          answer.kind = ContextAnswer::Kind::kUnknown;
          answer.reason = why;
          return false;
        }
        out.emplace_back(*f, target);
      }
      return true;
    };
    auto some_move_of = [&](const std::vector<std::pair<z3::expr, bool>>& encoded) {
      z3::expr some_move = z3.bool_val(false);
      for (const auto& [f, target] : encoded) some_move = some_move || (f == z3.bool_val(target));
      return some_move;
    };
    if (!solver) {
      solver.emplace(z3);
      z3::params p(z3);
      p.set("rlimit", options.solver_budget);
      p.set("timeout", options.timeout_ms);
      // Z3 would take over SIGINT while it solves, swallowing the Ctrl-C that stops a search
      // (`accesspath explore`): the process's own handler must keep it.
      p.set("ctrl_c", false);
      solver->set(p);
    }
    for (; rounds_in_solver + 1 < history.size(); ++rounds_in_solver) {
      std::vector<std::pair<z3::expr, bool>> earlier;
      if (!encode(history[rounds_in_solver], earlier)) return answer;
      solver->add(some_move_of(earlier));
    }
    std::vector<std::pair<z3::expr, bool>> encoded;
    if (!encode(this_round, encoded)) return answer;
    rounds_in_solver = history.size();
    for (auto& c : tracer.encoder().take_constraints()) solver->add(c);
    for (auto& c : tracer.encoder().pin_only(pins)) solver->add(c);
    // The formulas must agree with what the evaluator found on this very context; if they do
    // not, the encoding is wrong somewhere and nothing it says can be trusted.
    solver->push();
    for (auto& c : tracer.encoder().pin(carried(r))) solver->add(c);
    for (auto& c : tracer.encoder().take_constraints()) solver->add(c);
    z3::check_result pinned_result = solver->check();
    bool agrees = pinned_result == z3::sat;
    if (agrees) {
      z3::model m = solver->get_model();
      for (const auto& [f, target] : encoded)
        if (m.eval(f, true).is_true() == target) agrees = false;
    }
    solver->pop();
    if (pinned_result == z3::unknown) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = gave_up(*solver, options, round);
      return answer;
    }
    if (!agrees) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = "the symbolic encoding of the conditions on " + moves.front().first->key +
                      " disagrees with the evaluator (" + check_result_text(pinned_result) +
                      "): an accesspath bug, please report it";
      return answer;
    }
    // The next context must move at least one of them.
    solver->add(some_move_of(encoded));
    z3::check_result next = solver->check();
    // Text values must be printable; the constraint is added where a model breaks it.
    while (next == z3::sat) {
      auto printable = tracer.encoder().require_printable(solver->get_model());
      if (printable.empty()) break;
      for (auto& c : printable) solver->add(c);
      next = solver->check();
    }
    if (next == z3::unsat && !tracer.encoder().sets_within_bound()) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = "the conditions on multivalued keys (" + moves.front().first->key +
                      ", ...) would need requests with more than " + std::to_string(kSetBound) +
                      " values in one key to be reasoned about";
      return answer;
    }
    if (next == z3::unsat) {
      // The solver held exactly what the rounds' signatures say: every search whose rounds have
      // these signatures ends here too.
      memo.remember_never(prefix);
      answer.kind = ContextAnswer::Kind::kNever;
      return answer;
    }
    if (next != z3::sat) {
      answer.kind = ContextAnswer::Kind::kUnknown;
      answer.reason = gave_up(*solver, options, round);
      return answer;
    }
    chosen = tracer.encoder().read(solver->get_model());
    memo.remember_next(prefix, chosen);
  }
  answer.kind = ContextAnswer::Kind::kUnknown;
  answer.reason = "more than " + std::to_string(options.max_rounds) +
                  " request contexts decide differently; the search stopped there";
  return answer;
}

// Answers of earlier searches on this thread, while an evaluation memo is installed
// (evaluation_memo.h: `explore` re-checks an invariant on world after world that differ in one
// policy, asking mostly the same questions). Found by the memo's digest of everything the
// evaluations may read, with the search's own options; an answer is reused only when the full
// key (the bytes of that digest) is equal too. Valid for one generation of the memo.
struct RememberedAnswers {
  struct Remembered {
    std::string full_key;
    ContextAnswer answer;
  };
  std::uint64_t generation = 0;
  std::unordered_map<EvaluationMemo::AnswerKey, Remembered, EvaluationMemo::AnswerKeyHash> answers;
  static constexpr std::size_t kMax = 20000;
};

EvaluationMemo::AnswerKey search_key(EvaluationMemo& memo, const World& world, const Requester& who,
                                     const Request& base, bool want_allow,
                                     const ContextSearchOptions& options, std::string& full_key) {
  EvaluationMemo::AnswerKey key = memo.digest(world, who, base, &full_key);
  for (std::uint64_t x :
       {std::uint64_t{want_allow}, std::uint64_t{options.vary_given},
        static_cast<std::uint64_t>(options.now), std::uint64_t{options.timeout_ms},
        std::uint64_t{options.max_rounds}, std::uint64_t{options.solver_budget}}) {
    key.a = (key.a ^ x) * 0x100000001b3ULL;
    key.b = (key.b + x) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    full_key.append(reinterpret_cast<const char*>(&x), sizeof x);
  }
  return key;
}

}  // namespace

ContextAnswer search_contexts(const World& world, const Requester& who, const Request& base,
                              bool want_allow, const ContextSearchOptions& options) {
  EvaluationMemo* memo = current_evaluation_memo();
  if (!memo) return search_uncached(world, who, base, want_allow, options);
  thread_local RememberedAnswers remembered;
  std::string full_key;
  const auto key = search_key(*memo, world, who, base, want_allow, options, full_key);
  if (remembered.generation != memo->generation() ||
      remembered.answers.size() >= RememberedAnswers::kMax) {
    remembered.answers.clear();
    remembered.generation = memo->generation();
  }
  if (auto it = remembered.answers.find(key);
      it != remembered.answers.end() && it->second.full_key == full_key)
    return it->second.answer;
  ContextAnswer answer = search_uncached(world, who, base, want_allow, options);
  // On a digest shared with another question, the latest answer takes the place.
  remembered.answers.insert_or_assign(key,
                                      RememberedAnswers::Remembered{std::move(full_key), answer});
  return answer;
}

std::string aws_key_spelling(std::string_view key) {
  static const std::map<std::string, std::string, std::less<>> kSpelling = {
      {"aws:sourceip", "aws:SourceIp"},
      {"aws:vpcsourceip", "aws:VpcSourceIp"},
      {"aws:sourcevpc", "aws:SourceVpc"},
      {"aws:sourcevpce", "aws:SourceVpce"},
      {"aws:securetransport", "aws:SecureTransport"},
      {"aws:multifactorauthpresent", "aws:MultiFactorAuthPresent"},
      {"aws:multifactorauthage", "aws:MultiFactorAuthAge"},
      {"aws:currenttime", "aws:CurrentTime"},
      {"aws:epochtime", "aws:EpochTime"},
      {"aws:useragent", "aws:UserAgent"},
      {"aws:referer", "aws:Referer"},
      {"s3:signatureversion", "s3:signatureversion"},
      {"s3:authtype", "s3:authType"},
      {"s3:signatureage", "s3:signatureAge"},
      {"s3:tlsversion", "s3:TlsVersion"},
      {"aws:tagkeys", "aws:TagKeys"},
      {"s3:requestobjecttagkeys", "s3:RequestObjectTagKeys"},
      {"kms:encryptioncontextkeys", "kms:EncryptionContextKeys"},
      {"s3:object-lock-retain-until-date", "s3:object-lock-retain-until-date"},
  };
  if (auto it = kSpelling.find(key); it != kSpelling.end()) return it->second;
  // Per-key request values keep the (lowercased) key they name.
  static const std::array<std::pair<std::string_view, std::string_view>, 3> kPrefixes = {{
      {"aws:requesttag/", "aws:RequestTag/"},
      {"s3:requestobjecttag/", "s3:RequestObjectTag/"},
      {"kms:encryptioncontext:", "kms:EncryptionContext:"},
  }};
  for (const auto& [lower, spelled] : kPrefixes)
    if (key.size() > lower.size() && key.rfind(lower, 0) == 0)
      return std::string(spelled) + std::string(key.substr(lower.size()));
  return std::string(key);
}

void add_needs_to_request(const std::vector<ContextNeed>& needs,
                          std::map<std::string, std::vector<std::string>>& context,
                          std::map<std::string, std::string>& headers) {
  for (const auto& n : needs) {
    if (!n.present) continue;
    std::string key = to_lower(n.key);
    if (is_header_key(key)) {
      headers[key.substr(3)] = n.value;
    } else if (!n.values.empty()) {
      context[n.key] = n.values;
    } else {
      context[n.key] = {n.value};
      // One instant: replaying the time needs both spellings of it.
      if (key == "aws:currenttime")
        if (auto t = parse_date(n.value))
          context["aws:EpochTime"] = {std::to_string(t->instant.seconds)};
    }
  }
}

std::string describe_needs(const std::vector<ContextNeed>& needs) {
  std::string out;
  for (const auto& n : needs) {
    std::string key = to_lower(n.key);
    std::string part;
    if (key == "aws:sourceip")
      part = n.present ? "from " + n.value + " (aws:SourceIp)" : "through a VPC endpoint";
    else if (key == "aws:vpcsourceip")
      part =
          n.present ? "from " + n.value + " inside the VPC (aws:VpcSourceIp)" : "over the internet";
    else if (key == "aws:sourcevpce")
      part = n.present ? "through VPC endpoint " + n.value + " (aws:SourceVpce)"
                       : "not through a VPC endpoint";
    else if (key == "aws:sourcevpc")
      part = n.present ? "from VPC " + n.value + " (aws:SourceVpc)" : "not from a VPC";
    else if (key == "aws:referer")
      part = n.present ? "Referer `" + n.value + "`" : "without a Referer";
    else if (key == "aws:useragent")
      part = n.present ? "User-Agent `" + n.value + "`" : "without a User-Agent";
    else if (key == "aws:multifactorauthpresent")
      part = !n.present          ? "with long-term credentials (no MFA key)"
             : n.value == "true" ? "with MFA"
                                 : "without MFA";
    else if (key == "aws:multifactorauthage")
      part = n.present ? "MFA " + n.value + " s ago" : "without MFA";
    else if (key == "aws:securetransport")
      part = n.value == "false" ? "over plain HTTP" : "over HTTPS";
    else if (key == "aws:currenttime" || key == "aws:epochtime")
      part = "at " + n.value + " (aws:CurrentTime)";
    else if (n.present && !n.values.empty()) {
      part = n.key + " [";
      for (std::size_t i = 0; i < n.values.size(); ++i)
        part += (i ? ", `" : "`") + n.values[i] + "`";
      part += "]";
    } else
      part = n.present ? n.key + " `" + n.value + "`" : "without " + n.key;
    out += (out.empty() ? "" : ", ") + part;
  }
  return out;
}

}  // namespace accesspath
