// The peer side by side: @cloud-copilot/iam-simulate (npm) deciding the same requests as
// `accesspath eval` (bench/end_to_end.sh --peer). Each request is handed what iam-simulate takes:
// the principal's identity policies (inline, managed, its groups'), its boundary, the account's
// SCP levels, and the resource's policy (bucket policy, key policy, or the role's trust policy).
// iam-simulate authorizes one call; S3's KMS call for SSE-KMS objects is not part of it, so the
// decisions are not compared here, only the rate. Prints requests/s on stdout.
//
//   node bench/peer/iam_simulate_bench.mjs WORLD.json REQUESTS.jsonl [COUNT]
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const [world, requestsFile, countArg] = process.argv.slice(2)
const w = JSON.parse(readFileSync(world, 'utf8'))
const lines = readFileSync(requestsFile, 'utf8').split('\n').filter((l) => l.trim())
const count = Math.min(Number(countArg || lines.length), lines.length)

const managed = w.managed_policies || {}
const doc = (p) => (typeof p === 'string' ? managed[p] : p)
const principals = new Map(w.principals.map((p) => [p.arn, p]))
const groups = new Map((w.groups || []).map((g) => [g.arn, g]))
const accounts = new Map(w.accounts.map((a) => [a.id, a]))
const buckets = new Map(w.buckets.map((b) => [b.name, b]))
const keys = new Map(w.keys.map((k) => [k.arn, k]))
const accountOf = (arn) => arn.split(':')[4]

function simulation(r) {
  const p = principals.get(r.principal) || { policies: [] }
  const identity = []
  const add = (list, prefix) =>
    (list || []).forEach((x, i) => identity.push({ name: `${prefix}-${i}`, policy: doc(x) }))
  add(p.policies, 'inline')
  for (const g of p.groups || []) add((groups.get(g) || {}).policies, g)
  const account = accountOf(r.principal)
  const scps = ((accounts.get(account) || {}).scps || []).map((level, i) => ({
    orgIdentifier: `level-${i}`,
    policies: level.map((x, j) => ({ name: `scp-${i}-${j}`, policy: doc(x) }))
  }))
  let resourcePolicy, resourceAccount
  if (r.resource.startsWith('arn:aws:s3:::')) {
    const b = buckets.get(r.resource.slice(13).split('/')[0])
    resourcePolicy = b && b.policy
    resourceAccount = b ? b.account : account
  } else if (r.resource.startsWith('arn:aws:kms:')) {
    resourcePolicy = (keys.get(r.resource) || {}).policy
    resourceAccount = accountOf(r.resource)
  } else {
    resourcePolicy = (principals.get(r.resource) || {}).trust_policy
    resourceAccount = accountOf(r.resource)
  }
  const s = {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: resourceAccount },
      contextVariables: Object.fromEntries(
        Object.entries(r.headers || {}).map(([k, v]) => [`s3:${k}`, v])
      )
    },
    identityPolicies: identity,
    serviceControlPolicies: scps,
    resourceControlPolicies: [],
    resourcePolicy
  }
  if (p.permissions_boundary) s.permissionBoundaryPolicies = [{ name: 'boundary', policy: doc(p.permissions_boundary) }]
  return s
}

const sims = lines.slice(0, count).map((l) => simulation(JSON.parse(l)))
const start = process.hrtime.bigint()
const outcomes = {}
for (const s of sims) {
  const out = await runSimulation(s, {})
  const key = out.resultType === 'error' ? 'error' : out.overallResult
  outcomes[key] = (outcomes[key] || 0) + 1
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9
console.error(JSON.stringify(outcomes))
console.log(`${count} requests in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)} requests/s`)
