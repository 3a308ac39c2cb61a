/**
 * The engine's door: everything the front ends (the Ink wizard, the headless commands) and the presentation
 * module may use of the core. The engine itself (opened here, its methods for planning, applying, finishing a
 * run, rotating a credential, mapping numbers, tearing down and the one-off resource calls), the answers and the
 * questions, the recipes, the checks a front end makes as the user types. Its types are in types.ts; its light
 * half (errors, names, the probe), which the first frame loads alone, in light.ts, re-exported here.
 *
 * Nothing outside src/core imports any other core module (eslint.config.js), so what the wizard and the
 * headless commands can do, and say, is what this module offers them.
 */
export * from './light.js';
export * from '../probe/api.js';
export { openEngine, openLiveEngine, liveBaseUrl, SANDBOX_ACCOUNT, type LiveCredentials, type OpenedEngine, type OpenSpec, type StartSandbox } from './open.js';
export { checkCredentials } from './credentials-check.js';
export { answersError, collectAnswers, emptyAnswers, nextQuestion, withAnswer, withoutAnswer, type AnswerSources, type CollectResult } from './answers.js';
export { applies, defaultFor, flatAnswers, questionsFor, validateAnswer } from './questions.js';
export { digestNeeded } from './inputs.js';
export { describeWhen, evalWhen } from '../recipes/when.js';
export { listRecipeIds, listRecipes, loadRecipe } from '../recipes/loader.js';
export { generatePassword } from '../rules/validators.js';
export { maskSecrets } from '../render/output-files.js';
export { parseNumbersCsv } from '../bulk/numbers-csv.js';
export { TRUNK_FIELD_SOURCES, trunkFields } from '../plan/trunk-record.js';
export { shownCall } from '../plan/step-kinds.js';
export { usesTls } from './engine.js';
export { sipHost } from '../sip-uri.js';
export { checked } from './resources.js';
export { rotateAtPartner } from './partner-side.js';
