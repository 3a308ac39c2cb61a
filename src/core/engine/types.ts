/**
 * The engine's public types: what the front ends (the wizard, the headless commands) and the presentation
 * module may name. The plan's vocabulary lives in plan/types.ts; it is re-exported here so no front end
 * reaches into the plan's room for it.
 */
export type * from '../plan/types.js';
