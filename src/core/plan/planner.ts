/**
 * Desired × observed → a plan: a DAG of steps, each one API call with its reason. The trunk comes first;
 * an IP destination waits for its ACL entry (rule 4); everything else runs in parallel.
 */
import type { Desired, Inputs, Observed, Plan, Step } from './types.js';
import { friendlyNameFor } from '../exotel/wire.js';
import { bareSipUri, sameSipUri as sameDestination, sipHost as hostOfDestination, withSip } from '../sip-uri.js';

const TRUNK = 'trunk';

export function planSteps(inputs: Inputs, desired: Desired, observed: Observed | null, opts: { accountSid: string; aliasInState?: string | null }): Plan {
  const steps: Step[] = [];
  const inSync: string[] = [];
  const manual: string[] = [];
  const trunkDep = observed ? [] : [TRUNK];
  const found: NonNullable<Plan['found']> = { numbers: {}, acl: {}, credential: null, destinations: {} };

  if (inputs.skipTrunk) {
    return { purpose: 'setup', recipeId: inputs.recipe.id, accountSid: opts.accountSid, direction: inputs.direction, trunkName: inputs.trunkName, steps, inSync, manual, decisions: inputs.auth.decisions, warnings: inputs.auth.warnings };
  }

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
        title: `Set ${n.phoneNumber} to mode ${n.mode} (now ${have.mode ?? 'null'})`,
        reason: `The number is mapped with the wrong mode; ${modeReason}.`,
        dependsOn: [],
        payload: { numberId: have.id, phoneNumber: n.phoneNumber, mode: n.mode },
      });
    } else inSync.push(`number ${n.phoneNumber} (mode ${have.mode ?? 'null = pstn'})`);
    if (have && (have.mode ?? 'pstn') === n.mode) found.numbers[n.phoneNumber] = { id: have.id, mode: have.mode };
  }
  // Numbers on the trunk that the recipe does not want: the API has no delete for a mapping.
  for (const o of observed?.numbers ?? []) {
    if (!desired.numbers.some((n) => n.phoneNumber === o.phoneNumber)) manual.push(`number ${o.phoneNumber} is on the trunk but not in the recipe: remove it in the dashboard (Exotrunk Management) if unwanted`);
  }

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

  if (desired.alias) {
    if (opts.aliasInState === desired.alias && observed) inSync.push(`caller ID alias ${desired.alias}`);
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

  return {
    purpose: 'setup',
    recipeId: inputs.recipe.id,
    accountSid: opts.accountSid,
    direction: inputs.direction,
    trunkName: desired.trunkName,
    trunkSid: observed?.trunkSid,
    steps,
    inSync,
    manual,
    decisions: inputs.auth.decisions,
    warnings: inputs.auth.warnings,
    ...(observed ? { found } : {}),
  };
}
