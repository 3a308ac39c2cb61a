/**
 * The light half of the engine's door: what a command needs before (or without) the engine itself. Errors and
 * their words, the program's name, secrets, saved profiles, where calls will go, the Ctrl-C plumbing, the lock
 * timeout, and a loader for the SIP probe, which talks to no API. Nothing here loads the engine, the recipes,
 * Handlebars, zod or the phone-number metadata: the wizard's first frame and `exotrunk probe` import only this.
 *
 * The front ends (src/ui, src/commands) and the presentation module (src/present) reach the core only through
 * this module, index.ts (which re-exports it) and types.ts; eslint.config.js enforces it.
 */
export { EXIT, InputError, UserError, type ExitCode } from '../errors.js';
export { Secret } from '../secret.js';
export { cliName, programName, setContextFlags } from '../cli-name.js';
export { account_sid as validateAccountSid, checkAccountSid } from '../rules/account-sid.js';
export { isPartnerId, PARTNER_TITLES, type PartnerId } from '../partners/types.js';
export { failureOf, type Failure } from '../plan/failure.js';
export { InterruptedError } from '../exotel/errors.js';
export { requestsInFlight } from '../exotel/in-flight.js';
export { parseLockTimeout } from '../journal/duration.js';
export { describeTarget, type TargetFlags, type TargetSource } from './target.js';
export { currentProfileName, deleteProfile, loadProfile, profileNames, profilesPath, requireProfile, saveProfile, useProfile, type StoredProfile } from './profiles.js';

/** The SIP probe (DNS, TCP/TLS, SIP OPTIONS) and the SIP code table, loaded when asked for. */
export const loadProbe = () => import('../probe/api.js');

/** The recipe catalog (YAML, checked with zod), loaded when asked for: listing recipes needs no engine. */
export const loadCatalog = () => import('../recipes/catalog.js');
