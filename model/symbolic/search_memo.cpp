#include "model/symbolic/search_memo.h"

namespace accesspath {

SearchMemo& SearchMemo::of_this_thread() {
  thread_local SearchMemo memo;
  return memo;
}

const SearchMemo::Entry* SearchMemo::find(const std::string& signature) {
  auto it = entries_.find(signature);
  if (it == entries_.end()) return nullptr;
  ++hits_;
  return &it->second;
}

SearchMemo::Entry& SearchMemo::slot(const std::string& signature) {
  if (entries_.size() >= kMaxEntries && !entries_.count(signature)) entries_.clear();
  return entries_[signature];
}

void SearchMemo::remember_never(const std::string& signature) {
  slot(signature).never = true;
}

void SearchMemo::remember_witness(const std::string& signature,
                                  std::map<std::string, ChosenValue> chosen) {
  slot(signature).witness = std::move(chosen);
}

void SearchMemo::remember_next(const std::string& signature,
                               std::map<std::string, ChosenValue> chosen) {
  slot(signature).next = std::move(chosen);
}

}  // namespace accesspath
