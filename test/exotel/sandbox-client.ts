/** Test helper: a sandbox on 127.0.0.1 and a client pointed at it, with every log line collected. */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/server.js';
import { createExotelClient } from '../../src/core/exotel/client.js';
import type { ExotelClient, ExotelClientConfig, RetryInfo } from '../../src/core/exotel/types.js';
import { Secret } from '../../src/core/secret.js';

/** recognisable, so a leak is easy to spot in any log line or error */
export const API_TOKEN = 'tok_LEAKCHECK_7f3a9c2e';
export const API_KEY = 'key_exo_test';
export const ACCOUNT = 'exoteltest';

export interface Rig {
  sandbox: SandboxHandle;
  client: ExotelClient;
  logs: string[];
  retries: RetryInfo[];
  newClient(over?: Partial<ExotelClientConfig>): ExotelClient;
  close(): Promise<void>;
}

export async function rig(
  sandboxOpts: SandboxOptions = {},
  clientOpts: Partial<ExotelClientConfig> = {},
): Promise<Rig> {
  const sandbox = await startSandbox({ apiKey: API_KEY, apiToken: API_TOKEN, ...sandboxOpts });
  const logs: string[] = [];
  const retries: RetryInfo[] = [];
  const clients: ExotelClient[] = [];
  const newClient = (over: Partial<ExotelClientConfig> = {}) => {
    const c = createExotelClient({
      accountSid: ACCOUNT,
      apiKey: API_KEY,
      apiToken: new Secret(API_TOKEN),
      baseUrl: sandbox.url,
      backoffBaseMs: 5,
      timeoutMs: 5000,
      log: (l) => logs.push(l),
      onRetry: (i) => retries.push(i),
      ...clientOpts,
      ...over,
    });
    clients.push(c);
    return c;
  };
  const client = newClient();
  return {
    sandbox,
    client,
    logs,
    retries,
    newClient,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.close();
    },
  };
}

/** a public IP the seed itself uses in success examples (documentation IPs are refused as destinations) */
export const PUBLIC_IP = '44.248.146.11';

/** Create a trunk that must not exist yet; its sid. */
export async function newTrunk(client: ExotelClient, name: string): Promise<string> {
  const res = await client.createTrunk({ trunkName: name });
  if (res.outcome !== 'created') throw new Error(`expected created, got ${res.outcome}`);
  return res.data.trunkSid;
}
