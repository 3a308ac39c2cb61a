import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { fileStamp as stampOf } from '../core/journal/file-stamp.js';

/**
 * The sandbox's in-memory state. Records are kept in Exotel's wire shape (snake_case, key order as in seed
 * 000) so handlers can return them as they are; only the credential password is stripped on the way out.
 */
export type Mode = 'pstn' | 'flow';

export interface TrunkRecord {
  trunk_name: string;
  date_created: string;
  date_updated: string;
  trunk_sid: string;
  status: 'active';
  domain_name: string;
  auth_type: 'IP-WHITELIST';
  registration_enabled: 'disabled';
  edge_preference: 'auto';
  nso_code: string;
  secure_trunking: 'disabled';
}

export interface NumberRecord {
  id: string;
  phone_number: string;
  trunk_sid: string;
  date_created: string;
  date_updated: string;
  mode: Mode | null;
}

export interface AclRecord {
  id: string;
  mask: number;
  trunk_sid: string;
  ip: string;
  friendly_name: string | null;
  date_created: string;
  date_updated: string;
}

export interface CredentialRecord {
  id: string;
  trunk_sid: string;
  user_name: string;
  /** kept so tests can check what was sent; never returned by the API, never logged */
  password: string;
  friendly_name: string | null;
  date_created: string;
  date_updated: string;
  /** made by the sandbox itself at trunk create (--auto-credentials), as seed 000 shows Exotel doing */
  exotel_generated?: true;
}

export interface DestinationRecord {
  id: string;
  destination: string;
  date_created: string;
  date_updated: string;
  type: 'public';
  priority: number;
  weight: number;
  trunk_sid: string;
}

export interface SettingRecord {
  name: string;
  value: string;
  trunk_sid: string;
  date_created: string;
  date_updated: string;
}

export interface TrunkState {
  trunk: TrunkRecord;
  numbers: NumberRecord[];
  acl: AclRecord[];
  credentials: CredentialRecord[];
  destinations: DestinationRecord[];
  settings: SettingRecord[];
}

export interface AccountState {
  /** by trunk_sid, in creation order */
  trunks: Record<string, TrunkState>;
  /** what DELETE removed, so tests can see it went */
  deleted: { trunks: TrunkState[]; credentials: CredentialRecord[] };
}

export interface SandboxState {
  accounts: Record<string, AccountState>;
}

/** First ids look like the seed's examples; each kind counts up on its own. */
const FIRST_IDS = { number: 41512, acl: 1153, credential: 1234, destination: 2543 } as const;
export type IdKind = keyof typeof FIRST_IDS;

export class Store {
  state: SandboxState = { accounts: {} };
  private counters: Record<IdKind, number> = { ...FIRST_IDS };

  account(accountSid: string): AccountState {
    let a = this.state.accounts[accountSid];
    if (!a) {
      a = { trunks: {}, deleted: { trunks: [], credentials: [] } };
      this.state.accounts[accountSid] = a;
    }
    return a;
  }

  nextId(kind: IdKind): string {
    return String(this.counters[kind]++);
  }

  snapshot(): SandboxState {
    return structuredClone(this.state);
  }

  reset(): void {
    this.state = { accounts: {} };
    this.counters = { ...FIRST_IDS };
  }

  /** Everything needed to carry the sandbox over to the next process (the embedded sandbox's file). */
  dump(): { state: SandboxState; counters: Record<IdKind, number> } {
    return { state: this.snapshot(), counters: { ...this.counters } };
  }

  load(d: { state: SandboxState; counters: Record<IdKind, number> }): void {
    this.state = structuredClone(d.state);
    this.counters = { ...FIRST_IDS, ...d.counters };
  }
}

/**
 * The embedded sandbox's file (`.exotrunk/sandbox.json`, 0600). Read again whenever another process changed
 * it (a stamp of inode, size and mtime), just before a request is handled, and written right after a write
 * request is applied, with nothing in between: the writing command holds the state directory's lock, so one
 * process's sandbox never overwrites what another's created (report row 23).
 */
export class PersistedStore {
  #stamp = '';

  constructor(
    private readonly store: Store,
    readonly path: string,
  ) {}

  /** Load the file if it changed since this process last read or wrote it. */
  refresh(): void {
    const stamp = stampOf(this.path);
    if (stamp === this.#stamp) return;
    this.#stamp = stamp;
    if (stamp === 'none') return;
    try {
      this.store.load(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch {
      // a damaged sandbox file only loses sandbox data: keep what is in memory
    }
  }

  save(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.path, JSON.stringify(this.store.dump()) + '\n', { mode: 0o600 });
    this.#stamp = stampOf(this.path);
  }
}
