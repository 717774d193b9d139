#include "tools/render/labels.h"

#include <algorithm>

namespace accesspath {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

// JSON pointer token: ~1 is '/', ~0 is '~'.
std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string short_iam_resource(std::string_view resource) {
  // "role/path/name" -> "role/name"; "assumed-role/name/session" -> "role/name".
  std::vector<std::string_view> parts = split(resource, '/');
  if (parts.size() >= 2 && parts[0] == "assumed-role") return "role/" + std::string(parts[1]);
  if (parts.size() >= 2) return std::string(parts.front()) + "/" + std::string(parts.back());
  return std::string(resource);
}

}  // namespace

std::string truncate_text(std::string_view text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (chars == max) return std::string(text.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(text);
}

namespace {

std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  std::vector<std::string_view> words = split(text, ' ');
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    std::string candidate =
        line.empty() ? std::string(words[i]) : line + " " + std::string(words[i]);
    if (line.empty() || char_count(candidate) <= width) {
      line = std::move(candidate);
      continue;
    }
    if (lines.size() + 1 == max_lines) {  // the last line: the rest, cut
      std::string rest = line;
      for (std::size_t j = i; j < words.size(); ++j) rest += " " + std::string(words[j]);
      lines.push_back(truncate_text(rest, width));
      return lines;
    }
    lines.push_back(truncate_text(line, width));
    line = std::string(words[i]);
  }
  if (!line.empty()) lines.push_back(truncate_text(line, width));
  return lines;
}

std::string display_name(std::string_view id) {
  if (!id.starts_with("arn:")) return std::string(id);
  // arn:partition:service:region:account:resource (the resource may hold ':').
  std::vector<std::string_view> parts = split(id, ':');
  if (parts.size() < 6) return std::string(id);
  std::string_view service = parts[2];
  std::size_t prefix = 0;
  for (std::size_t i = 0; i < 5; ++i) prefix += parts[i].size() + 1;
  std::string_view resource = id.substr(prefix);
  if (service == "iam" || service == "sts") return short_iam_resource(resource);
  if (service == "s3") {
    std::size_t slash = resource.find('/');
    return std::string(slash == std::string_view::npos ? resource : resource.substr(slash + 1));
  }
  if (service == "kms" && resource.starts_with("key/"))
    return "key/" + truncate_text(resource.substr(4), 8);
  return std::string(resource);
}

std::string vertex_label(const AccessVertex& v) {
  return truncate_text(v.label.empty() ? display_name(v.id) : v.label, kMaxLabelChars);
}

std::string statement_label(const StatementRef& s) {
  if (!s.sid.empty()) return truncate_text(s.sid, kMaxLabelChars);
  std::vector<std::string_view> tokens = split(s.pointer, '/');
  // The last ".../<owner>/Statement/<n>" names the statement; a policy without a
  // Statement list (or an unknown pointer) keeps the tail of the pointer.
  for (std::size_t i = tokens.size(); i-- > 1;) {
    if (tokens[i] != "Statement") continue;
    std::string index = i + 1 < tokens.size() ? "[" + std::string(tokens[i + 1]) + "]" : "";
    std::string owner = unescape_token(tokens[i - 1]);
    if (owner == "policy" && i >= 3) {
      std::string_view group = tokens[i - 3];  // "buckets", "keys", "resources", ...
      std::string kind(group.ends_with('s') ? group.substr(0, group.size() - 1) : group);
      owner = kind + " policy";
    } else if (owner == "trust_policy") {
      owner = "trust policy";
    } else if (owner == "permissions_boundary") {
      owner = "boundary";
    } else if (std::size_t p = owner.find(":policy/"); p != std::string::npos) {
      owner = owner.substr(owner.rfind('/') + 1);  // a managed policy: its name
    } else if (all_digits(owner)) {
      owner = "inline policy";
    }
    return truncate_text(owner + index, kMaxLabelChars);
  }
  if (s.pointer.empty()) return "(statement)";
  return truncate_text(s.pointer, kMaxLabelChars);
}

std::vector<std::string> statement_labels(const std::vector<StatementRef>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    std::string label = statement_label(s);
    if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(std::move(label));
  }
  return out;
}

std::string summarize(const std::vector<std::string>& items, std::size_t shown) {
  std::string out;
  std::size_t n = std::min(shown, items.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > n) out += " +" + std::to_string(items.size() - n) + " more";
  return out;
}

}  // namespace accesspath
