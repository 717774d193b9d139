// Short text for pictures: vertex names without the ARN boilerplate, statements
// by Sid (or a short pointer when a statement has none), long lists cut to
// "a, b +3 more". Full text goes to tooltips; labels stay short.
//
//   display_name("arn:aws:iam::111122223333:role/ops/authorized-users") == "role/authorized-users"
//   statement_label({.sid = "", .pointer = "/principals/2/trust_policy/Statement/0"})
//       == "trust policy[0]"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/analysis/access_graph.h"
#include "model/authz/decision.h"

namespace accesspath {

// Limits that keep the picture readable.
inline constexpr std::size_t kMaxLabelChars = 32;   // a vertex name or a Sid
inline constexpr std::size_t kMaxDetailChars = 34;  // a line of detail under a name
inline constexpr std::size_t kMaxDetailLines = 3;
inline constexpr std::size_t kMaxListedStatements = 2;  // then "+N more"
inline constexpr std::size_t kMaxListedActions = 2;

// Escapes &, <, >, " for HTML-like labels and XML.
std::string html_escape(std::string_view text);

// Cuts text to at most `max` characters (UTF-8 aware), ending with "…" when cut.
std::string truncate_text(std::string_view text, std::size_t max);

// Text broken at spaces into lines of at most `width` characters; at most
// `max_lines` lines, the last one cut with "…" when the text does not fit.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::size_t max_lines);

// The name a person uses: "role/authorized-users", "user/alice", a bucket name,
// an object key, "key/1234abcd…"; text that is not an ARN is returned as is.
std::string display_name(std::string_view id);

// The vertex's own label when it has one, else display_name(id); truncated.
std::string vertex_label(const AccessVertex& v);

// A statement for an edge label: its Sid, or a short pointer ("trust policy[0]",
// "secure-bucket-admin[1]", "bucket policy[2]") when it has none.
std::string statement_label(const StatementRef& s);
// Every distinct statement label, in first-seen order.
std::vector<std::string> statement_labels(const std::vector<StatementRef>& statements);

// "a, b +3 more" (at most `shown` items, then a count); "" for an empty list.
std::string summarize(const std::vector<std::string>& items, std::size_t shown);

}  // namespace accesspath
