// One CloudTrail event as a request of the world: who (userIdentity), what (eventSource and
// eventName to an IAM action), on what (bucket/key, KMS key, role), with which request context
// (sourceIPAddress or vpcEndpointId, userAgent, eventTime, MFA, TLS), and what AWS answered
// (errorCode). Events the world cannot decide say why.
//
//   EventRequest e = request_of_event(record.event, world);
//   if (e.kind == EventKind::kDecide) evaluate(world, e.request) ... compare with e.aws_allowed
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/world/request.h"
#include "model/world/world.h"

namespace accesspath {

enum class EventKind {
  kDecide,     // `request` is what AWS authorized (or refused)
  kTiedToS3,   // a KMS call S3 made for a caller: decided with the caller's S3 request
  kUndecided,  // the world cannot decide it; `reason` says why
  kBad,        // not an event record; `reason` says what is wrong
};

struct EventRequest {
  EventKind kind = EventKind::kBad;
  Request request;
  bool aws_allowed = true;  // no errorCode: AWS authorized the call
  std::string reason;
  // For reports: the event's own fields.
  std::string event_id;
  std::string event_time;
  std::string event_name;   // "s3:GetObject" style: source service and event name
  std::string principal;    // the principal as mapped (or userIdentity's arn/type when unmapped)
  std::string bucket;       // S3 events: the bucket
  std::string tied_object;  // kTiedToS3: the object ARN of the encryption context, when given
};

EventRequest request_of_event(const nlohmann::json& event, const World& world);

}  // namespace accesspath
