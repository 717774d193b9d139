// Ctrl-C for long-running commands: the first SIGINT only sets a flag the
// command polls, so it can stop cleanly and leave no half-written file; a
// second one ends the process the default way.
//
//   InterruptGuard guard;              // installs the handler, restores it on scope exit
//   while (!guard.interrupted()) ...;
#pragma once

#include <csignal>

namespace accesspath {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool interrupted() const;

 private:
  struct sigaction previous_ {};
};

}  // namespace accesspath
