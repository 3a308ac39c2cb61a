/**
 * The partner side of a run (issue 17): LiveKit trunks and dispatch rule, the ElevenLabs SIP-trunk number, the
 * Retell imported number, configured, verified and torn down through each partner's official SDK.
 *
 * How the engine wires it (everything here is core: no UI, no engine imports):
 *
 *   const creds = requirePartnerCredentials(partner)          // env names the partner's tools read; undefined = not opted in
 *   const inputs = partnerInputsFromContext(renderContext)    // the same data the paste-ready templates render
 *   const desired = partnerDesired(inputs)                    // pure
 *   const client = await openPartner(creds, { log })          // lazy: the SDK is imported here, not before
 *   await client.checkAgent(inputs)                           // before any Exotel call: a missing agent is bad input
 *   const obs = await client.observe(desired, { known, password })   // known = ids from the journal
 *   const plan = planPartner(desired, obs, { resendSecrets })  // pure: steps with reasons, and blockers
 *   const ids = { ...known, ...observedIds(desired, obs) }
 *   for (const step of plan.steps) ids[step.kind] = (await client.execute(step, inputs, ids)).id   // journal each id
 *   verifyRows(desired, await client.observe(desired, { known })) // pure: rows for verify (exit 3 on drift)
 *   teardownSteps(await client.observe([], { known }))        // pure: deletes, dependents first
 *
 * Ordering with Exotel: the partner steps come after the Exotel steps they need (the trunk's digest
 * credentials; the ExoPhone), and a teardown removes the partner side first. Steps hold no secret: bodies are
 * built inside execute() from `inputs`. A create whose answer is lost is looked up by name / number before it
 * is ever sent again (PartnerCaller.create), so a crash or a fault anywhere re-runs to zero duplicates.
 *
 * What each partner cannot do or show is said where it applies: passwords are never returned by ElevenLabs or
 * Retell (ElevenLabs says whether one is set); LiveKit Cloud may or may not return one (the open-source server
 * does, and it is then compared without being shown); LiveKit agent names cannot be checked through its API.
 */
export { PartnerCaller, secretForms, type CallOptions } from './call.js';
export { openPartner, type ObserveOptions, type PartnerClient } from './client.js';
export {
  checkPartnerUrl,
  credentialSecrets,
  ELEVENLABS_HOSTS,
  PARTNER_ENV,
  partnerConfigured,
  readPartnerCredentials,
  requirePartnerCredentials,
  type CredentialsResult,
  type ElevenLabsCredentials,
  type LiveKitCredentials,
  type PartnerCredentials,
  type RetellCredentials,
} from './credentials.js';
export { partnerDesired } from './desired.js';
export { observedIds, planPartner, showValue, teardownSteps, verifyRows, type PartnerObservation, type PlanOptions } from './diff.js';
export { PartnerError, PartnerOutcomeUnknownError, type CallFailure } from './errors.js';
export { destinationTransport, partnerInputsFromContext, partnerOfRecipe } from './inputs.js';
export * from './types.js';
export { Secret } from '../secret.js';
