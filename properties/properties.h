// The accesspath property library, for writing RapidCheck property suites
// over AWS access decisions: generators (names, conditions, policies, whole
// worlds, requests, team edits), readable counterexamples, a reference
// evaluator, laws to check any decider against, a search of a team's edits for
// one that breaks an invariant (explore), and labeled datasets.
//
//   #include <gtest/gtest.h>
//   #include <rapidcheck/gtest.h>   // after gtest (toolchain notes)
//   #include "properties/properties.h"
//   using namespace accesspath::properties;
//
//   RC_GTEST_PROP(MyBuckets, FastAgreesWithReference, ()) {
//     WorldDoc w = *gen_world_doc();
//     Request r = *gen_request(w.doc);
//     LawResult law = fast_agrees_with_reference(w.doc, r);
//     RC_PRE(!law.vacuous);
//     if (!law) RC_FAIL(law.counterexample);
//   }
//
// Link with accesspath::properties (CMake: find_package(accesspath) then
// target_link_libraries(my_tests PRIVATE accesspath::properties rapidcheck_gtest
// GTest::gtest_main)).
#pragma once

#include "properties/edit_permissions.h"
#include "properties/explore.h"
#include "properties/generators_conditions.h"
#include "properties/generators_conditions_extended.h"
#include "properties/generators_core.h"
#include "properties/generators_names.h"
#include "properties/generators_policies.h"
#include "properties/generators_request.h"
#include "properties/generators_team_edit.h"
#include "properties/generators_world.h"
#include "properties/generators_world_facts.h"
#include "properties/known_fast_bugs.h"
#include "properties/labeled_dataset.h"
#include "properties/laws.h"
#include "properties/policy_sites.h"
#include "properties/policy_use.h"
#include "properties/reference_evaluator.h"
#include "properties/scenario_order.h"
#include "properties/settings.h"
#include "properties/show.h"
#include "properties/team_edit.h"
#include "properties/vocabulary.h"
#include "properties/world_to_json.h"
