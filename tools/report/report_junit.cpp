#include "tools/report/report_junit.h"

#include <cstdint>
#include <sstream>
#include <utility>

#include "tools/report/check_findings.h"
#include "tools/report/counterexample_text.h"
#include "tools/report/decision_text.h"

namespace accesspath {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0 when broken.
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[k]));
  };
  std::uint32_t b0 = byte(i);
  std::size_t length = b0 < 0x80           ? 1
                       : (b0 >> 5) == 0x6  ? 2
                       : (b0 >> 4) == 0xE  ? 3
                       : (b0 >> 3) == 0x1E ? 4
                                           : 0;
  if (length == 0 || i + length > text.size()) return 0;
  cp = length == 1 ? b0 : b0 & (0x7Fu >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return 0;
  return length;
}

// Markup characters, and white space that attribute values would otherwise turn into spaces.
constexpr std::pair<char, std::string_view> kEntities[] = {
    {'&', "&amp;"},   {'<', "&lt;"},   {'>', "&gt;"},   {'"', "&quot;"},
    {'\'', "&apos;"}, {'\r', "&#13;"}, {'\n', "&#10;"}, {'\t', "&#9;"}};

bool xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp < 0xD800) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

std::string escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t length = utf8_sequence(text, i, cp);
    if (length == 0 || !xml_char(cp)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += length == 0 ? 1 : length;
      continue;
    }
    std::string_view entity;
    for (const auto& [c, e] : kEntities)
      if (cp == static_cast<std::uint32_t>(c) && (attribute || (c != '\n' && c != '\t')))
        entity = e;
    if (entity.empty())
      out.append(text.substr(i, length));
    else
      out.append(entity);
    i += length;
  }
  return out;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + escape(value, true) + "\"";
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0;
  std::string attributes() const {
    return attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
           attr("errors", std::to_string(errors));
  }
  void add(const Counts& o) {
    tests += o.tests;
    failures += o.failures;
    errors += o.errors;
  }
};

Counts counts_of(const ScenarioReport& r) {
  if (r.error) return {1, 0, 1};
  Counts c;
  c.tests = r.expectations.size() + r.invariants.size();
  for (const auto& e : r.expectations) c.failures += e.ok ? 0 : 1;
  for (const auto& i : r.invariants) c.failures += i.ok ? 0 : 1;
  return c;
}

void testcase(std::ostringstream& out, const std::string& name, const std::string& classname,
              const std::string& file, const char* outcome, std::string_view type,
              const std::string& message, const std::string& body) {
  out << "    <testcase" << attr("name", name) << attr("classname", classname)
      << attr("file", file);
  if (!outcome) {
    out << "/>\n";
    return;
  }
  out << ">\n      <" << outcome << attr("message", message) << attr("type", type) << ">"
      << escape(body, false) << "</" << outcome << ">\n    </testcase>\n";
}

void testsuite(std::ostringstream& out, const ScenarioReport& r) {
  std::string classname = r.name.empty() ? r.file : r.name;
  out << "  <testsuite" << attr("name", r.file) << counts_of(r).attributes() << attr("skipped", "0")
      << attr("file", r.file) << ">\n";
  if (!r.name.empty())
    out << "    <properties>\n      <property" << attr("name", "scenario") << attr("value", r.name)
        << "/>\n    </properties>\n";
  std::string lint;
  for (const auto& d : r.diagnostics.items())
    if (d.severity == Severity::kWarning) lint += d.to_string() + "\n";
  if (r.error) {
    std::string first = r.error->substr(0, r.error->find('\n'));
    testcase(out, "load", classname, r.file, "error", "scenario-invalid", first, *r.error);
  }
  for (const auto& e : r.expectations) {
    if (e.ok)
      testcase(out, expectation_title(e), classname, r.file, nullptr, "", "", "");
    else
      testcase(out, expectation_title(e), classname, r.file, "failure", "expectation-mismatch",
               expectation_failure(e), decision_to_text(e.decision));
  }
  for (const auto& i : r.invariants) {
    for (const auto& w : i.warnings) lint += "invariant `" + i.name + "`: " + w + "\n";
    if (i.ok) {
      testcase(out, invariant_title(i), classname, r.file, nullptr, "", "", "");
      continue;
    }
    std::string body = i.counterexample ? counterexample_to_text(*i.counterexample) : i.reason;
    testcase(out, invariant_title(i), classname, r.file, "failure", invariant_rule_id(i),
             invariant_failure(i), body);
  }
  if (!lint.empty()) out << "    <system-out>" << escape(lint, false) << "</system-out>\n";
  out << "  </testsuite>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  return escape(text, true);
}

std::string reports_to_junit(const std::vector<ScenarioReport>& reports) {
  Counts total;
  for (const auto& r : reports) total.add(counts_of(r));
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites" << attr("name", "accesspath check") << total.attributes() << ">\n";
  for (const auto& r : reports) testsuite(out, r);
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace accesspath
