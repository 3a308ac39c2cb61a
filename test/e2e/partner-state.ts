/**
 * What the partner stand-ins of `exotrunk sandbox --partners` hold, read through their /__sandbox/ routes (as a
 * test reads the Exotel sandbox's state): resources per trunk name or number, duplicates, stored passwords.
 */
import type { SandboxProc } from './helpers.js';

export type P = 'livekit' | 'elevenlabs' | 'retell';
export const PARTNERS: P[] = ['livekit', 'elevenlabs', 'retell'];

/** the --set flags that name an agent that exists at the stand-ins */
export const AGENT: Record<P, string[]> = {
  livekit: ['--set', 'livekit_agent_name=exotel-agent'],
  elevenlabs: ['--set', 'el_agent_id=agent_sandbox'],
  retell: ['--set', 'retell_agent_id=agent_sandbox'],
};

export const standInUrl = (sb: SandboxProc, p: P) => sb.env[p === 'livekit' ? 'LIVEKIT_URL' : p === 'elevenlabs' ? 'EXOTRUNK_ELEVENLABS_BASE_URL' : 'RETELL_BASE_URL'];
export const partnerState = async (sb: SandboxProc, p: P): Promise<any> => (await fetch(`${standInUrl(sb, p)}/__sandbox/state`)).json();
/** the requests that change something (no reads) */
export const partnerWrites = async (sb: SandboxProc, p: P): Promise<any[]> =>
  ((await (await fetch(`${standInUrl(sb, p)}/__sandbox/requests`)).json()) as any[]).filter((r) => r.method !== 'GET' && !/\/(List|Get)SIP/.test(r.path));
export async function standInFaults(sb: SandboxProc, p: P, spec: string | null): Promise<void> {
  const res = await fetch(`${standInUrl(sb, p)}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ spec }) });
  if (res.status !== 200) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

/** what the stand-in holds for one trunk name (LiveKit names) or DID (ElevenLabs, Retell numbers) */
export async function held(sb: SandboxProc, p: P, name: string, did: string): Promise<{ count: number; password?: string; dupes: string[] }> {
  const st = await partnerState(sb, p);
  if (p === 'livekit') {
    const mine = [...st.outbound, ...st.inbound, ...st.dispatchRules].filter((x: any) => x.name === `Exotel ${name}` || String(x.name).startsWith(`Exotel ${name} inbound`));
    const names = mine.map((x: any) => x.name);
    return { count: mine.length, password: st.outbound.find((t: any) => t.name === `Exotel ${name}`)?.auth_password, dupes: names.filter((n: string, i: number) => names.indexOf(n) !== i) };
  }
  const mine = st.numbers.filter((n: any) => n.phone_number === did);
  return { count: mine.length, password: p === 'elevenlabs' ? mine[0]?.outbound?.password : mine[0]?.auth_password, dupes: mine.length > 1 ? [did] : [] };
}

export const EXPECTED: Record<P, number> = { livekit: 3, elevenlabs: 1, retell: 1 };
