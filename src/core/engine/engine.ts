/**
 * The one engine behind both front ends. The wizard and the headless commands call these methods and
 * show what comes back; neither has its own copy of the logic.
 */
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, UserError } from '../errors.js';
import { checkTrunkSid, isExotelOwnCredential } from '../exotel/client.js';
import { ExotelApiError } from '../exotel/errors.js';
import { isNotFound } from '../exotel/error-table.js';
import { isLoopbackHost } from '../exotel/base-url.js';
import { REGION_BASE_URL, type ExotelClient, type Region, type Trunk } from '../exotel/types.js';
import { listRecipeIds, listRecipes, loadRecipe } from '../recipes/loader.js';
import type { Recipe } from '../recipes/schema.js';
import { writeOutputs, type WrittenFile } from '../render/output-files.js';
import { renderOutputs, type RenderedOutput } from '../render/render.js';
import { Secret } from '../secret.js';
import { applyPlan, teardownPlan } from '../plan/apply.js';
import { planTeardown } from '../plan/teardown.js';
import { desiredState } from '../plan/desired.js';
import { observeTrunk } from '../plan/observe.js';
import { planSteps } from '../plan/planner.js';
import { StateStore, newRun, targetOf, type RunState } from '../journal/state-store.js';
import { verifyTrunk } from '../plan/verify.js';
import { secureTrunkingNote } from '../plan/trunk-record.js';
import { SecretsStore } from '../journal/secrets-store.js';
import { EXOTEL_PASSWORD_KEY } from './inputs.js';
import { StateLock, type LockOptions } from '../journal/lock.js';
import { buildInputs } from './inputs.js';
import { renderContextFor } from './render-context.js';
import { PartnerSide, type PartnerSideOptions } from './partner-side.js';
import type { AnswerSet, ApplyEvent, ApplyResult, Inputs, Observed, Plan, VerifyReport } from './types.js';

/** A finished run: the configs rendered and written, and the journal's record of the run. */
export interface Finished {
  inputs: Inputs;
  outputs: RenderedOutput[];
  files: WrittenFile[];
  run: RunState | undefined;
}

/** What a teardown did: the events and failures of its plan, and what it deleted and removed. */
export interface TeardownResult extends ApplyResult {
  /** '' for a setup that had no trunk */
  trunkSid: string;
  deletedCredentials: string[];
  /** the folder of rendered configs removed (they described the deleted trunk) */
  removedConfigs?: string;
  /** Ctrl-C: the steps finished so far are journaled; the rest are not done */
  interrupted?: boolean;
  /** the trunk was kept: these other recipes here still use it */
  keptFor?: string[];
}
import { cliName } from '../cli-name.js';
import { Resources } from './resources.js';
import { checkClient } from './credentials-check.js';
import { finishRotation, startRotation, type Rotation } from './rotate.js';

export interface EngineInit {
  client: ExotelClient;
  mode: 'sandbox' | 'live';
  region: Region | 'custom';
  /** ./.exotrunk/state.json by default */
  statePath?: string;
  /** ./.exotrunk/out by default */
  outDir?: string;
  /** who the state directory's lock names, and how long to wait for it (default: fail at once) */
  lock?: LockOptions;
  /** the partner side through the partner's API (issue 17): where its credentials are read, --verbose */
  partners?: PartnerSideOptions;
}

export class Engine {
  readonly client: ExotelClient;
  readonly mode: 'sandbox' | 'live';
  readonly region: Region | 'custom';
  readonly store: StateStore;
  readonly secrets: SecretsStore;
  readonly outDir: string;
  readonly target: string;
  /** the state directory's lock: held by a writing command from before it plans until close() */
  readonly lock: StateLock;
  /** a short lock of its own is held (writeOutputs without the engine's lock) */
  #borrowed = false;
  /** LiveKit, ElevenLabs and Retell set up, verified and torn down through their APIs when their credentials are set */
  readonly partners: PartnerSide;

  constructor(init: EngineInit) {
    this.client = init.client;
    this.mode = init.mode;
    this.region = init.region;
    const statePath = resolve(init.statePath ?? join('.exotrunk', 'state.json'));
    this.lock = new StateLock(dirname(statePath), init.lock ?? { command: 'exotrunk' });
    const locked = () => {
      if (!this.lock.held && !this.#borrowed) throw new Error(`the journal in ${this.lock.dir} was about to be written without its lock`);
    };
    this.store = new StateStore(statePath, { beforeWrite: locked });
    this.secrets = new SecretsStore(join(dirname(statePath), 'secrets.json'), { beforeWrite: locked, mayMoveAside: () => this.lock.held });
    this.outDir = resolve(init.outDir ?? join(statePath, '..', 'out'));
    this.target = targetOf(this.mode, this.client.accountSid);
    this.partners = new PartnerSide(this, init.partners);
  }

  /**
   * Take the state directory's lock for the rest of this engine's life. A writing command calls this before it
   * reads the journal to plan, so what it plans from cannot change under it (Terraform's state lock).
   */
  async hold(): Promise<void> {
    await this.lock.acquire();
    this.secrets.check();
  }

  /** A journal-writing operation: under the lock held, or under one taken for this operation only (the wizard). */
  private async writing<T>(fn: (taken: boolean) => Promise<T>): Promise<T> {
    if (this.lock.held) return fn(false);
    await this.lock.acquire();
    try {
      this.secrets.check();
      return await fn(true);
    } finally {
      this.lock.release();
    }
  }

  /** One-off calls on a trunk's resources (the resource commands). */
  get resources(): Resources {
    return (this.#resources ??= new Resources(this));
  }

  #resources?: Resources;

  /** The Exotel account the calls go to. */
  get accountSid(): string {
    return this.client.accountSid;
  }

  /**
   * "SANDBOX", "LIVE <sid> (in)", or "LOCAL <base URL>" for a server on this machine (never called LIVE): the
   * same tags as the header (present/target.ts), for the core's own messages.
   */
  get label(): string {
    if (this.mode === 'sandbox') return 'SANDBOX';
    if (isLocalBaseUrl(this.client.baseUrl)) return `LOCAL ${this.client.baseUrl}`;
    return `LIVE ${this.client.accountSid} (${this.region})`;
  }

  recipes(): Recipe[] {
    return listRecipes();
  }

  recipe(id: string): Recipe {
    return loadRecipe(id);
  }

  /**
   * One read with this engine's credentials (from the environment or a profile), before anything is asked: a
   * wrong token is said at once, not at the first write. The sandbox has nothing to check.
   */
  async checkAccess(): Promise<void> {
    if (this.mode !== 'sandbox') await checkClient(this.client);
  }

  /** Runs the journal knows for this target (sandbox or this account). */
  runs(): RunState[] {
    return this.store.list(this.target).filter((r) => !r.tornDownAt);
  }

  run(recipeId: string): RunState | undefined {
    return this.store.get(this.target, recipeId);
  }

  /**
   * Runs this journal holds for another target (a LIVE account while this is the sandbox, another account, the
   * sandbox while this is live), not torn down: what a command here cannot see, so it can say where they are.
   */
  elsewhere(recipeId?: string): RunState[] {
    return this.store.list().filter((r) => r.target !== this.target && !r.tornDownAt && (!recipeId || r.recipeId === recipeId));
  }

  /** "is applied for LIVE acme2 (in) in this state, not for SANDBOX": the error of a run under another target. */
  #appliedElsewhere(runs: RunState[], what: string): UserError {
    const where = [...new Set(runs.map(runTargetLabel))];
    const live = runs.find((r) => r.target !== 'sandbox');
    const reach = live
      ? `Reach ${where.length > 1 ? 'that account' : where[0]} as when it was applied: EXOTEL_ACCOUNT_SID=${live.accountSid} with EXOTEL_API_KEY and EXOTEL_API_TOKEN set${live.region === 'sg' ? ' and EXOTEL_REGION=sg' : live.region === 'custom' ? ' and EXOTEL_BASE_URL as then' : ''}, or a saved profile (${cliName()} profile save, then --profile NAME)`
      : 'Pass --sandbox for the sandbox run';
    return new UserError(`${what} is applied for ${where.join(' and ')} in this state (${this.store.path}), not for ${this.label}, where this command looks.`, {
      fix: `${reach}; or ${cliName()} apply ${runs[0]!.recipeId} to set it up for ${this.label} too.`,
    });
  }

  requireRun(recipeId?: string): RunState {
    const runs = this.runs();
    if (!recipeId) {
      if (runs.length === 1) return runs[0];
      const other = this.elsewhere();
      if (!runs.length && other.length) throw this.#appliedElsewhere(other, [...new Set(other.map((r) => r.recipeId))].join(', '));
      if (!runs.length) throw new UserError(`No recipe has been applied here yet (${this.label}, state ${this.store.path}).`, { fix: `Run ${cliName()} apply <recipe> first, or pass --state FILE.` });
      throw new InputError(`Several recipes are applied here (${this.label}): ${runs.map((r) => r.recipeId).join(', ')}. Which one?`, { fix: `Name it: the recipe argument (e.g. ${cliName()} verify ${runs[0].recipeId}) or --recipe ${runs[0].recipeId} for the resource commands.` });
    }
    if (!listRecipeIds().includes(recipeId)) throw new InputError(`Unknown recipe "${recipeId}".`, { fix: `Use one of: ${listRecipeIds().join(', ')}.` });
    const run = this.run(recipeId);
    if (run?.tornDownAt) throw new UserError(`${recipeId} was torn down on ${run.tornDownAt.slice(0, 10)} (${this.label}); nothing of it is configured now.`, { fix: `Run ${cliName()} apply ${recipeId} to set it up again.` });
    const other = run ? [] : this.elsewhere(recipeId);
    if (other.length) throw this.#appliedElsewhere(other, recipeId);
    if (!run) throw new UserError(`The state has no applied run of ${recipeId} (${this.label}).`, { fix: `Run ${cliName()} apply ${recipeId} first, or pass --state FILE.` });
    return run;
  }

  /** Secrets kept from an earlier run of this recipe (the generated SIP password), for re-runs. */
  previousSecrets(recipeId: string): Record<string, string> {
    return this.secrets.get(this.target, recipeId);
  }

  /** `partnerApi: false`: no partner steps in this run's plan, even when the partner's API keys are set. */
  inputs(recipe: Recipe, answers: AnswerSet, opts: { trunkSid?: string; partnerApi?: boolean } = {}): Inputs {
    const run = this.run(recipe.id);
    const inputs = buildInputs(recipe, answers, { trunkSid: opts.trunkSid ?? run?.trunkSid });
    if (opts.partnerApi === false) inputs.partnerApi = false;
    const exotelPassword = this.previousSecrets(recipe.id)[EXOTEL_PASSWORD_KEY];
    if (inputs.credentialSource === 'exotel' && exotelPassword && run?.trunkSid && run.trunkSid === inputs.trunkSid) {
      // read from Exotel by an earlier apply of this trunk
      inputs.answers.secrets[EXOTEL_PASSWORD_KEY] = new Secret(exotelPassword);
      inputs.sipPassword = inputs.answers.secrets[EXOTEL_PASSWORD_KEY];
    }
    // Exotel keeps the password a credential was created with: a different one now would render configs
    // that no longer match the trunk. Changing it is a rotation.
    const cred = run && !run.tornDownAt ? run.resources.credential : null;
    if (cred && cred.userName === inputs.sipUsername) this.refuseOtherPassword(inputs, cred.userName);
    return inputs;
  }

  /** Exotel keeps the password a credential was created with: one different from the journal's is refused. */
  private refuseOtherPassword(inputs: Inputs, userName: string): void {
    const kept = this.previousSecrets(inputs.recipe.id).sip_password;
    if (!kept || !inputs.sipPassword || inputs.sipPassword.reveal() === kept) return;
    throw new InputError(`The credential ${userName} already exists at Exotel with the password exotrunk created it with; the SIP password given now is different.`, {
      why: 'Exotel has no update for a credential, so the partner configs would carry a password the trunk does not accept.',
      fix: `Leave EXOTRUNK_SIP_PASSWORD / sip_password out to keep the current one, or change it safely with: ${cliName()} credentials rotate ${inputs.recipe.id}`,
    });
  }

  /** Inputs rebuilt from the journal, for verify / render / teardown without asking again. */
  inputsFromState(run: RunState): Inputs {
    const recipe = this.recipe(run.recipeId);
    const secrets = Object.fromEntries(Object.entries(this.previousSecrets(run.recipeId)).map(([k, v]) => [k, new Secret(v)]));
    const answers: AnswerSet = { values: run.answers, secrets, sources: Object.fromEntries(Object.keys(run.answers).map((k) => [k, 'state' as const])) };
    return buildInputs(recipe, answers, { trunkSid: run.trunkSid });
  }

  /** Read the live trunk (when the journal or --trunk-sid knows it) and plan the calls that remain. */
  async plan(inputs: Inputs): Promise<{ plan: Plan; observed: Observed | null }> {
    const run = this.run(inputs.recipe.id);
    const sid = inputs.trunkSid ?? (run?.tornDownAt ? undefined : run?.trunkSid);
    const adopting = !!inputs.trunkSid && inputs.trunkSid !== run?.trunkSid && !inputs.skipTrunk;
    if (adopting) {
      // before any request, to either side: a malformed sid, or a trunk another recipe here set up
      checkTrunkSid(inputs.trunkSid!, 'trunk sid (--trunk-sid)');
      this.refuseOwnedTrunk(inputs.recipe.id, inputs.trunkSid!);
    }
    // the partner's credentials, agent and resources are checked before any Exotel call
    const partner = await this.partners.prepare(inputs, sid);
    const adoption = adopting ? await this.checkAdoption(inputs) : { warnings: [], confirm: [] };
    let observed: Observed | null = null;
    if (sid && !inputs.skipTrunk) {
      try {
        observed = await observeTrunk(this.client, sid, run?.resources.alias);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        if (adopting) throw this.unknownTrunk(inputs.trunkSid!);
        observed = null; // the trunk is gone: plan a new one
      }
    }
    const desired = desiredState(inputs, run?.extraNumbers); // teardown empties extraNumbers
    const plan = planSteps(inputs, desired, observed, { accountSid: this.client.accountSid, aliasInState: run?.resources.alias });
    plan.warnings.push(...adoption.warnings);
    if (adoption.confirm.length) plan.confirm = adoption.confirm;
    if (!inputs.skipTrunk) {
      const tls = secureTrunkingNote(observed?.trunk, usesTls(inputs), observed?.trunkSid);
      if (tls) plan.warnings.push(tls);
    }
    if (!inputs.skipTrunk) plan.warnings.push(...this.sharedNumber(inputs.recipe.id, inputs.did));
    // A credential of that name already on the trunk, whose password exotrunk never had (an adopted trunk, a lost
    // state file): a freshly generated password would go into the partner configs but not to Exotel.
    const credentialThere = desired.credential && !desired.credential.exotel && observed?.credentials.some((c) => c.userName === desired.credential!.userName);
    // found on the trunk but not in the journal (a run killed right after creating it): the password saved
    // before that call is the one Exotel has
    if (credentialThere) this.refuseOtherPassword(inputs, desired.credential!.userName);
    if (credentialThere && inputs.answers.sources.sip_password === 'generated') {
      throw new UserError(`The trunk already has a credential ${desired.credential!.userName}, and exotrunk does not know its password.`, {
        why: 'Exotel never returns a password, so the partner configs cannot be rendered with the right one.',
        fix: `Give the password (EXOTRUNK_SIP_PASSWORD or an answers file), or pick another sip_username, or replace it: ${cliName()} credentials delete --trunk-sid ${observed!.trunkSid} --id <id>, then apply again.`,
      });
    }
    await this.partners.extend(plan, partner, inputs, observed);
    return { plan, observed };
  }

  /**
   * --trunk-sid: before a trunk whose create answer was lost is adopted, check with GET /trunks/{sid} that it exists
   * and is this account's. Its real name wins over the trunk_name answer (no API renames a trunk).
   */
  private async checkAdoption(inputs: Inputs): Promise<{ warnings: string[]; confirm: string[] }> {
    const sid = inputs.trunkSid!; // checked in plan()
    let trunk: Trunk;
    try {
      trunk = await this.client.getTrunk(sid);
    } catch (e) {
      if (e instanceof ExotelApiError && (e.httpStatus === 403 || e.responseCode === 403)) throw this.foreignTrunk(sid, 'Exotel refused access to it (HTTP 403)');
      // an unknown sid, or a GET this account does not answer: the lists decide (observeTrunk)
      if (isNotFound(e)) return { warnings: [], confirm: [] };
      throw e;
    }
    const domain = `${this.client.accountSid}.pstn.exotel.com`;
    if (trunk.domainName && trunk.domainName.toLowerCase() !== domain.toLowerCase()) {
      throw this.foreignTrunk(sid, `its domain is ${trunk.domainName}, not ${domain}`);
    }
    const warnings: string[] = [];
    const confirm: string[] = [];
    if (trunk.trunkName && trunk.trunkName !== inputs.trunkName) {
      // a different name may mean a mistyped sid: the plan asks for a confirmation (--yes without a terminal)
      confirm.push(`Trunk ${sid} is named ${trunk.trunkName}, not ${inputs.trunkName || '(no trunk_name given)'}: check that it is the trunk you mean; the journal records ${trunk.trunkName}, since no Exotel API renames a trunk.`);
      inputs.trunkName = trunk.trunkName;
      inputs.answers.values.trunk_name = trunk.trunkName;
    }
    if (trunk.status && trunk.status !== 'active') warnings.push(`Trunk ${sid} is ${trunk.status}, not active: calls through it may fail until Exotel reactivates it (hello@exotel.com).`);
    return { warnings, confirm };
  }

  /** The other runs here (not torn down) whose trunk is this sid. */
  private sharers(recipeId: string, trunkSid: string): RunState[] {
    return this.runs().filter((r) => r.recipeId !== recipeId && !r.tornDownAt && r.trunkSid === trunkSid);
  }

  /**
   * --trunk-sid naming a trunk another recipe of this journal set up: adopting it would mix two setups on one
   * trunk, and tearing one down would delete the other's trunk. Refused before any request.
   */
  private refuseOwnedTrunk(recipeId: string, trunkSid: string): void {
    const owner = this.sharers(recipeId, trunkSid)[0];
    if (!owner) return;
    throw new InputError(`Trunk ${trunkSid} is ${owner.recipeId}'s trunk (set up here by ${cliName()} apply ${owner.recipeId}), so ${recipeId} cannot adopt it: nothing was sent.`, {
      why: `Two setups on one trunk would share its numbers, credentials and destinations, and tearing one down would delete the other's trunk.`,
      fix: `Leave --trunk-sid out to create a trunk for ${recipeId}, or give the sid of a trunk no other recipe here uses (${cliName()} verify ${owner.recipeId} shows ${owner.recipeId}'s).`,
    });
  }

  private unknownTrunk(sid: string): UserError {
    return new UserError(`Trunk ${sid} does not exist in Exotel account ${this.client.accountSid}: nothing was changed.`, {
      why: 'Exotel answers "not found" for a mistyped sid, a deleted trunk, and a trunk of another account alike.',
      fix: `Copy the sid from the dashboard of account ${this.client.accountSid} (Exotrunk Management, "ID: …" under the trunk name), and check the account SID and region; leave --trunk-sid out to create a new trunk.`,
    });
  }

  private foreignTrunk(sid: string, evidence: string): UserError {
    return new UserError(`Trunk ${sid} belongs to another Exotel account, not ${this.client.accountSid} (${evidence}): nothing was changed.`, {
      fix: `Use the API key, token and account SID of the account that owns it (EXOTEL_ACCOUNT_SID, or --profile), or pick a trunk of account ${this.client.accountSid}.`,
    });
  }

  /** Execute a plan. The SIP password is put in the 0600 secrets file before the credential is created. */
  async apply(plan: Plan, inputs: Inputs, opts: { onEvent?: (e: ApplyEvent) => void; signal?: AbortSignal } = {}): Promise<ApplyResult> {
    return this.writing(async (taken) => {
      if (taken) this.checkPlanStillFits(plan, inputs);
      return this.applyLocked(plan, inputs, opts);
    });
  }

  /** A plan made before the lock was taken (the wizard) is stale if another command changed this run's trunk since. */
  private checkPlanStillFits(plan: Plan, inputs: Inputs): void {
    const run = this.run(inputs.recipe.id);
    const journaled = run && !run.tornDownAt ? run.trunkSid : undefined;
    if ((plan.trunkSid ?? inputs.trunkSid) !== journaled && !(journaled === undefined && inputs.trunkSid)) {
      throw new UserError(`The journal of ${inputs.recipe.id} changed since this plan was made: another command ${journaled ? `set up trunk ${journaled}` : 'tore its trunk down'} meanwhile.`, {
        fix: `Plan again (${cliName()} plan ${inputs.recipe.id}), then apply: the new plan starts from what is there now.`,
      });
    }
  }

  private async applyLocked(plan: Plan, inputs: Inputs, opts: { onEvent?: (e: ApplyEvent) => void; signal?: AbortSignal }): Promise<ApplyResult> {
    // Every secret answer (the SIP password, a partner API key) goes to the 0600 secrets file before any call,
    // so a resumed run uses the same password and a later re-render has what the configs need.
    const secrets = Object.fromEntries(Object.entries(inputs.answers.secrets).map(([k, v]) => [k, v.reveal()]));
    if (Object.keys(secrets).length) this.secrets.set(this.target, inputs.recipe.id, secrets);
    if (plan.trunkSid) {
      this.store.update(this.target, inputs.recipe.id, () => newRun({ recipeId: inputs.recipe.id, target: this.target, accountSid: this.client.accountSid, region: this.region, direction: inputs.direction, trunkName: inputs.trunkName, answers: inputs.answers.values }), (r) => {
        r.trunkSid = plan.trunkSid;
        delete r.tornDownAt;
      });
    }
    const before = this.run(inputs.recipe.id);
    const result = await applyPlan(plan, inputs, { client: this.client, store: this.store, mode: this.mode, region: this.region, onEvent: opts.onEvent, signal: opts.signal });
    if (result.ok && inputs.credentialSource === 'exotel' && result.trunkSid && !opts.signal?.aborted) {
      const failed = await this.takeExotelCredential(inputs, result.trunkSid, opts.onEvent);
      if (failed) {
        // a switch to Exotel's credential that failed is not journaled: the configs (and verify) keep the one in use
        if (before && !before.tornDownAt && before.resources.credential && before.answers.sip_credential !== 'exotel') {
          // the answers the switch dropped (sip_username) come back with the choice; the others given now stay
          const { sip_credential: was, ...kept } = before.answers;
          this.store.update(this.target, inputs.recipe.id, () => this.run(inputs.recipe.id)!, (r) => {
            const { sip_credential: _switched, ...now } = r.answers;
            r.answers = { ...kept, ...now, ...(was === undefined ? {} : { sip_credential: was }) };
          });
        }
        return { ...result, ok: false, failed: [...result.failed, failed], events: [...result.events] };
      }
    }
    return result;
  }

  /**
   * sip_credential=exotel: the partner configs carry the credential Exotel generated with the trunk. Its password
   * can only come from Exotel's GET (the API reference's {username, password} answer); it is then kept like a
   * generated one, in the 0600 secrets file, and never printed unless revealed.
   */
  private async takeExotelCredential(inputs: Inputs, trunkSid: string, onEvent?: (e: ApplyEvent) => void): Promise<ApplyResult['failed'][number] | undefined> {
    const stepId = 'exotel-credential';
    const t0 = performance.now();
    onEvent?.({ type: 'started', stepId, at: Date.now() });
    const own = (await this.client.listCredentials(trunkSid)).find((c) => isExotelOwnCredential(c, trunkSid));
    const fail = (message: string, fix: string) => {
      const f = { stepId, message, fix };
      onEvent?.({ type: 'failed', stepId, ms: Math.round(performance.now() - t0), message, fix });
      return f;
    };
    const instead = `apply again with --set sip_credential=recipe, which creates a credential for this setup`;
    if (!own) return fail(`Trunk ${trunkSid} has no credential of Exotel's own, and sip_credential=exotel chose it for the partner configs.`, `Ask Exotel whether your account gets one, or ${instead}.`);
    if (!own.password) return fail(`Exotel lists its own credential ${own.userName} on trunk ${trunkSid} but does not return its password, so the partner configs cannot carry it.`, `Find the password in the Exotel dashboard and use a credential you control: ${instead}.`);
    // kept apart from sip_password, so a later switch to sip_credential=recipe never reuses Exotel's password
    this.secrets.set(this.target, inputs.recipe.id, { [EXOTEL_PASSWORD_KEY]: own.password.reveal() });
    this.store.update(this.target, inputs.recipe.id, () => this.run(inputs.recipe.id)!, (r) => {
      r.resources.credential = { ...(own.id ? { id: own.id } : {}), userName: own.userName };
    });
    inputs.answers.secrets[EXOTEL_PASSWORD_KEY] = own.password;
    inputs.sipUsername = own.userName;
    inputs.sipPassword = own.password;
    onEvent?.({ type: 'done', stepId, ms: Math.round(performance.now() - t0), detail: `Exotel's own credential ${own.userName}` });
    return undefined;
  }

  /** Render the recipe's partner configs for these inputs (trunk sid from the journal when known). */
  render(inputs: Inputs): RenderedOutput[] {
    const run = this.run(inputs.recipe.id);
    if (run && !run.tornDownAt && !run.appliedAt) {
      throw new UserError(`${run.recipeId} is not finished: its configs would name a number, credential or destination that does not exist at Exotel yet.`, {
        fix: `Finish it first: ${cliName()} apply ${run.recipeId} (it resumes where the last run stopped).`,
      });
    }
    if (inputs.credentialSource === 'exotel' && !inputs.sipPassword) {
      throw new UserError(`${inputs.recipe.id} uses Exotel's own credential, whose password exotrunk reads from Exotel when it applies the setup.`, {
        fix: `Run ${cliName()} apply ${inputs.recipe.id} first (the configs are rendered then), or use --set sip_credential=recipe.`,
      });
    }
    const ctx = renderContextFor(inputs, {
      account: { sid: this.client.accountSid, region: this.region },
      trunkSid: run?.tornDownAt ? undefined : run?.trunkSid ?? inputs.trunkSid,
    });
    return renderOutputs(inputs.recipe, ctx);
  }

  /**
   * Write the rendered files, and journal their list (`journal: false` for the read-only `render` command,
   * which never takes the lock). Without the lock held (the wizard), the list is journaled only if the lock is
   * free right now: it is a convenience, not worth waiting for.
   */
  async writeOutputs(recipeId: string, outputs: RenderedOutput[], opts: { journal?: boolean } = {}): Promise<WrittenFile[]> {
    const files = await writeOutputs(outputs, join(this.outDir, recipeId));
    const record = () => {
      if (this.run(recipeId)) this.store.update(this.target, recipeId, () => this.run(recipeId)!, (r) => void (r.outputs = files.map((f) => f.path)));
    };
    if (opts.journal === false) return files;
    if (this.lock.held) record();
    else {
      const lock = new StateLock(this.lock.dir, { command: this.lock.command });
      const taken = await lock.acquire().then(() => true, () => false);
      if (taken) {
        try {
          this.#borrowed = true;
          record();
        } finally {
          this.#borrowed = false;
          lock.release();
        }
      }
    }
    return files;
  }

  /**
   * Finish a run: render the partner configs, write them (their list journaled, unless `journal: false` for the
   * read-only render command), and read the run back. Both front ends show what this returns.
   */
  async finish(inputs: Inputs, opts: { journal?: boolean } = {}): Promise<Finished> {
    const outputs = this.render(inputs);
    const files = await this.writeOutputs(inputs.recipe.id, outputs, opts);
    return { inputs, outputs, files, run: this.run(inputs.recipe.id) };
  }

  /** The plan as a runnable curl script: the account's API, or for the embedded sandbox (gone with this process) India's. */
  async curlScript(plan: Plan): Promise<string> {
    const { planToCurl } = await import('../plan/curl.js'); // loaded when asked for: the wizard's plan screen does not need it
    return planToCurl(plan, this.mode === 'sandbox' ? REGION_BASE_URL.in : this.client.baseUrl);
  }

  /**
   * Rotate a recipe's SIP credential, step 1: the new credential exists and is the journal's current one (the old
   * one still works). `given`: the new password, else one is generated. Crash-safe (rotate.ts).
   */
  startRotation(recipeId: string, given?: string): Promise<Rotation> {
    return startRotation(this, recipeId, given);
  }

  /** Step 2, once the partner uses the new credential: delete the old one. True when it was there to delete. */
  finishRotation(r: Rotation): Promise<boolean> {
    return finishRotation(this, r);
  }

  async verify(recipeId?: string): Promise<VerifyReport> {
    const run = this.requireRun(recipeId);
    if (this.inputsFromState(run).skipTrunk) {
      // e.g. Rapida's native path: nothing at Exotel to compare
      return { recipeId: run.recipeId, trunkSid: '(none: this setup uses no Exotel trunk)', inSync: true, items: [], checked: [], ms: 0 };
    }
    if (!run.trunkSid) throw new UserError(`${run.recipeId} was started but its trunk was never created.`, { fix: `Run ${cliName()} apply ${run.recipeId} to finish.` });
    const inputs = this.inputsFromState(run);
    const sid = run.trunkSid;
    // the partner side (when its credentials are set) is read beside the trunk and compared with it
    const report = await this.partners.verify(run, inputs, (onObserved) => verifyTrunk(this.client, sid, desiredState(inputs, run.extraNumbers), run.recipeId, run.resources.alias, { usesTls: usesTls(inputs), onObserved, configCredential: run.resources.credential?.userName }));
    // the plan's warning of a number on two trunks, said again where "verify all" shows each trunk
    const shared = this.sharedNumber(run.recipeId, inputs.did);
    return shared.length ? { ...report, notes: [...(report.notes ?? []), ...shared] } : report;
  }

  /** The same ExoPhone on two of this account's trunks: calls follow one of them only (the Flow's Connect applet). */
  private sharedNumber(recipeId: string, did: string | undefined): string[] {
    if (!did) return [];
    return this.runs()
      .filter((r) => r.recipeId !== recipeId && r.trunkSid && (r.answers.did === did || did in r.extraNumbers))
      .map((other) => `${did} is also mapped to ${other.recipeId}'s trunk ${other.trunkSid}: inbound calls reach only the trunk its Flow's Connect applet dials, so use another number, or tear down ${other.recipeId} if this replaces it.`);
  }

  /** The run that owns a trunk: named by --recipe, or found by its sid (a trunk no run knows has none). */
  ownerOf(trunkSid: string, recipeId?: string): RunState | undefined {
    if (recipeId) return this.requireRun(recipeId);
    return this.runs().find((r) => r.trunkSid === trunkSid);
  }

  /** Numbers mapped with `numbers add` to a recipe's trunk: journaled, so verify and apply want them too. */
  recordExtraNumbers(recipeId: string, numbers: { phoneNumber: string; id: string; mode: 'pstn' | 'flow' | null }[]): void {
    const run = this.requireRun(recipeId);
    this.store.update(this.target, recipeId, () => run, (r) => {
      for (const n of numbers) {
        r.resources.numbers[n.phoneNumber] = { id: n.id, mode: n.mode };
        if (n.phoneNumber !== String(r.answers.did ?? '')) r.extraNumbers[n.phoneNumber] = n.mode ?? 'pstn';
      }
    });
  }

  /** The caller-ID alias set by hand (`alias set`): the journal is the only record, since the API has no read. */
  recordAlias(recipeId: string, alias: string): void {
    const run = this.requireRun(recipeId);
    this.store.update(this.target, recipeId, () => run, (r) => void (r.resources.alias = alias));
  }

  /**
   * The teardown plan: delete the recipe's credentials (as Exotel lists them now), then its trunk. A setup
   * without a trunk gets an empty plan: tearing it down only forgets it here.
   */
  async planTeardown(recipeId?: string): Promise<Plan> {
    const run = this.requireRun(recipeId);
    if (!run.trunkSid && !this.inputsFromState(run).skipTrunk) throw new UserError(`${run.recipeId} has no trunk to tear down.`);
    let creds: { id?: string; userName: string }[] = [];
    if (run.trunkSid) {
      try {
        creds = await this.client.listCredentials(run.trunkSid);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    // a trunk another run here still uses stays, with that run's credential: only this run's own credential goes
    const sharers = run.trunkSid ? this.sharers(run.recipeId, run.trunkSid) : [];
    const keepFor = sharers.length ? { recipeIds: sharers.map((r) => r.recipeId), credentials: sharers.flatMap((r) => (r.resources.credential ? [r.resources.credential.userName] : [])) } : undefined;
    // the partner's resources (when its credentials are set) are deleted first
    return this.partners.extendTeardown(planTeardown(run, creds, this.client.accountSid, keepFor), run);
  }

  /**
   * Execute a teardown plan with the same runner as a setup, each step journaled as it finishes; then forget the
   * run here: its secrets and its rendered configs go. The journal must be writable before anything is deleted.
   */
  async teardown(plan: Plan, opts: { onEvent?: (e: ApplyEvent) => void; signal?: AbortSignal } = {}): Promise<TeardownResult> {
    return this.writing(async () => {
      const run = this.requireRun(plan.recipeId);
      // a deletion at Exotel that the journal could not record would leave it naming a trunk that is gone
      this.store.checkWritable();
      const result = plan.steps.length
        ? await teardownPlan(plan, this.inputsFromState(run), { client: this.client, store: this.store, mode: this.mode, region: this.region, ...opts })
        : { ok: true, events: [], failed: [] };
      const deletedCredentials = plan.steps.filter((st) => st.kind === 'delete-credential' && result.events.some((e) => e.type === 'done' && e.stepId === st.id)).map((st) => (st.kind === 'delete-credential' ? st.payload.userName : ''));
      const trunkSid = plan.trunkSid ?? '';
      if (!result.ok) return { ...result, trunkSid, deletedCredentials, interrupted: !!opts.signal?.aborted };
      if (!plan.steps.some((st) => st.kind === 'delete-trunk')) {
        // no trunk deleted (none, or one another run here still uses): forget the run (and its secrets) here
        this.store.update(this.target, run.recipeId, () => run, (r) => {
          r.tornDownAt = new Date().toISOString();
          r.extraNumbers = {};
        });
      }
      this.secrets.remove(this.target, run.recipeId);
      return { ...result, trunkSid, deletedCredentials, ...(plan.keptFor ? { keptFor: plan.keptFor } : {}), removedConfigs: this.removeRendered(run.recipeId) };
    });
  }

  /** The rendered configs describe a trunk that is gone, and some hold its deleted credential's password. */
  private removeRendered(recipeId: string): string | undefined {
    const dir = join(this.outDir, recipeId);
    if (!existsSync(dir)) return undefined;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    return dir;
  }

  async close(): Promise<void> {
    try {
      await this.client.close(); // answers still in flight are journaled first
    } finally {
      this.lock.release();
    }
  }
}

/** The setup signals over TLS: toward the Exotel edge (outbound) or toward the partner (the destination URI). */
export function usesTls(inputs: Inputs): boolean {
  return (inputs.direction !== 'inbound' && inputs.edge.transport === 'tls') || /;transport=tls\b/i.test(inputs.destination ?? '');
}

function isLocalBaseUrl(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** How a header names the target a journaled run belongs to: SANDBOX, or LIVE <sid> (<region>). */
const runTargetLabel = (r: Pick<RunState, 'target' | 'accountSid' | 'region'>): string => (r.target === 'sandbox' ? 'SANDBOX' : `LIVE ${r.accountSid} (${r.region})`);
