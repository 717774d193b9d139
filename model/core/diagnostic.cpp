#include "model/core/diagnostic.h"

namespace accesspath {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) out += file + ": ";
  out += (pointer.empty() ? std::string("/") : pointer) + ": ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  return out;
}

void Diagnostics::error(std::string pointer, std::string message) {
  items_.push_back({Severity::kError, {}, std::move(pointer), std::move(message)});
}

void Diagnostics::warning(std::string pointer, std::string message) {
  items_.push_back({Severity::kWarning, {}, std::move(pointer), std::move(message)});
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kError ? 1 : 0;
  return n;
}

void Diagnostics::set_file(const std::string& file) {
  for (auto& d : items_)
    if (d.file.empty()) d.file = file;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_join(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  out += pointer_token(token);
  return out;
}

std::string pointer_join(std::string_view pointer, std::size_t index) {
  return pointer_join(pointer, std::to_string(index));
}

}  // namespace accesspath
