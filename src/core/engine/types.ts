/**
 * The engine's public types: what the front ends (the wizard, the headless commands) and the presentation
 * module may name. The plan's vocabulary lives in plan/types.ts and the rest in its room; this module gathers
 * them, so no front end reaches into a room of the core for a type.
 */
export type * from '../plan/types.js';
export type { Engine, Finished, TeardownResult } from './engine.js';
export type { Rotation } from './rotate.js';
export type { TrunkRef } from './resources.js';
export type { AnswerSources, CollectResult } from './answers.js';
export type { RunState } from '../journal/state-store.js';
export type { Direction, Output, Question, Recipe, When } from '../recipes/schema.js';
export type { RenderedOutput } from '../render/render.js';
export type { WrittenFile } from '../render/output-files.js';
export type { AclEntry, Credential, Destination, NumberMapping, NumberMode, Region, RetryInfo, Trunk } from '../exotel/types.js';
export type { Decision, TrunkAuth, Validator, ValidationResult } from '../rules/contract.js';
export type { TrunkField } from '../plan/trunk-record.js';
export type { ShownCall } from '../plan/step-context.js';
export type { BulkEvent, BulkResult } from '../bulk/map-numbers.js';
export type { NumberRow } from '../bulk/numbers-csv.js';
export type { ProbeOptions, ProbeResult } from '../probe/probe.js';
export type { Failure } from '../plan/failure.js';
export type { TargetSource } from './target.js';
export type { LiveCredentials, OpenedEngine } from './open.js';
export type { CrossRow, CrossStatus, PartnerId, PartnerVerifyReport } from '../partners/types.js';
export type { KeySource, PartnerOffer } from './partner-side.js';
