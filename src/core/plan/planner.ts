/**
 * Desired × observed → a plan: a DAG of steps, each one API call with its reason. The trunk comes first;
 * an IP destination waits for its ACL entry (rule 4); everything else runs in parallel.
 */
import type { Desired, Inputs, Observed, Plan, Step } from './types.js';
import { friendlyNameFor } from '../exotel/wire.js';
import { bareSipUri, sameSipUri as sameDestination, sipHost as hostOfDestination, withSip } from '../sip-uri.js';

const TRUNK = 'trunk';

/** What each part of the planning adds to: the steps, what is in place, what only the dashboard can do. */
interface Planning {
  inputs: Inputs;
  desired: Desired;
  observed: Observed | null;
  aliasInState?: string | null;
  steps: Step[];
  inSync: string[];
  manual: string[];
  found: NonNullable<Plan['found']>;
  /** what a step on the trunk waits for: the create-trunk step, or nothing when the trunk exists */
  trunkDep: string[];
}

export function planSteps(inputs: Inputs, desired: Desired, observed: Observed | null, opts: { accountSid: string; aliasInState?: string | null }): Plan {
  const p: Planning = { inputs, desired, observed, aliasInState: opts.aliasInState, steps: [], inSync: [], manual: [], found: { numbers: {}, acl: {}, credential: null, destinations: {} }, trunkDep: observed ? [] : [TRUNK] };
  const plan = { purpose: 'setup' as const, recipeId: inputs.recipe.id, accountSid: opts.accountSid, direction: inputs.direction, trunkName: inputs.trunkName, steps: p.steps, inSync: p.inSync, manual: p.manual, decisions: inputs.auth.decisions, warnings: inputs.auth.warnings };
  if (inputs.skipTrunk) return plan;
  for (const part of [planTrunk, planNumbers, planAcl, planCredential, planDestinations, planAlias]) part(p);
  return { ...plan, trunkName: desired.trunkName, trunkSid: observed?.trunkSid, ...(observed ? { found: p.found } : {}) };
}

/** The trunk first: everything else hangs off it. */
function planTrunk(p: Planning): void {
  const { steps, inSync, desired, observed } = p;
  if (!observed) {
    steps.push({
      id: TRUNK,
      kind: 'create-trunk',
      side: 'exotel',
      effect: 'create',
      title: `Create trunk ${desired.trunkName}`,
      reason: 'Every number, credential and destination hangs off the trunk, so it is created first.',
      dependsOn: [],
      payload: { trunkName: desired.trunkName },
    });
  } else inSync.push(`trunk ${desired.trunkName} (${observed.trunkSid})`);
}

/** Each number mapped in the wanted mode; numbers the recipe does not want are dashboard work (the API has no delete). */
function planNumbers(p: Planning): void {
  const { steps, inSync, manual, found, trunkDep, desired, observed } = p;
  for (const n of desired.numbers) {
    const have = observed?.numbers.find((o) => o.phoneNumber === n.phoneNumber);
    const modeReason = n.mode === 'flow' ? 'mode flow hands the call to an App Bazaar flow (Voicebot / StreamKit)' : 'mode pstn carries calls through the trunk (outbound, and inbound via the Connect applet)';
    if (!have) {
      steps.push({
        id: `number:${n.phoneNumber}`,
        kind: 'map-number',
        side: 'exotel',
        effect: 'create',
        title: `Map ${n.phoneNumber} (mode ${n.mode})`,
        reason: `The ExoPhone must be on the trunk; ${modeReason}.`,
        dependsOn: trunkDep,
        payload: { phoneNumber: n.phoneNumber, mode: n.mode },
      });
    } else if ((have.mode ?? 'pstn') !== n.mode) {
      steps.push({
        id: `mode:${n.phoneNumber}`,
        kind: 'set-number-mode',
        side: 'exotel',
        effect: 'change',
        title: `Set ${n.phoneNumber} to mode ${n.mode} (now ${have.mode ?? 'no mode, which is pstn'})`,
        reason: `The number is mapped with the wrong mode; ${modeReason}.`,
        dependsOn: [],
        payload: { numberId: have.id, phoneNumber: n.phoneNumber, mode: n.mode },
      });
    } else inSync.push(`number ${n.phoneNumber} (mode ${have.mode ?? 'pstn, the default'})`);
    if (have && (have.mode ?? 'pstn') === n.mode) found.numbers[n.phoneNumber] = { id: have.id, mode: have.mode };
  }
  // Numbers on the trunk that the recipe does not want: the API has no delete for a mapping.
  for (const o of observed?.numbers ?? []) {
    if (!desired.numbers.some((n) => n.phoneNumber === o.phoneNumber)) manual.push(`number ${o.phoneNumber} is on the trunk but not in the recipe: remove it in the dashboard (Exotrunk Management) if unwanted`);
  }
}

/** One ACL entry per IP (mask 32); an IP destination's entry comes before the destination. */
function planAcl(p: Planning): void {
  const { steps, inSync, manual, found, trunkDep, desired, observed, inputs } = p;
  for (const ip of desired.acl) {
    const there = observed?.acl.find((a) => a.ip === ip);
    if (there) {
      inSync.push(`ACL ${ip}/32`);
      found.acl[ip] = there.id;
      continue;
    }
    const forDestination = inputs.destination && hostOfDestination(inputs.destination) === ip;
    steps.push({
      id: `acl:${ip}`,
      kind: 'whitelist-ip',
      side: 'exotel',
      effect: 'create',
      title: `Whitelist ${ip}/32`,
      reason: forDestination
        ? `${ip} is the inbound destination, and Exotel refuses an IP destination that is not whitelisted, so its ACL entry comes first.`
        : `${ip} is a single static IP the partner sends SIP from; Exotel whitelists single IPs only (mask 32).`,
      dependsOn: trunkDep,
      payload: { ip },
    });
  }
  for (const o of observed?.acl ?? []) {
    if (!desired.acl.includes(o.ip)) manual.push(`ACL entry ${o.ip}/${o.mask} is on the trunk but not in the recipe: remove it in the dashboard if unwanted (the API has no delete)`);
  }
}

/** The digest credential, created once; Exotel's own is read after apply, never created. */
function planCredential(p: Planning): void {
  const { steps, inSync, manual, found, trunkDep, desired, observed, inputs } = p;
  if (desired.credential?.exotel) {
    // Exotel's own credential: exotrunk reads it after the trunk exists, it never creates one
    const own = observed?.credentials.find((c) => c.exotelOwn);
    if (own) inSync.push(`Exotel's own credential ${own.userName}`);
    else if (observed) manual.push(`the trunk has no credential of Exotel's own, and sip_credential=exotel chose it for the partner configs: apply with --set sip_credential=recipe to create one for this setup instead`);
  } else if (desired.credential) {
    const have = observed?.credentials.find((c) => c.userName === desired.credential!.userName);
    if (have) {
      inSync.push(`credential ${have.userName}`);
      found.credential = { id: have.id, userName: have.userName };
    } else
      steps.push({
        id: 'credential',
        kind: 'create-credential',
        side: 'exotel',
        effect: 'create',
        title: `Create SIP digest credential ${desired.credential.userName}`,
        reason: 'The partner authenticates its calls to Exotel with SIP digest (see the auth decision).',
        dependsOn: trunkDep,
        payload: { userName: desired.credential.userName, friendlyName: friendlyNameFor(inputs.recipe.id) },
      });
  }
}

/** Each destination URI, after its IP's ACL entry when it is an IP. */
function planDestinations(p: Planning): void {
  const { steps, inSync, manual, found, trunkDep, desired, observed, inputs } = p;
  for (const d of desired.destinations) {
    const there = observed?.destinations.find((o) => sameDestination(o.destination, d));
    if (there) {
      inSync.push(`destination ${d}`);
      found.destinations[withSip(there.destination)] = there.id;
      continue;
    }
    const host = hostOfDestination(d);
    const aclStep = steps.find((s) => s.id === `acl:${host}`);
    steps.push({
      id: `destination:${d}`,
      kind: 'add-destination',
      side: 'exotel',
      effect: 'create',
      title: `Add destination ${d}`,
      reason: `Inbound calls leave Exotel toward ${inputs.recipe.title} at this SIP URI${aclStep ? ', after its IP is whitelisted' : ''}.`,
      dependsOn: [...trunkDep, ...(aclStep ? [aclStep.id] : [])],
      payload: { uri: bareSipUri(d) },
    });
  }
  for (const o of observed?.destinations ?? []) {
    if (!desired.destinations.some((d) => sameDestination(o.destination, d))) manual.push(`destination ${o.destination} is on the trunk but not in the recipe: remove it in the dashboard (the API has no delete)`);
  }
}

/** The caller-ID alias, after the number it names. */
function planAlias(p: Planning): void {
  const { steps, inSync, trunkDep, desired, observed } = p;
  if (desired.alias) {
    if (p.aliasInState === desired.alias && observed) inSync.push(`caller ID alias ${desired.alias}`);
    else {
      const numberStep = steps.find((s) => s.kind === 'map-number');
      steps.push({
        id: 'alias',
        kind: 'set-alias',
        side: 'exotel',
        effect: 'change',
        title: `Set caller ID alias ${desired.alias}`,
        reason: 'trunk_external_alias makes outbound calls show the ExoPhone as caller ID.',
        dependsOn: [...trunkDep, ...(numberStep ? [numberStep.id] : [])],
        payload: { alias: desired.alias },
      });
    }
  }
}
