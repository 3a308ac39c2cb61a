/**
 * The partner side of the engine (issue 17): when the partner's API credentials are present (the variables
 * the partner's own tools read), a plan of the LiveKit, ElevenLabs or Retell recipe also sets up the partner
 * side through the partner's official SDK, `verify` compares the two sides, and a teardown removes the
 * partner's resources before Exotel's. Without credentials nothing changes: the configs are rendered to paste.
 * EXOTRUNK_PARTNER_API=off leaves the partner alone even when its variables are set (they may be there for
 * the partner's own tools).
 *
 * The engine calls four methods, each at one place: `prepare` at the start of a plan (credentials, the agent
 * and the partner's resources are checked before any Exotel call), `extend` at its end (the partner steps,
 * after the Exotel steps they need), `verify` around the Exotel verify, and `extendTeardown` (partner deletes
 * first). The steps themselves run in the plan runner (partners/steps.ts) with this object as their runtime.
 */
import { cliName } from '../cli-name.js';
import { InputError, UserError, EXIT } from '../errors.js';
import { isExotelOwnCredential } from '../exotel/client.js';
import { stepContext } from '../exotel/retry-context.js';
import type { ExotelClient, RetryInfo } from '../exotel/types.js';
import type { RunState } from '../journal/state-store.js';
import type { CallOptions } from '../partners/call.js';
import type { PartnerClient } from '../partners/client.js';
import { crossRows, type ExotelSide } from '../partners/cross.js';
import { elevenlabsForEnvironment, partnerConfigured, PARTNER_ENV, readPartnerCredentials, requirePartnerCredentials, type PartnerCredentials } from '../partners/credentials.js';
import { isLoopbackHost } from '../exotel/base-url.js';
import { profilePartnerKeys, savePartnerKeys } from './profiles.js';
import { partnerDesired } from '../partners/desired.js';
import { observedIds, planPartner, teardownSteps, verifyRows, type PartnerObservation } from '../partners/diff.js';
import { PartnerError } from '../partners/errors.js';
import { partnerInputsFromContext, partnerOfRecipe } from '../partners/inputs.js';
import { bindPartnerRuntime, partnerStepId, toPlanStep, type PartnerRuntime } from '../partners/steps.js';
import { PARTNER_TITLES, type AgentCheck, type DesiredResource, type KnownIds, type PartnerId, type PartnerInputs, type PartnerStep, type ResourceKind } from '../partners/types.js';
import type { StepContext } from '../plan/step-context.js';
import { renderContextFor } from './render-context.js';
import type { Engine } from './engine.js';
import type { ApplyEvent, ApplyResult, Inputs, Observed, Plan, Step, VerifyReport } from './types.js';

export interface PartnerSideOptions {
  /** where the partner credentials are read (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** --verbose: one line per partner request and answer, secrets masked */
  log?: (line: string) => void;
  /** a retry outside a plan step (verify, the checks before a plan), as the Exotel client reports its own */
  onRetry?: (info: RetryInfo) => void;
  /** retry timing (tests) */
  call?: CallOptions;
  /** leave every partner alone for this engine's life, as EXOTRUNK_PARTNER_API=off does (--no-partner-api) */
  off?: boolean;
  /** the saved profile in use: partner keys saved there are read (after the environment's), and typed ones saved there */
  profile?: string;
}

/** Where a partner's keys come from: typed in the wizard this session, the environment, or the saved profile. */
export type KeySource = 'typed' | 'env' | 'profile';

/**
 * What the wizard offers for a recipe with a partner API: whose keys are found where, the variables to type when
 * none are, and where typed keys can be kept. Never a key's value.
 */
export interface PartnerOffer {
  partner: PartnerId;
  title: string;
  /** where the keys in use come from; undefined when none are set anywhere */
  source?: KeySource;
  /** the key variables set there */
  found: string[];
  /** the variables to type, in order (LiveKit's project URL is not secret; every key is) */
  fields: { name: string; secret: boolean }[];
  /** what is wrong with the keys found (their shape), said without their values */
  problems: string[];
  /** the API host the keys reach (LiveKit project, ElevenLabs or Retell API) */
  host?: string;
  /** the saved profile typed keys can be kept in (0600); undefined when no profile is in use */
  profile?: string;
  /** the Exotel side is the sandbox, but the keys reach a real partner (not this machine) */
  realPartnerFromSandbox: boolean;
}

/** The variables that hold a partner's keys (its base URL variables are read from the environment only). */
export const PARTNER_KEY_VARS: Record<PartnerId, readonly string[]> = {
  livekit: PARTNER_ENV.livekit,
  elevenlabs: ['ELEVENLABS_API_KEY'],
  retell: ['RETELL_API_KEY'],
};

/** What the partner side uses of the engine. */
export interface EngineView {
  readonly client: ExotelClient;
  readonly region: string;
  readonly mode: 'sandbox' | 'live';
  run(recipeId: string): RunState | undefined;
  inputsFromState(run: RunState): Inputs;
}

/** What `prepare` found, for `extend`. */
export interface PreparedPartner {
  partner: PartnerId;
  /** the LiveKit project URL, or the API base URL */
  origin: string;
  inputs: PartnerInputs;
  desired: DesiredResource[];
  observation: PartnerObservation;
  agent: AgentCheck;
}

const OFF = new Set(['0', 'off', 'false', 'no']);
/** the username the partner configs carry for Exotel's own credential before the trunk (and so its sid) exists */
const TRUNK_SID_SLOT = '{trunk_sid}';

const DELETE_ORDER: ResourceKind[] = ['dispatch-rule', 'phone-number', 'inbound-trunk', 'outbound-trunk'];

export class PartnerSide implements PartnerRuntime {
  readonly #engine: EngineView;
  readonly #opts: PartnerSideOptions;
  readonly #creds = new Map<PartnerId, PartnerCredentials>();
  readonly #clients = new Map<PartnerId, Promise<PartnerClient>>();
  /** keys typed in the wizard this session; `save`: into the profile, once the partner has accepted them */
  readonly #typed = new Map<PartnerId, { keys: Record<string, string>; save: boolean }>();
  /** where the last partner keys saved went (the profile's file), for the wizard to say */
  savedTo?: string;

  constructor(engine: EngineView, opts: PartnerSideOptions = {}) {
    this.#engine = engine;
    this.#opts = opts;
    bindPartnerRuntime(engine.client, this);
  }

  get #env(): NodeJS.ProcessEnv {
    return this.#opts.env ?? process.env;
  }

  /** Where this partner's keys come from now: typed this session, else the environment, else the saved profile. */
  #keySource(partner: PartnerId): { source?: KeySource; env: NodeJS.ProcessEnv } {
    const env = this.#env;
    const typed = this.#typed.get(partner);
    const saved = this.#opts.profile ? profilePartnerKeys(this.#opts.profile) : {};
    const own = (keys: Record<string, string>) => {
      const rest = Object.fromEntries(Object.entries(env).filter(([k]) => !PARTNER_KEY_VARS[partner].includes(k)));
      return { ...rest, ...Object.fromEntries(PARTNER_KEY_VARS[partner].filter((k) => keys[k]).map((k) => [k, keys[k]])) };
    };
    if (typed) return { source: 'typed', env: own(typed.keys) };
    if (partnerConfigured(partner, env)) return { source: 'env', env };
    if (PARTNER_KEY_VARS[partner].some((k) => saved[k])) return { source: 'profile', env: own(saved) };
    return { env };
  }

  /**
   * The partner is left alone (configs to paste) whatever keys are set: EXOTRUNK_PARTNER_API=off, or
   * --no-partner-api for this engine.
   */
  get disabled(): boolean {
    return !!this.#opts.off || OFF.has((this.#env.EXOTRUNK_PARTNER_API ?? '').trim().toLowerCase());
  }

  /** Why the partner is left alone, for the notes and warnings that say so. */
  get #offReason(): string {
    return this.#opts.off ? 'the partner API is off for this run (--no-partner-api)' : 'EXOTRUNK_PARTNER_API is off';
  }

  /**
   * What the wizard offers for this recipe: the partner, whose keys are found where (never their values), the
   * variables to type when none are. Undefined when the recipe has no partner API here or the partner API is off.
   */
  offer(recipeId: string, answers: Record<string, unknown> = {}): PartnerOffer | undefined {
    const partner = partnerOfRecipe(recipeId);
    if (!partner || this.disabled) return undefined;
    const { source, env } = this.#keySource(partner);
    const r = source ? readPartnerCredentials(partner, env) : undefined;
    let host: string | undefined;
    const problems = r?.status === 'invalid' ? [...r.problems] : [];
    if (r?.status === 'ok') {
      try {
        // ElevenLabs: the workspace answer picks (or must match) the API host
        host = hostOf(r.creds.partner === 'elevenlabs' ? elevenlabsForEnvironment(r.creds, String(answers.el_environment ?? ''), env) : r.creds);
      } catch (e) {
        problems.push(e instanceof UserError ? [e.message, e.fix].filter(Boolean).join(' ') : String(e));
      }
    }
    return {
      partner,
      title: PARTNER_TITLES[partner],
      source,
      found: source ? PARTNER_KEY_VARS[partner].filter((k) => (env[k] ?? '').trim() !== '') : [],
      fields: PARTNER_KEY_VARS[partner].map((name) => ({ name, secret: name !== 'LIVEKIT_URL' })),
      problems,
      host,
      profile: this.#opts.profile,
      realPartnerFromSandbox: this.#engine.mode === 'sandbox' && !!host && !isLoopbackHost(host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')),
    };
  }

  /** Keys as typed, checked for their shape before anything is sent: the problems, each naming the variable. */
  checkKeys(partner: PartnerId, keys: Record<string, string>): string[] {
    const env = { ...Object.fromEntries(Object.entries(this.#env).filter(([k]) => !PARTNER_KEY_VARS[partner].includes(k))), ...keys };
    const r = readPartnerCredentials(partner, env);
    return r.status === 'invalid' ? r.problems : r.status === 'absent' ? PARTNER_KEY_VARS[partner].map((k) => `${k} is empty.`) : [];
  }

  /**
   * Keys typed in the wizard: used from now on in this session (over the environment's), and with `save` kept in
   * the profile in use (0600) once the partner has accepted them (the next plan's first read).
   */
  useKeys(partner: PartnerId, keys: Record<string, string>, opts: { save: boolean }): void {
    this.#typed.set(partner, { keys: { ...keys }, save: opts.save && !!this.#opts.profile });
    this.#clients.delete(partner);
    this.#creds.delete(partner);
  }

  /** Typed keys the partner has just accepted: into the profile, when the user asked for it. */
  async #saveTyped(partner: PartnerId): Promise<void> {
    const typed = this.#typed.get(partner);
    if (!typed?.save || !this.#opts.profile) return;
    this.savedTo = await savePartnerKeys(this.#opts.profile, PARTNER_KEY_VARS[partner], typed.keys);
    typed.save = false;
  }

  /**
   * The partner this recipe sets up through its API, with checked credentials; undefined when the recipe has
   * no partner API here, the variables are not set, or EXOTRUNK_PARTNER_API=off. Bad credentials: InputError.
   */
  credentials(recipeId: string, answers: Record<string, unknown>): PartnerCredentials | undefined {
    const partner = partnerOfRecipe(recipeId);
    if (!partner || this.disabled) return undefined;
    const { env } = this.#keySource(partner);
    let creds = requirePartnerCredentials(partner, env);
    if (!creds) return undefined;
    if (creds.partner === 'elevenlabs') creds = elevenlabsForEnvironment(creds, String(answers.el_environment ?? ''), env);
    const before = this.#creds.get(partner);
    if (before && hostOf(before) !== hostOf(creds)) this.#clients.delete(partner);
    this.#creds.set(partner, creds);
    return creds;
  }

  /** PartnerRuntime: the SDK client, opened (and the SDK imported) on first use. */
  client(partner: PartnerId): Promise<PartnerClient> {
    let c = this.#clients.get(partner);
    if (!c) {
      const creds = this.#creds.get(partner);
      if (!creds) throw new Error(`the ${partner} credentials were not read before its first call`);
      const onRetry = this.#opts.onRetry;
      c = import('../partners/client.js').then((m) =>
        m.openPartner(creds, {
          ...this.#opts.call,
          log: this.#opts.log,
          // shown against the plan step that makes the call, or as a line of its own outside a plan
          onRetry: (i) => {
            const info: RetryInfo = { method: PARTNER_TITLES[partner], path: i.operation.replace(`${PARTNER_TITLES[partner]} `, ''), attempt: i.attempt, maxAttempts: i.maxAttempts, delayMs: i.delayMs, reason: i.reason };
            const step = stepContext.getStore();
            if (step) step.onRetry(info);
            else onRetry?.(info);
          },
        }),
      );
      c.catch(() => this.#clients.delete(partner));
      this.#clients.set(partner, c);
    }
    return c;
  }

  /** The partner inputs for Exotel inputs: the same render context the pasted configs come from. */
  partnerInputs(inputs: Inputs, trunkSid: string | undefined): PartnerInputs {
    const ctx = renderContextFor(inputs, { account: { sid: this.#engine.client.accountSid, region: this.#engine.region }, trunkSid });
    const p = partnerInputsFromContext(ctx);
    // Exotel's own credential is named after the trunk: until the trunk exists, a placeholder stands for it
    if (inputs.credentialSource === 'exotel') p.sipUsername = trunkSid ?? TRUNK_SID_SLOT;
    return p;
  }

  /** PartnerRuntime: the inputs a step sends, with Exotel's own credential read now when it is the one used. */
  async inputs(ctx: StepContext): Promise<PartnerInputs> {
    const sid = ctx.trunkSid;
    const p = this.partnerInputs(ctx.inputs, sid);
    if (ctx.inputs.credentialSource === 'exotel' && sid && !p.sipPassword) {
      const own = (await ctx.client.listCredentials(sid)).find((c) => isExotelOwnCredential(c, sid));
      if (own?.password) p.sipPassword = own.password;
    }
    return p;
  }

  /** PartnerRuntime: the Exotel credential a step sends the password of, as the journal names it. */
  credentialMark(ctx: StepContext): string | undefined {
    if (ctx.inputs.credentialSource === 'exotel') return ctx.trunkSid ? `${ctx.trunkSid}:exotel` : undefined;
    const c = ctx.record()?.resources.credential;
    return c ? `${c.userName}:${c.id ?? ''}` : undefined;
  }

  /** The journal's partner side was made at another host (another LiveKit project, another region). */
  #checkHost(run: RunState | undefined, creds: PartnerCredentials, doing: string): void {
    const p = run?.partner;
    if (!p || !Object.keys(p.ids).length || p.host === hostOf(creds)) return;
    const P = PARTNER_TITLES[creds.partner];
    throw new InputError(`The ${P} resources of ${run!.recipeId} were made at ${p.host}, but the ${P} variables now point at ${hostOf(creds)}; nothing was ${doing}.`, {
      why: `exotrunk journals where it made them (${Object.values(p.ids).join(', ')}), and the same ids mean nothing at another ${creds.partner === 'livekit' ? 'project' : 'host'}.`,
      fix: `Point ${creds.partner === 'livekit' ? 'LIVEKIT_URL' : creds.partner === 'elevenlabs' ? 'EXOTRUNK_ELEVENLABS_BASE_URL (or the el_environment answer)' : 'RETELL_BASE_URL'} and the key at ${p.host} again; to move, tear down there first (${cliName()} teardown ${run!.recipeId}).`,
    });
  }

  /** A refusal of the key itself before anything is sent is bad input (exit 2), like a key in the wrong shape. */
  #preflight<T>(p: Promise<T>): Promise<T> {
    return p.catch((e: unknown) => {
      if (e instanceof PartnerError && (e.status === 401 || e.status === 403)) {
        throw new UserError(`${e.message} Nothing was sent to Exotel.`, { why: e.why, fix: e.fix, exitCode: EXIT.usage });
      }
      throw e;
    });
  }

  /**
   * Before any Exotel call of a plan: the credentials, the agent the recipe names and what the partner already
   * has, read concurrently. A missing agent, a key the partner refuses, or a resource that blocks the partner
   * side (a number owned elsewhere) stops the plan here, with nothing sent to either side.
   */
  async prepare(inputs: Inputs, trunkSid: string | undefined): Promise<PreparedPartner | undefined> {
    // declined for this run (the wizard's "no", apply --no-partner-api): the configs are rendered to paste
    if (inputs.partnerApi === false) return undefined;
    const creds = this.credentials(inputs.recipe.id, inputs.answers.values);
    if (!creds) return undefined;
    const run = this.#engine.run(inputs.recipe.id);
    this.#checkHost(run?.tornDownAt ? undefined : run, creds, 'sent to Exotel or the partner');
    const pin = this.partnerInputs(inputs, trunkSid);
    const desired = partnerDesired(pin);
    const client = await this.client(creds.partner);
    const known = (run?.tornDownAt ? {} : (run?.partner?.ids ?? {})) as KnownIds;
    const [agent, observation, problems] = await this.#preflight(
      Promise.all([client.checkAgent(pin), client.observe(desired, { known, password: pin.sipPassword }), client.checkReferences?.(pin) ?? []]),
    );
    const P = PARTNER_TITLES[creds.partner];
    if (problems.length) throw new InputError(`An id in the answers does not exist at ${P}; nothing was sent to Exotel or ${P}.`, { details: problems });
    if (agent.checked && !agent.exists) {
      throw new InputError(`${P} has no agent ${agent.agentId}; nothing was sent to Exotel or ${P}.`, {
        why: `The number would be bound to an agent that does not exist (${P} answered "not found" at ${hostOf(creds)}).`,
        fix: `Copy the agent id from the ${P} dashboard (its id is under the agent's name) and give it again${creds.partner === 'elevenlabs' ? ', and check the workspace answer (el_environment): an India residency agent exists only there' : ''}.`,
      });
    }
    if (observation.blockers.length) {
      throw new UserError(`${P} already has something exotrunk must not touch; nothing was sent to Exotel or ${P}.`, {
        details: observation.blockers.map((b) => `${b.message} ${b.fix}`),
        fix: `Resolve it in ${P} (above), then run ${cliName()} apply ${inputs.recipe.id} again; or set EXOTRUNK_PARTNER_API=off to get the ${P} configs to paste instead.`,
      });
    }
    // the partner accepted the keys (its first read answered): typed ones are kept now, if asked
    await this.#saveTyped(creds.partner);
    return { partner: creds.partner, origin: originOf(creds), inputs: pin, desired, observation, agent };
  }

  /**
   * The end of a plan: the partner's steps, each with its reason, after the Exotel steps it needs (the trunk
   * for every partner resource; the digest credential for one that carries it; the ExoPhone's mapping for
   * LiveKit's outbound trunk and Retell's import), and what is already in place.
   */
  async extend(plan: Plan, prep: PreparedPartner | undefined, inputs: Inputs, observed: Observed | null): Promise<void> {
    if (!prep) return;
    const run = this.#engine.run(inputs.recipe.id);
    const sid = observed?.trunkSid ?? inputs.trunkSid;
    let { desired, observation } = prep;
    const pin = this.partnerInputs(inputs, sid);
    const rekeyed = partnerDesired(pin);
    // an adopted trunk's real name (or its sid, for Exotel's own credential) may differ from the answer's
    if (JSON.stringify(rekeyed) !== JSON.stringify(desired)) {
      desired = rekeyed;
      const client = await this.client(prep.partner);
      observation = await client.observe(desired, { known: (run?.partner?.ids ?? {}) as KnownIds, password: pin.sipPassword });
    }
    const P = PARTNER_TITLES[prep.partner];
    const sent = run?.tornDownAt ? {} : (run?.partner?.sent ?? {});
    const mark = plan.steps.some((s) => s.kind === 'create-credential') ? undefined : currentMark(inputs, observed);
    const resendFor: Partial<Record<ResourceKind, string>> = {};
    for (const d of desired) {
      if (!d.secrets.length) continue;
      const was = sent[d.kind];
      if (!mark) resendFor[d.kind] = 'the Exotel credential is created in this run';
      else if (was !== mark) resendFor[d.kind] = was ? 'the Exotel credential changed since exotrunk last sent its password' : `exotrunk has not sent it here before (${P} cannot show it, so a hand-typed one cannot be checked)`;
    }
    const pplan = planPartner(desired, observation, { resendFor });
    const ids = observedIds(desired, observation);
    const exotelStep = (pred: (s: Step) => boolean) => plan.steps.filter(pred).map((s) => s.id);
    const trunk = exotelStep((s) => s.kind === 'create-trunk');
    const credential = exotelStep((s) => s.kind === 'create-credential');
    const number = exotelStep((s) => (s.kind === 'map-number' || s.kind === 'set-number-mode') && s.payload.phoneNumber === pin.did);
    const deletes = pplan.steps.filter((s) => s.action === 'delete');
    const upserts = pplan.steps.filter((s) => s.action !== 'delete');
    const steps: Step[] = [];
    for (const s of deletes) steps.push(toPlanStep(s, prep.origin, ids, deleteDeps(s, deletes)));
    for (const s of upserts) {
      const d = desired.find((x) => x.kind === s.kind)!;
      const carriesCredential = d.secrets.length > 0 || exotelUser(d);
      const needsNumber = (prep.partner === 'livekit' && s.kind === 'outbound-trunk') || prep.partner === 'retell';
      const deps = [
        ...trunk,
        ...(carriesCredential ? credential : []),
        ...(needsNumber ? number : []),
        ...deletes.map(partnerStepId),
        ...(s.dependsOn ?? []).flatMap((k) => upserts.filter((u) => u.kind === k).map(partnerStepId)),
      ];
      steps.push(toPlanStep(s, prep.origin, ids, [...new Set(deps)]));
    }
    plan.steps.push(...steps);
    for (const d of desired) {
      const id = ids[d.kind];
      if (id && !upserts.some((u) => u.kind === d.kind)) plan.inSync.push(`${d.title} (${id})`);
    }
    if (!prep.agent.checked && prep.agent.note) plan.warnings.push(prep.agent.note);
  }

  /**
   * Verify both sides: `exotel` is the engine's Exotel verify, started at once; the partner's reads run beside
   * it. The partner half compares the partner with the Exotel trunk as read and with the recipe.
   */
  async verify(run: RunState, inputs: Inputs, exotel: (onObserved: (o: Observed) => void) => Promise<VerifyReport>): Promise<VerifyReport> {
    const partner = partnerOfRecipe(run.recipeId);
    const creds = partner ? this.credentials(run.recipeId, run.answers) : undefined;
    if (!partner || !creds) {
      const rep = await exotel(() => {});
      const made = Object.values(run.partner?.ids ?? {});
      if (partner && made.length) {
        const P = PARTNER_TITLES[partner];
        rep.notes = [...(rep.notes ?? []), `The ${P} side (${made.join(', ')} at ${run.partner!.host}) was not checked: ${this.disabled ? this.#offReason : `${keyVars(partner)} ${partner === 'livekit' ? 'are' : 'is'} not set`}.`];
      }
      return rep;
    }
    this.#checkHost(run, creds, 'checked');
    const t0 = performance.now();
    const pin = this.partnerInputs(inputs, run.trunkSid);
    const desired = partnerDesired(pin);
    const client = await this.client(creds.partner);
    let observed: Observed | undefined;
    const known = (run.partner?.ids ?? {}) as KnownIds;
    const partnerReads = Promise.all([client.observe(desired, { known, password: pin.sipPassword }), client.checkAgent(pin)]).then((r) => ({ r, ms: performance.now() - t0 }));
    const [rep, { r: [observation, agent], ms }] = await Promise.all([exotel((o) => (observed = o)), partnerReads]);
    const side: ExotelSide | undefined = observed && {
      trunkSid: observed.trunkSid,
      numbers: observed.numbers.map((n) => n.phoneNumber),
      credentials: observed.credentials,
      destinations: observed.destinations.map((d) => d.destination),
    };
    const cross = crossRows({ inputs: pin, exotel: side, desired, observation, agent, sent: (run.partner?.sent ?? {}) as Partial<Record<ResourceKind, string>>, credentialMark: currentMark(inputs, observed ?? null) });
    // the password rows are the cross checks' (they know what exotrunk sent); the rest compare each field
    const rows = verifyRows(desired, observation).filter((r) => !r.field.endsWith('(digest password)'));
    const P = PARTNER_TITLES[creds.partner];
    const notes = [
      creds.partner === 'livekit'
        ? "Passwords: Exotel never returns a stored SIP password; LiveKit returns one where the server does (a self-hosted one does; LiveKit Cloud does not document it), and it is then compared without being shown. Otherwise the journal says whether exotrunk sent the one the Exotel credential has."
        : `Passwords: neither Exotel nor ${P} returns a stored SIP password${creds.partner === 'elevenlabs' ? ' (ElevenLabs says only whether one is set)' : ''}, so the journal says whether exotrunk sent the one the Exotel credential has.`,
      ...(agent.checked ? [] : agent.note ? [agent.note] : []),
    ];
    const bad = (s: string) => s === 'drift' || s === 'missing';
    const inSync = !cross.some((c) => bad(c.status)) && !rows.some((r) => bad(r.status));
    return {
      ...rep,
      inSync: rep.inSync && inSync,
      partner: { partner: creds.partner, title: P, host: hostOf(creds), inSync, cross, rows, notes, ms: Math.round(ms) },
    };
  }

  /**
   * Teardown: the partner's resources are deleted first (dependents before what they name), then Exotel's
   * credential and trunk, which wait for them. Without the partner's credentials a teardown that knows partner
   * resources stops (exit 2) instead of leaving them behind unsaid; EXOTRUNK_PARTNER_API=off leaves them,
   * listed in the plan's warnings.
   */
  async extendTeardown(plan: Plan, run: RunState): Promise<Plan> {
    const partner = partnerOfRecipe(run.recipeId);
    if (!partner) return plan;
    const made = Object.entries(run.partner?.ids ?? {});
    const P = PARTNER_TITLES[partner];
    const creds = this.credentials(run.recipeId, run.answers);
    if (!creds) {
      if (!made.length) return plan;
      const what = made.map(([k, id]) => `${k.replace('-', ' ')} ${id}`).join(', ');
      if (this.disabled) {
        plan.warnings.push(`${this.#offReason.replace(/^./, (c) => c.toUpperCase())}: the ${P} resources exotrunk made (${what} at ${run.partner!.host}) stay; delete them in ${P} by hand.`);
        return plan;
      }
      throw new InputError(`${run.recipeId} has ${P} resources made by exotrunk (${what} at ${run.partner!.host}), and ${keyVars(partner)} ${partner === 'livekit' ? 'are' : 'is'} not set; nothing was deleted.`, {
        why: `A teardown deletes the ${P} side first, so nothing there keeps pointing at a trunk that is gone.`,
        fix: `Set ${keyVars(partner)} and run the teardown again; or, to leave them and delete them by hand, run it with EXOTRUNK_PARTNER_API=off.`,
      });
    }
    this.#checkHost(run, creds, 'deleted');
    const inputs = this.#engine.inputsFromState(run);
    const pin = this.partnerInputs(inputs, run.trunkSid);
    const client = await this.client(creds.partner);
    const observation = await this.#preflight(client.observe(partnerDesired(pin), { known: (run.partner?.ids ?? {}) as KnownIds }));
    const deletes = teardownSteps(observation);
    const steps = deletes.map((s) => toPlanStep(s, originOf(creds), {}, deleteDeps(s, deletes)));
    for (const s of plan.steps) s.dependsOn.push(...steps.map((x) => x.id));
    plan.steps.unshift(...steps);
    return plan;
  }
}

/** Where a partner's calls go: the LiveKit project URL, or the API base URL. */
export function originOf(creds: PartnerCredentials): string {
  return creds.partner === 'livekit' ? creds.url : creds.baseUrl;
}

/** The host the journal names: the LiveKit project's, or the API's. */
export function hostOf(creds: PartnerCredentials): string {
  return new URL(originOf(creds)).host;
}

/** the variables that opt a partner in (its base URL variables alone do not) */
const keyVars = (p: PartnerId): string => (p === 'livekit' ? PARTNER_ENV.livekit.join(' / ') : PARTNER_ENV[p][0]);

/** A delete waits for the deletes of what refers to it (a dispatch rule names its trunk). */
function deleteDeps(s: PartnerStep, deletes: PartnerStep[]): string[] {
  return deletes.filter((o) => DELETE_ORDER.indexOf(o.kind) < DELETE_ORDER.indexOf(s.kind)).map(partnerStepId);
}

/** The resource carries the digest username (even before the password is known). */
function exotelUser(d: DesiredResource): boolean {
  return Object.entries(d.fields).some(([k, v]) => /username$/.test(k) && v !== '');
}

/** The Exotel credential the trunk has now, as the journal's `sent` names it ("username:id"). */
function currentMark(inputs: Inputs, observed: Observed | null): string | undefined {
  if (inputs.credentialSource === 'exotel') return observed ? `${observed.trunkSid}:exotel` : undefined;
  const c = observed?.credentials.find((x) => x.userName === inputs.sipUsername);
  return c ? `${c.userName}:${c.id ?? ''}` : undefined;
}

/**
 * After a credential rotation (engine/rotate.ts, step 1): the partner side gets the new username and password
 * through its API, so the old credential can go at once. Only the partner's steps of a fresh plan run; undefined
 * when the partner side is not set up through its API.
 */
export async function rotateAtPartner(engine: Engine, recipeId: string, opts: { onPlan?: (plan: Plan) => void; onEvent?: (e: ApplyEvent) => void; signal?: AbortSignal } = {}): Promise<ApplyResult | undefined> {
  const run = engine.requireRun(recipeId);
  if (!partnerOfRecipe(recipeId) || !engine.partners.credentials(recipeId, run.answers)) return undefined;
  const inputs = engine.inputsFromState(run);
  const { plan } = await engine.plan(inputs);
  const steps = plan.steps.filter((s) => s.side === 'partner');
  if (!steps.length) return { ok: true, events: [], failed: [], trunkSid: run.trunkSid };
  const partnerPlan = { ...plan, steps: steps.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => steps.some((x) => x.id === d)) })) };
  opts.onPlan?.(partnerPlan);
  return engine.apply(partnerPlan, inputs, opts);
}
