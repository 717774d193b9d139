// Pictures of access graphs (tools/render): golden DOT for a small hand-made
// graph, SVG rendered in process and parsed back as XML, the counterexample
// highlighted, a legend, one cluster per account, and the same bytes on every run.
// Graphs are built by hand here, so these tests do not depend on the analysis.
// After an intended change, regenerate with ACCESSPATH_UPDATE_GOLDEN=1 and review the diff.
// ACCESSPATH_RENDER_SAMPLE_DIR=/tmp/x also writes SVGs of a seed-003-like world to look at.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/render/atomic_file.h"
#include "tools/render/labels.h"
#include "tools/render/render_graph.h"
#include "tools/render/scene_builder.h"

namespace accesspath {
namespace {

const std::string kAcct = "111122223333";
const std::string kOther = "444455556666";
std::string iam(const std::string& account, const std::string& res) {
  return "arn:aws:iam::" + account + ":" + res;
}
const std::string kAlice = iam(kAcct, "user/alice");
const std::string kReader = iam(kAcct, "role/data/reader");
const std::string kBucket = "arn:aws:s3:::reports";
const std::string kObject = "arn:aws:s3:::reports/q1/report.pdf";
const std::string kKey =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

// Like AccessGraph::add_vertex, with only the header's fields.
void add(AccessGraph& g, AccessVertex v) {
  std::string id = v.id;
  g.index[id] = boost::add_vertex(std::move(v), g.graph);
}
StatementRef sid(const std::string& s, const std::string& pointer = "/p") {
  StatementRef r;
  r.sid = s;
  r.pointer = pointer;
  return r;
}
void link(AccessGraph& g, const std::string& from, const std::string& to, EdgeKind kind,
          const std::string& action, std::vector<StatementRef> statements,
          const std::string& detail = "") {
  boost::add_edge(g.index.at(from), g.index.at(to),
                  AccessEdge{kind, action, detail, statements, {}}, g.graph);
}

std::vector<AccessVertex> small_vertices() {
  return {
      {VertexKind::kUser, kAlice, "user/alice", kAcct, "", true},
      {VertexKind::kRole, kReader, "role/reader", kAcct, "", true},
      {VertexKind::kBucket, kBucket, "reports", kAcct, "us-east-1", true},
      {VertexKind::kObject, kObject, "q1/report.pdf", kAcct, "SSE-KMS alias/reports", true},
      {VertexKind::kKey, kKey, "alias/reports", kAcct, "customer managed", true},
      {VertexKind::kAnonymous, "anonymous", "anonymous", "", "an unsigned request", false},
      {VertexKind::kService, "ec2.amazonaws.com", "ec2.amazonaws.com", "", "AWS service", false},
      {VertexKind::kOutsider, iam(kOther, "user/accesspath-undeclared"), "another AWS account",
       kOther, "an undeclared account", false},
  };
}

// A small world: alice assumes reader, which reads the report (S3 and KMS) and
// uses the key; alice administers the bucket; EC2 may also take the role.
AccessGraph small_graph(bool reversed = false) {
  AccessGraph g;
  std::vector<AccessVertex> vs = small_vertices();
  if (reversed) std::reverse(vs.begin(), vs.end());
  for (auto& v : vs) add(g, v);
  struct E {
    std::string from, to;
    EdgeKind kind;
    std::string action;
    std::vector<StatementRef> statements;
  };
  std::vector<E> es = {
      {kAlice,
       kReader,
       EdgeKind::kAssumeRole,
       "sts:AssumeRole",
       {sid("", "/principals/1/trust_policy/Statement/0"), sid("AssumeReader")}},
      {"ec2.amazonaws.com",
       kReader,
       EdgeKind::kAssumeRole,
       "sts:AssumeRole",
       {sid("", "/principals/1/trust_policy/Statement/1")}},
      {kReader,
       kObject,
       EdgeKind::kRead,
       "s3:GetObject",
       {sid("ReadReports"), sid("Enable IAM User Permissions"), sid("AllowReaderDecrypt"),
        sid("", "/buckets/0/policy/Statement/2")}},
      {kReader, kKey, EdgeKind::kKeyUse, "kms:Decrypt", {sid("AllowReaderDecrypt")}},
      {kAlice,
       kBucket,
       EdgeKind::kAdmin,
       "s3:PutBucketPolicy",
       {sid("", "/managed_policies/arn:aws:iam::111122223333:policy~1bucket-admin/Statement/0")}},
      {kAlice,
       kBucket,
       EdgeKind::kAdmin,
       "s3:DeleteBucketPolicy",
       {sid("", "/managed_policies/arn:aws:iam::111122223333:policy~1bucket-admin/Statement/0")}},
      {kAlice,
       kBucket,
       EdgeKind::kAdmin,
       "s3:PutEncryptionConfiguration",
       {sid("", "/managed_policies/arn:aws:iam::111122223333:policy~1bucket-admin/Statement/0")}},
      {kReader, kBucket, EdgeKind::kWrite, "s3:PutObject", {sid("WriteReports")}},
  };
  if (reversed) std::reverse(es.begin(), es.end());
  for (auto& e : es) link(g, e.from, e.to, e.kind, e.action, e.statements);
  return g;
}

Counterexample small_counterexample() {
  return {.start = kAlice,
          .steps = {{PathStep::Kind::kAssumeRole,
                     kAlice,
                     "sts:AssumeRole",
                     kReader,
                     "",
                     {sid("", "/principals/1/trust_policy/Statement/0"), sid("AssumeReader")},
                     {},
                     {}},
                    {PathStep::Kind::kAccess,
                     kReader,
                     "s3:GetObject",
                     kObject,
                     "",
                     {sid("ReadReports"), sid("AllowReaderDecrypt")},
                     {},
                     {}}}};
}

RenderOptions small_options(bool with_path) {
  RenderOptions o;
  o.account_names = {{kAcct, "prod"}};
  o.title = with_path ? "small: alice reads the report" : "small";
  if (with_path) o.counterexample = small_counterexample();
  return o;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The DOT statement of the edge tail -> head (the first one), or "".
std::string edge_statement(const std::string& dot, const std::string& tail,
                           const std::string& head) {
  std::string start = "\"" + tail + "\" -> \"" + head + "\"";
  std::size_t at = dot.find(start);
  if (at == std::string::npos) return "";
  return dot.substr(at, dot.find("];", at) - at);
}

// ---- A small XML well-formedness checker: balanced tags, quoted attributes,
// known entities, one root element. Enough for Graphviz's SVG. ----
class XmlChecker {
 public:
  explicit XmlChecker(std::string_view text) : s_(text) {}

  // "" when well-formed, else what is wrong and where.
  std::string check() {
    std::vector<std::string> open;
    int roots = 0;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (s_[i_] == '&' && !entity()) return at("bad entity");
        if (open.empty() && !isspace(s_[i_])) return at("text outside the root element");
        ++i_;
        continue;
      }
      if (starts("<?")) {
        if (!skip_past("?>")) return at("unterminated <?");
      } else if (starts("<!--")) {
        if (!skip_past("-->")) return at("unterminated comment");
      } else if (starts("<!DOCTYPE")) {
        if (!skip_past(">")) return at("unterminated DOCTYPE");
      } else if (starts("</")) {
        i_ += 2;
        std::string name = read_name();
        skip_space();
        if (!starts(">")) return at("bad end tag");
        ++i_;
        if (open.empty() || open.back() != name) return at("unbalanced </" + name + ">");
        open.pop_back();
      } else {
        ++i_;
        std::string name = read_name();
        if (name.empty()) return at("bad tag");
        if (open.empty() && ++roots > 1) return at("second root element");
        while (true) {
          skip_space();
          if (starts("/>")) {
            i_ += 2;
            break;
          }
          if (starts(">")) {
            ++i_;
            open.push_back(name);
            break;
          }
          if (read_name().empty()) return at("bad attribute in <" + name + ">");
          skip_space();
          if (!starts("=")) return at("attribute without value");
          ++i_;
          skip_space();
          if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return at("unquoted value");
          char q = s_[i_++];
          while (i_ < s_.size() && s_[i_] != q) {
            if (s_[i_] == '<') return at("< in attribute value");
            if (s_[i_] == '&' && !entity()) return at("bad entity in attribute");
            ++i_;
          }
          if (i_ >= s_.size()) return at("unterminated attribute value");
          ++i_;
        }
      }
    }
    if (!open.empty()) return "unclosed <" + open.back() + ">";
    if (roots != 1) return "no root element";
    return "";
  }

 private:
  static bool isspace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  bool starts(std::string_view p) const { return s_.substr(i_).starts_with(p); }
  bool skip_past(std::string_view p) {
    std::size_t at = s_.find(p, i_);
    if (at == std::string_view::npos) return false;
    i_ = at + p.size();
    return true;
  }
  void skip_space() {
    while (i_ < s_.size() && isspace(s_[i_])) ++i_;
  }
  std::string read_name() {
    std::size_t b = i_;
    while (i_ < s_.size() && (isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == ':' ||
                              s_[i_] == '-' || s_[i_] == '_' || s_[i_] == '.'))
      ++i_;
    return std::string(s_.substr(b, i_ - b));
  }
  bool entity() {  // at '&': &name; or &#123; or &#x1F;
    std::size_t end = s_.find(';', i_);
    if (end == std::string_view::npos || end - i_ > 10) return false;
    std::string_view e = s_.substr(i_ + 1, end - i_ - 1);
    bool ok = e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos" ||
              (e.size() > 1 && e[0] == '#');
    return ok;
  }
  std::string at(const std::string& what) const {
    return what + " at offset " + std::to_string(i_) + ": `" + std::string(s_.substr(i_, 40)) + "`";
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

TEST(XmlChecker, AcceptsWellFormedAndRejectsBroken) {
  EXPECT_EQ(XmlChecker("<?xml version=\"1.0\"?><a x='1'><b/>t &amp; u</a>").check(), "");
  EXPECT_NE(XmlChecker("<a><b></a></b>").check(), "");
  EXPECT_NE(XmlChecker("<a x=1></a>").check(), "");
  EXPECT_NE(XmlChecker("<a>&bogus;</a>").check(), "");
  EXPECT_NE(XmlChecker("<a></a><b></b>").check(), "");
  EXPECT_NE(XmlChecker("<a>").check(), "");
}

// ---- Labels ----

TEST(RenderLabels, ShortNamesDropTheArnBoilerplate) {
  EXPECT_EQ(display_name(kReader), "role/reader");
  EXPECT_EQ(display_name("arn:aws:sts::111122223333:assumed-role/reader/s"), "role/reader");
  EXPECT_EQ(display_name(kObject), "q1/report.pdf");
  EXPECT_EQ(display_name(kBucket), "reports");
  EXPECT_EQ(display_name(kKey), "key/1234abcd…");
  EXPECT_EQ(display_name("ec2.amazonaws.com"), "ec2.amazonaws.com");
}

TEST(RenderLabels, StatementsBySidOrShortPointer) {
  EXPECT_EQ(statement_label(sid("ReadReports")), "ReadReports");
  EXPECT_EQ(statement_label(sid("", "/principals/2/trust_policy/Statement/0")), "trust policy[0]");
  EXPECT_EQ(statement_label(sid("", "/buckets/0/policy/Statement/3")), "bucket policy[3]");
  EXPECT_EQ(statement_label(sid("", "/keys/1/policy/Statement/0")), "key policy[0]");
  EXPECT_EQ(
      statement_label(sid("",
                          "/managed_policies/arn:aws:iam::111122223333:policy~1secure-bucket-admin/"
                          "Statement/1")),
      "secure-bucket-admin[1]");
  EXPECT_EQ(statement_label(sid("", "/principals/0/policies/1/Statement/0")), "inline policy[0]");
  EXPECT_EQ(statement_label(sid("Allow access for Key Administrators and more")),
            "Allow access for Key Administrat…");
}

TEST(RenderLabels, LongListsAreSummarized) {
  EXPECT_EQ(summarize({}, 2), "");
  EXPECT_EQ(summarize({"a"}, 2), "a");
  EXPECT_EQ(summarize({"a", "b"}, 2), "a, b");
  EXPECT_EQ(summarize({"a", "b", "c", "d", "e"}, 2), "a, b +3 more");
  EXPECT_EQ(truncate_text("ééééé", 3), "ééé…");
  EXPECT_EQ(html_escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
}

// ---- DOT ----

TEST(RenderDot, MatchesGoldenFiles) {
  const std::string root = ACCESSPATH_SOURCE_DIR;
  const bool update = std::getenv("ACCESSPATH_UPDATE_GOLDEN") != nullptr;
  for (bool with_path : {false, true}) {
    std::string name = with_path ? "render_small_counterexample" : "render_small";
    SCOPED_TRACE(name);
    std::string dot = render_dot(small_graph(), small_options(with_path));
    std::string path = root + "/tests/golden/" + name + ".dot";
    if (update) {
      std::ofstream(path) << dot;
      continue;
    }
    EXPECT_EQ(read(path), dot) << "golden file " << path
                               << " differs; if the change is intended, rerun with "
                                  "ACCESSPATH_UPDATE_GOLDEN=1 and review the diff";
  }
}

TEST(RenderDot, SameBytesWhateverTheInsertionOrderAndRun) {
  RenderOptions o = small_options(true);
  std::string first = render_dot(small_graph(), o);
  EXPECT_EQ(first, render_dot(small_graph(), o));
  EXPECT_EQ(first, render_dot(small_graph(/*reversed=*/true), o));
}

TEST(RenderDot, OneClusterPerAccountAndOneOutside) {
  std::string dot = render_dot(small_graph(), small_options(false));
  EXPECT_NE(dot.find("subgraph cluster_account_111122223333"), std::string::npos) << dot;
  EXPECT_NE(dot.find("account 111122223333 (prod)"), std::string::npos) << dot;
  EXPECT_NE(dot.find("subgraph cluster_account_444455556666"), std::string::npos) << dot;
  EXPECT_NE(dot.find("account 444455556666 (not declared)"), std::string::npos) << dot;
  EXPECT_NE(dot.find("subgraph cluster_outside"), std::string::npos) << dot;
  // A bucket and its objects share a sub-cluster inside the account.
  Scene s = build_scene(small_graph(), small_options(false));
  const SceneCluster* bucket = s.find_cluster(bucket_cluster_name("reports"));
  ASSERT_NE(bucket, nullptr);
  ASSERT_EQ(bucket->nodes.size(), 2u);
  EXPECT_EQ(bucket->nodes[0].name, kBucket);
  EXPECT_EQ(bucket->nodes[1].name, kObject);
  const SceneCluster* outside = s.find_cluster(kOutsideClusterName);
  ASSERT_NE(outside, nullptr);
  ASSERT_EQ(outside->nodes.size(), 2u);
  EXPECT_EQ(outside->nodes[0].name, "anonymous");
}

TEST(RenderDot, OneShapePerKindOfVertex) {
  Scene s = build_scene(small_graph(), small_options(false));
  std::map<std::string, std::string> shape;
  for (const SceneNode* n : s.all_nodes())
    if (const std::string* sh = n->attrs.get("shape")) shape[n->name] = *sh;
  EXPECT_EQ(shape[kAlice], "ellipse");
  EXPECT_EQ(shape[kReader], "box");
  EXPECT_EQ(shape[kBucket], "cylinder");
  EXPECT_EQ(shape[kObject], "note");
  EXPECT_EQ(shape[kKey], "octagon");
  EXPECT_EQ(shape["ec2.amazonaws.com"], "hexagon");
}

TEST(RenderDot, LegendShowsTheKindsInThePicture) {
  std::string dot = render_dot(small_graph(), small_options(true));
  EXPECT_NE(dot.find("subgraph cluster_legend"), std::string::npos) << dot;
  for (const char* sample :
       {"\"legend:role\"", "\"legend:user\"", "\"legend:KMS-key\"", "\"legend:edges\"",
        ">assume role<", ">read (plaintext)<", ">admin (changes policy)<", ">counterexample step<"})
    EXPECT_NE(dot.find(sample), std::string::npos) << sample;
  // Only the kinds the picture uses: no anonymous caller, no legend sample for it.
  AccessGraph g = small_graph();
  boost::clear_vertex(g.index.at("anonymous"), g.graph);
  boost::remove_vertex(g.index.at("anonymous"), g.graph);
  EXPECT_EQ(render_dot(g, small_options(false)).find("legend:anonymous"), std::string::npos);
  RenderOptions no_legend = small_options(false);
  no_legend.legend = false;
  EXPECT_EQ(render_dot(small_graph(), no_legend).find("cluster_legend"), std::string::npos);
}

TEST(RenderDot, EdgesCarryActionAndStatementAndMergeByKind) {
  std::string dot = render_dot(small_graph(), small_options(false));
  // Three admin actions alice -> bucket: one edge, "+1 more".
  EXPECT_EQ(count(dot, "\"" + kAlice + "\" -> \"" + kBucket + "\""), 1u) << dot;
  std::string admin = edge_statement(dot, kAlice, kBucket);
  EXPECT_NE(admin.find("s3:DeleteBucketPolicy, s3:PutBucketPolicy +1 more"), std::string::npos)
      << admin;
  EXPECT_NE(admin.find("bucket-admin[0]"), std::string::npos) << admin;
  EXPECT_NE(admin.find("style=dotted"), std::string::npos) << admin;
  std::string read_edge = edge_statement(dot, kReader, kObject);
  EXPECT_NE(read_edge.find("ReadReports, Enable IAM User Permissions +2 more"), std::string::npos)
      << read_edge;
  EXPECT_NE(read_edge.find("style=bold"), std::string::npos) << read_edge;
  EXPECT_NE(edge_statement(dot, kAlice, kReader).find("style=dashed"), std::string::npos);
}

TEST(RenderDot, CounterexampleIsHighlightedAndNumbered) {
  std::string plain = render_dot(small_graph(), small_options(false));
  EXPECT_EQ(plain.find("penwidth=3.5"), std::string::npos);
  std::string dot = render_dot(small_graph(), small_options(true));
  std::string step1 = edge_statement(dot, kAlice, kReader);
  std::string step2 = edge_statement(dot, kReader, kObject);
  for (const std::string* e : {&step1, &step2}) {
    EXPECT_NE(e->find("penwidth=3.5"), std::string::npos) << *e;
    EXPECT_NE(e->find("color=\"#d6006f\""), std::string::npos) << *e;
  }
  EXPECT_NE(step1.find("1. sts:AssumeRole"), std::string::npos) << step1;
  EXPECT_NE(step2.find("2. s3:GetObject"), std::string::npos) << step2;
  // The path edge replaces the plain one; edges off the path are faded.
  EXPECT_EQ(count(dot, "\"" + kReader + "\" -> \"" + kObject + "\""), 1u);
  EXPECT_NE(edge_statement(dot, kReader, kKey).find("#7b3fa080"), std::string::npos);
  // Path vertices are drawn thick.
  std::size_t alice = dot.find("\"" + kAlice + "\"\t[");
  ASSERT_NE(alice, std::string::npos) << dot;
  EXPECT_NE(dot.substr(alice, dot.find("];", alice) - alice).find("penwidth=3"), std::string::npos);
}

TEST(RenderDot, PathVerticesMissingFromTheGraphAreAdded) {
  // A graph drawn --from the reader does not have alice; the path still shows her.
  AccessGraph g;
  for (auto& v : small_vertices())
    if (v.id != kAlice) add(g, v);
  RenderOptions o = small_options(true);
  o.counterexample->steps.push_back({PathStep::Kind::kWriteObject,
                                     kReader,
                                     "s3:PutObject",
                                     kBucket + "/new-object",
                                     "SSE-S3 (AES256)",
                                     {},
                                     {},
                                     {}});
  Scene s = build_scene(g, o);
  const SceneCluster* account = s.find_cluster(account_cluster_name(kAcct));
  ASSERT_NE(account, nullptr);
  bool has_alice = false;
  for (const auto& n : account->nodes) has_alice = has_alice || n.name == kAlice;
  EXPECT_TRUE(has_alice);
  const SceneCluster* bucket = s.find_cluster(bucket_cluster_name("reports"));
  ASSERT_NE(bucket, nullptr);
  const SceneNode* added = nullptr;
  for (const auto& n : bucket->nodes)
    if (n.name == kBucket + "/new-object") added = &n;
  ASSERT_NE(added, nullptr);
  EXPECT_NE(added->attrs.get("style")->find("dashed"), std::string::npos);
  EXPECT_NE(added->attrs.html_label().find("written in step 3"), std::string::npos);
  std::string dot = render_dot(g, o);
  EXPECT_NE(dot.find("3. s3:PutObject"), std::string::npos) << dot;
}

// ---- SVG ----

TEST(RenderSvg, IsWellFormedXmlWithTheLabels) {
  std::string warnings = "not set";
  std::string svg = render_svg(small_graph(), small_options(true), &warnings);
  EXPECT_EQ(warnings, "");  // e.g. no HTML-like label Graphviz could not parse
  EXPECT_EQ(XmlChecker(svg).check(), "");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  for (const char* label : {"user/alice", "role/reader", "q1/report.pdf", "alias/reports",
                            "account 111122223333 (prod)", "1. sts:AssumeRole", "2. s3:GetObject",
                            "legend", "ec2.amazonaws.com"})
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  EXPECT_NE(svg.find("stroke=\"#d6006f\""), std::string::npos);
  EXPECT_EQ(svg, render_svg(small_graph(), small_options(true)));
}

TEST(RenderSvg, SpecialCharactersAreEscaped) {
  AccessGraph g;
  add(g,
      {VertexKind::kUser, iam(kAcct, "user/a&b"), "user/<a&b>", kAcct, "\"quoted\" & <x>", true});
  add(g, {VertexKind::kObject, "arn:aws:s3:::b/k<1>", "k<1>", kAcct, "", true});
  link(g, iam(kAcct, "user/a&b"), "arn:aws:s3:::b/k<1>", EdgeKind::kRead, "s3:GetObject",
       {sid("S<1>&")});
  std::string svg = render_svg(g, {});
  EXPECT_EQ(XmlChecker(svg).check(), "");
  EXPECT_NE(svg.find("user/&lt;a&amp;b&gt;"), std::string::npos) << svg;
  EXPECT_NE(svg.find("S&lt;1&gt;&amp;"), std::string::npos) << svg;
}

TEST(RenderSvg, EmptyGraphRenders) {
  std::string svg = render_svg(AccessGraph{}, {});
  EXPECT_EQ(XmlChecker(svg).check(), "");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
}

// ---- Output files ----

TEST(RenderFiles, FormatFromTheExtension) {
  EXPECT_EQ(format_for_path("out.dot"), RenderFormat::kDot);
  EXPECT_EQ(format_for_path("dir.v2/OUT.SVG"), RenderFormat::kSvg);
  EXPECT_EQ(format_for_path("out.gv"), RenderFormat::kDot);
  EXPECT_EQ(format_for_path("out.png"), std::nullopt);
  EXPECT_EQ(format_for_path("dir.svg/out"), std::nullopt);
  EXPECT_EQ(format_for_path("out"), std::nullopt);
}

std::vector<std::string> entries(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RenderFiles, WritesAtomicallyAndLeavesNothingOnError) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("render_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string why;
  ASSERT_TRUE(write_file_atomically((dir / "a.dot").string(), "digraph {}\n", &why)) << why;
  EXPECT_EQ(read((dir / "a.dot").string()), "digraph {}\n");
  ASSERT_TRUE(write_file_atomically((dir / "a.dot").string(), "digraph { x }\n", &why)) << why;
  EXPECT_EQ(read((dir / "a.dot").string()), "digraph { x }\n");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"a.dot"});

  EXPECT_FALSE(write_file_atomically((dir / "missing" / "a.dot").string(), "x", &why));
  EXPECT_NE(why.find("cannot write"), std::string::npos) << why;
  EXPECT_FALSE(write_file_atomically(dir.string(), "x", &why));  // a directory
  if (geteuid() != 0) {                                          // root writes anywhere
    fs::create_directories(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_FALSE(write_file_atomically((dir / "ro" / "a.svg").string(), "x", &why));
    EXPECT_TRUE(entries(dir / "ro").empty());
    fs::permissions(dir / "ro", fs::perms::owner_all);
  }
  for (const auto& name : entries(dir))  // no temporary file left behind
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
  fs::remove_all(dir);
}

// A second Ctrl-C ends the process the default way; arriving while a file is being written,
// it must not leave the temporary file behind (write_file_atomically holds it off until the
// file is renamed). The child writes large files in a loop; the signal lands mid-write.
TEST(RenderFiles, AnInterruptDuringAWriteLeavesNoTemporaryFile) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("render_signal_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string big(16u << 20, 'x');
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGINT, SIG_DFL);
    std::string why;
    for (int i = 0; i < 1000; ++i) write_file_atomically((dir / "big.svg").string(), big, &why);
    _exit(0);
  }
  usleep(150 * 1000);
  kill(child, SIGINT);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "status " << status;
  for (const auto& name : entries(dir)) EXPECT_EQ(name, "big.svg") << "left behind";
  fs::remove_all(dir);
}

// ---- A seed-003-like world drawn by hand, to look at (not asserted beyond XML) ----

AccessGraph seed003_like_graph() {
  AccessGraph g;
  const std::string admin = iam(kAcct, "role/secure-bucket-admin");
  const std::string keyadmin = iam(kAcct, "role/secure-key-admin");
  const std::string users = iam(kAcct, "role/authorized-users");
  const std::string bucket = "arn:aws:s3:::secure-demo-bucket";
  const std::string pdf = bucket + "/KMS-Cryptographic-Details.pdf";
  const std::string legacy = bucket + "/legacy/unencrypted-notes.txt";
  const std::string key =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const std::string scratch =
      "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
  const std::string outsider = iam(kAcct, "user/accesspath-undeclared");
  const std::string stranger = iam("999999999999", "user/accesspath-undeclared");
  for (const std::string& r : {admin, keyadmin, users})
    add(g, {VertexKind::kRole, r, display_name(r), kAcct, "", true});
  add(g, {VertexKind::kAnonymous, "anonymous", "anonymous", "", "an unsigned request", false});
  add(g, {VertexKind::kOutsider, outsider, "any other principal", kAcct,
          "an undeclared principal of this account (no identity policies)", false});
  add(g, {VertexKind::kOutsider, stranger, "another AWS account", "999999999999",
          "an undeclared account, whose admin allows everything", false});
  add(g,
      {VertexKind::kService, "ec2.amazonaws.com", "ec2.amazonaws.com", "", "AWS service", false});
  add(g, {VertexKind::kBucket, bucket, "secure-demo-bucket", kAcct, "us-east-1", true});
  add(g, {VertexKind::kObject, pdf, "KMS-Cryptographic-Details.pdf", kAcct,
          "SSE-KMS alias/secure-demo", true});
  add(g, {VertexKind::kObject, legacy, "legacy/unencrypted-notes.txt", kAcct, "SSE-S3", true});
  add(g, {VertexKind::kKey, key, "alias/secure-demo", kAcct, "customer managed", true});
  add(g, {VertexKind::kKey, scratch, "alias/team-scratch", kAcct, "customer managed", true});
  const auto trust = sid("", "/principals/2/trust_policy/Statement/0");
  const auto access = sid("AllowSecureBucket");
  const auto root = sid("Enable IAM User Permissions");
  const auto use = sid("Allow use of the key");
  const auto s3all = sid("AllowAllActions");
  const auto kadmin = sid("Allow access for Key Administrators");
  link(g, "ec2.amazonaws.com", users, EdgeKind::kAssumeRole, "sts:AssumeRole", {trust});
  link(g, users, pdf, EdgeKind::kRead, "s3:GetObject", {access, root, use});
  link(g, users, legacy, EdgeKind::kRead, "s3:GetObject", {access});
  link(g, users, bucket, EdgeKind::kWrite, "s3:PutObject", {access, root, use},
       "new objects: SSE-KMS alias/secure-demo");
  for (const std::string& k : {key, scratch})
    for (const char* a : {"kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"})
      link(g, users, k, EdgeKind::kKeyUse, a, {root, use});
  link(g, admin, legacy, EdgeKind::kRead, "s3:GetObject", {s3all});
  for (const char* a :
       {"s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutEncryptionConfiguration"})
    link(g, admin, bucket, EdgeKind::kAdmin, a, {s3all});
  for (const char* a : {"kms:PutKeyPolicy", "kms:CreateGrant"})
    link(g, keyadmin, key, EdgeKind::kAdmin, a, {kadmin});
  return g;
}

TEST(RenderSample, Seed003LikeWorldRendersAndCanBeWrittenToLookAt) {
  RenderOptions o;
  o.account_names = {{kAcct, "secure-demo"}};
  o.title = "separation-of-duties";
  std::string warnings = "not set";
  std::string plain = render_svg(seed003_like_graph(), o, &warnings);
  EXPECT_EQ(warnings, "");
  EXPECT_EQ(XmlChecker(plain).check(), "");
  o.title = "separation-of-duties: invariant `bucket admin never reads the data` violated";
  o.counterexample =
      Counterexample{.start = iam(kAcct, "role/secure-bucket-admin"),
                     .steps = {{PathStep::Kind::kAccess,
                                iam(kAcct, "role/secure-bucket-admin"),
                                "s3:GetObject",
                                "arn:aws:s3:::secure-demo-bucket/legacy/unencrypted-notes.txt",
                                "SSE-S3",
                                {sid("AllowAllActions")},
                                {},
                                {}}}};
  std::string path = render_svg(seed003_like_graph(), o);
  EXPECT_EQ(XmlChecker(path).check(), "");
  if (const char* dir = std::getenv("ACCESSPATH_RENDER_SAMPLE_DIR")) {
    std::string why;
    EXPECT_TRUE(write_file_atomically(std::string(dir) + "/seed003-like.svg", plain, &why)) << why;
    EXPECT_TRUE(write_file_atomically(std::string(dir) + "/seed003-like-path.svg", path, &why));
    EXPECT_TRUE(write_file_atomically(std::string(dir) + "/small-path.svg",
                                      render_svg(small_graph(), small_options(true)), &why));
    EXPECT_TRUE(write_file_atomically(std::string(dir) + "/seed003-like.dot",
                                      render_dot(seed003_like_graph(), o), &why));
  }
}

}  // namespace
}  // namespace accesspath
