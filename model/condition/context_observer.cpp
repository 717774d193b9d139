#include "model/condition/context_observer.h"

namespace accesspath {
namespace {
thread_local ContextObserver* g_observer = nullptr;
}  // namespace

ContextObserver* context_observer() {
  return g_observer;
}

ScopedContextObserver::ScopedContextObserver(ContextObserver& observer) : previous_(g_observer) {
  g_observer = &observer;
}

ScopedContextObserver::~ScopedContextObserver() {
  g_observer = previous_;
}

}  // namespace accesspath
