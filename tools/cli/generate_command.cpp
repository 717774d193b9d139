// `accesspath generate --count N --seed S --out DIR [--format scenario|jsonl|both]
// [--requests R]`: thin over properties::labeled_world. Writes DIR/generated-S-I.json
// (scenarios `check` passes on) and DIR/labels.jsonl (one record per request, with the
// decision's explanation as JSON). Every file is written whole or not at all.
// A request on which the evaluator and the reference evaluator (properties/) disagree is left
// out of the labels and reported on stderr, with the request; the files are still written.
// Exit 0 written, 1 written but the evaluators disagreed on some request (each reported),
// 2 bad input or a file could not be written.
#include <filesystem>
#include <string>

#include "properties/labeled_dataset.h"
#include "properties/scenario_order.h"
#include "properties/show.h"
#include "tools/cli/commands.h"
#include "tools/render/atomic_file.h"
#include "tools/report/report_json.h"

namespace accesspath {
namespace {

namespace fs = std::filesystem;

nlohmann::json record(const properties::LabeledWorld& w, std::size_t k, const std::string& file,
                      bool inline_world) {
  const properties::LabeledRequest& r = w.requests[k];
  nlohmann::json j = properties::request_to_json(r.request);
  j["scenario"] = w.scenario["name"];
  if (!file.empty()) j["scenario_file"] = file;
  j["index"] = k;
  j["decision"] = r.decision.allowed ? "allow" : "deny";
  j["why"] = r.why;
  j["explanation"] = decision_to_json(r.decision);
  if (inline_world) {
    nlohmann::json world = w.scenario;
    world.erase("expectations");
    j["world"] = std::move(world);
  }
  return j;
}

}  // namespace

int run_generate(const GenerateCommandOptions& o, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::path dir(o.out_dir);
  if (o.out_dir.empty()) {
    err << "--out: empty; name a directory\n";
    return 2;
  }
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    err << "--out `" << o.out_dir << "`: exists and is not a directory\n";
    return 2;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    err << "--out `" << o.out_dir << "`: cannot create the directory: " << ec.message() << "\n";
    return 2;
  }
  const bool scenarios = o.format != "jsonl", jsonl = o.format != "scenario";
  std::string lines, why;
  std::size_t requests = 0, allowed = 0, disagreements = 0;
  for (std::size_t i = 0; i < o.count; ++i) {
    properties::LabeledWorld w = properties::labeled_world(o.seed, i, o.requests);
    std::string file = w.scenario["name"].get<std::string>() + ".json";
    if (scenarios &&
        !write_file_atomically((dir / file).string(),
                               properties::in_writing_order(w.scenario).dump(2) + "\n", &why)) {
      err << why << "\n";
      return 2;
    }
    for (std::size_t k = 0; k < w.requests.size(); ++k) {
      lines += record(w, k, scenarios ? file : "", !scenarios).dump() + "\n";
      allowed += w.requests[k].decision.allowed ? 1u : 0u;
    }
    requests += w.requests.size();
    for (const properties::Disagreement& d : w.disagreements)
      err << "disagreement: " << properties::describe(w, d) << "\n";
    disagreements += w.disagreements.size();
  }
  if (jsonl && !write_file_atomically((dir / "labels.jsonl").string(), lines, &why)) {
    err << why << "\n";
    return 2;
  }
  out << "wrote " << o.count << (o.count == 1 ? " world" : " worlds") << " with " << requests
      << " labeled requests (" << allowed << " allowed) to " << o.out_dir << "/"
      << (scenarios ? " as scenarios" : "") << (scenarios && jsonl ? " and" : "")
      << (jsonl ? " in labels.jsonl" : "") << "\n";
  if (disagreements > 0) {
    err << disagreements << (disagreements == 1 ? " request was" : " requests were")
        << " left out: the evaluator and the reference evaluator disagree on "
        << (disagreements == 1 ? "it" : "them") << " (above)\n";
    return 1;
  }
  return 0;
}

}  // namespace accesspath
