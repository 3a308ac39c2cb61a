/**
 * The partner stand-ins served next to the Exotel sandbox (`exotrunk sandbox --partners`), or in-process for
 * tests: LiveKit's SIP service, ElevenLabs' phone numbers and Retell's phone numbers, each on its own port
 * (as each partner has its own host), each checking requests with the partner's published definitions, each
 * with the Exotel sandbox's faults on demand. Point the official SDKs (or exotrunk) at them with the
 * environment printed by `partnerEnv`.
 */
import type { FaultSpec } from '../faults.js';
import { ELEVENLABS_SANDBOX_KEY, elevenLabsApp, type ElevenLabsState, type ElevenLabsStandInOptions } from './elevenlabs.js';
import { serveStandIn, type StandInHandle, type StandInRequest } from './http.js';
import { liveKitApp, type LiveKitStandInOptions, type LiveKitState } from './livekit.js';
import { RETELL_SANDBOX_KEY, retellApp, type RetellStandInOptions, type RetellState } from './retell.js';

export type { StandInHandle, StandInLogEntry } from './http.js';
export type { LiveKitState } from './livekit.js';
export type { ElevenLabsState, ElevenLabsNumber } from './elevenlabs.js';
export type { RetellState, RetellNumber } from './retell.js';
export { ELEVENLABS_SANDBOX_KEY, RETELL_SANDBOX_KEY };

export interface PartnerStandInsOptions {
  host?: string;
  ports?: { livekit?: number; elevenlabs?: number; retell?: number };
  faults?: string | FaultSpec;
  seed?: number;
  latencyMs?: number;
  slowMs?: number;
  /** every API request to any stand-in, headers and body included (tests) */
  onRequest?: (partner: 'livekit' | 'elevenlabs' | 'retell', req: StandInRequest) => void;
  livekit?: Omit<LiveKitStandInOptions, 'seed'>;
  elevenlabs?: Omit<ElevenLabsStandInOptions, 'seed'>;
  retell?: RetellStandInOptions;
}

export interface PartnerStandIns {
  livekit: StandInHandle<LiveKitState> & { apiKey: string; apiSecret: string };
  elevenlabs: StandInHandle<ElevenLabsState> & { apiKey: string };
  retell: StandInHandle<RetellState> & { apiKey: string };
  close(): Promise<void>;
}

export async function startPartnerStandIns(opts: PartnerStandInsOptions = {}): Promise<PartnerStandIns> {
  const seed = opts.seed ?? 1;
  const common = { host: opts.host, faults: opts.faults, latencyMs: opts.latencyMs, slowMs: opts.slowMs };
  const seen = (p: 'livekit' | 'elevenlabs' | 'retell') => (opts.onRequest ? { onRequest: (r: StandInRequest) => opts.onRequest!(p, r) } : {});
  const lk = { apiKey: opts.livekit?.apiKey ?? 'devkey', apiSecret: opts.livekit?.apiSecret ?? 'secret' };
  const elKey = opts.elevenlabs?.apiKey ?? ELEVENLABS_SANDBOX_KEY;
  const rtKey = opts.retell?.apiKey ?? RETELL_SANDBOX_KEY;
  // each stand-in draws its faults from its own seed, so adding requests to one does not shift another's
  const livekit = await serveStandIn(liveKitApp({ ...lk, seed }), { ...common, ...seen('livekit'), port: opts.ports?.livekit, seed: seed * 3 + 1 });
  const elevenlabs = await serveStandIn(elevenLabsApp({ ...opts.elevenlabs, apiKey: elKey, seed }), { ...common, ...seen('elevenlabs'), port: opts.ports?.elevenlabs, seed: seed * 3 + 2 }).catch(async (e) => {
    await livekit.close();
    throw e;
  });
  const retell = await serveStandIn(retellApp({ ...opts.retell, apiKey: rtKey }), { ...common, ...seen('retell'), port: opts.ports?.retell, seed: seed * 3 + 3 }).catch(async (e) => {
    await Promise.all([livekit.close(), elevenlabs.close()]);
    throw e;
  });
  return {
    livekit: Object.assign(livekit, lk),
    elevenlabs: Object.assign(elevenlabs, { apiKey: elKey }),
    retell: Object.assign(retell, { apiKey: rtKey }),
    close: async () => {
      await Promise.all([livekit.close(), elevenlabs.close(), retell.close()]);
    },
  };
}

/** The environment that points exotrunk (and the partners' own tools) at the stand-ins. */
export function partnerEnv(s: PartnerStandIns): Record<string, string> {
  return {
    LIVEKIT_URL: s.livekit.url,
    LIVEKIT_API_KEY: s.livekit.apiKey,
    LIVEKIT_API_SECRET: s.livekit.apiSecret,
    ELEVENLABS_API_KEY: s.elevenlabs.apiKey,
    EXOTRUNK_ELEVENLABS_BASE_URL: s.elevenlabs.url,
    RETELL_API_KEY: s.retell.apiKey,
    RETELL_BASE_URL: s.retell.url,
  };
}
