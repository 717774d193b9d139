// accesspath-orggen: writes a synthetic organisation as a scenario file that `accesspath check`,
// `who` and `graph` read.
//
//   build/tools/orggen/accesspath-orggen --principals 1000 -o /tmp/org-1000.json
//   ... --requests 100000 --requests-out /tmp/requests.jsonl   (for `accesspath eval`)
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "tools/orggen/org_generator.h"
#include "tools/orggen/org_requests.h"

int main(int argc, char** argv) {
  CLI::App app{"accesspath-orggen: generate a synthetic AWS organisation as a scenario file"};
  int principals = 1000;
  int buckets = -1, keys = -1, accounts = 0;
  std::uint64_t seed = 1;
  std::string output = "-";
  bool conditions = false;
  app.add_option("--principals", principals, "users and roles in total")
      ->check(CLI::PositiveNumber);
  app.add_option("--buckets", buckets, "buckets (default: one per 5 principals)");
  app.add_option("--keys", keys, "KMS keys (default: one per 20 principals)");
  app.add_option("--accounts", accounts, "accounts (default: one per 200 principals, at least 2)");
  app.add_option("--seed", seed, "random seed; the same seed gives the same file");
  app.add_flag("--conditions", conditions,
               "add condition-gated statements: VPC-endpoint fences, office-IP grants, MFA trust, "
               "TLS-only key policies");
  app.add_option("-o,--output", output, "output file, `-` for stdout");
  std::size_t requests = 0;
  std::string requests_out;
  app.add_option("--requests", requests, "also write this many requests (JSON Lines)");
  app.add_option("--requests-out", requests_out, "the requests file (with --requests)");
  CLI11_PARSE(app, argc, argv);
  if (requests > 0 && requests_out.empty()) {
    std::cerr << "accesspath-orggen: --requests needs --requests-out FILE\n";
    return 2;
  }

  auto shape = accesspath::orggen::OrgShape::for_principals(principals, seed);
  if (buckets >= 0) shape.buckets = buckets;
  if (keys >= 0) shape.keys = keys;
  shape.accounts = accounts;
  shape.conditions = conditions;
  nlohmann::json org = accesspath::orggen::generate_org(shape);
  if (requests > 0) {
    std::ofstream rout(requests_out);
    accesspath::orggen::write_requests(org, requests, seed + 1, rout);
    if (!rout) {
      std::cerr << "accesspath-orggen: cannot write " << requests_out << "\n";
      return 2;
    }
  }
  std::string text = org.dump(1);
  if (output == "-") {
    std::cout << text << "\n";
    return 0;
  }
  std::ofstream out(output);
  out << text << "\n";
  if (!out) {
    std::cerr << "accesspath-orggen: cannot write " << output << "\n";
    return 2;
  }
  return 0;
}
