#include "model/symbolic/some_context.h"

#include <set>

namespace accesspath {
namespace {
thread_local UndecidedLog* g_log = nullptr;
constexpr std::size_t kReasonsKept = 8;
}  // namespace

std::optional<Witness> allowed_in_some_context(const World& world, const Requester& who,
                                               const Request& request) {
  ContextAnswer a = search_contexts(world, who, request, /*want_allow=*/true);
  switch (a.kind) {
    case ContextAnswer::Kind::kFound:
      return Witness{std::move(a.request), std::move(a.needs)};
    case ContextAnswer::Kind::kNever:
      return std::nullopt;
    case ContextAnswer::Kind::kUnknown:
      break;
  }
  std::string who_text = request.principal.empty() ? who.arn : request.principal;
  if (UndecidedLog* log = g_log)
    log->add("cannot decide whether `" + who_text + "` can `" + request.action + "` `" +
             request.resource + "`: " + a.reason);
  return std::nullopt;
}

void UndecidedLog::add(std::string reason) {
  std::lock_guard lock(mutex_);
  ++count_;
  for (const auto& r : reasons_)
    if (r == reason) return;
  if (reasons_.size() < kReasonsKept) reasons_.push_back(std::move(reason));
}

bool UndecidedLog::empty() const {
  std::lock_guard lock(mutex_);
  return count_ == 0;
}

std::string UndecidedLog::summary() const {
  std::lock_guard lock(mutex_);
  if (reasons_.empty()) return "";
  std::string out = reasons_.front();
  if (count_ > 1) out += " (and " + std::to_string(count_ - 1) + " more undecided questions)";
  return out;
}

std::vector<std::string> UndecidedLog::reasons() const {
  std::lock_guard lock(mutex_);
  return reasons_;
}

ScopedUndecidedLog::ScopedUndecidedLog(UndecidedLog& log) : previous_(g_log) {
  g_log = &log;
}

ScopedUndecidedLog::~ScopedUndecidedLog() {
  g_log = previous_;
}

UndecidedLog* current_undecided_log() {
  return g_log;
}

}  // namespace accesspath
