/**
 * Response bodies copied from seed 000 (/work/shared/seeds/000_…), trimmed to what the conformance suite
 * compares: the key sets of data objects and the exact error_data of each documented failure.
 */
export const SEED = {
  createTrunkData: {
    trunk_name: 'outbound_trunk',
    date_created: '2026-01-23T09:24:59Z',
    date_updated: '2026-01-23T09:24:59Z',
    trunk_sid: 'trmum1f708622631150902801a1n',
    status: 'active',
    domain_name: 'exoteltest.pstn.exotel.com',
    auth_type: 'IP-WHITELIST',
    registration_enabled: 'disabled',
    edge_preference: 'auto',
    nso_code: 'ANY-ANY',
    secure_trunking: 'disabled',
    destination_uris: '/v2/accounts/exoteltest/trunks/trmum1f708622631150902801a1n/destination-uris',
    whitelisted_ips: '/v2/accounts/exoteltest/trunks/trmum1f708622631150902801a1n/whitelisted-ips',
    credentials: '/v2/accounts/exoteltest/trunks/trmum1f708622631150902801a1n/credentials',
    phone_numbers: '/v2/accounts/exoteltest/trunks/trmum1f708622631150902801a1n/phone-numbers',
  },
  createTrunk400: {
    code: 1000,
    message: 'Invalid request',
    description: 'trunk_name must be alphanumeric with underscores only, max 16 characters',
  },
  createTrunk409: { code: 1002, message: 'Resource exists', description: "Trunk with name 'outbound_trunk' already exists" },
  numberData: {
    id: '41512',
    phone_number: '+919876543210',
    trunk_sid: 'trmum1a2b3c4d5e6f7890123456',
    date_created: '2026-01-23T10:26:54Z',
    date_updated: '2026-01-23T10:26:54Z',
    mode: null,
  },
  trunk404: {
    code: 1003,
    message: 'Resource not found',
    description: "Trunk 'trmum1a2b3c4d5e6f7890123456' does not exist",
  },
  invalidPhone: {
    code: 1001,
    message: 'Invalid parameter',
    description: 'phone_number must be in E.164 format (e.g., +919876543210)',
  },
  aclData: {
    id: '1153',
    mask: 32,
    trunk_sid: 'trmum1a2b3c4d5e6f7890123456',
    ip: '203.0.113.50',
    friendly_name: null,
    date_created: '2026-01-23T11:37:36Z',
    date_updated: '2026-01-23T11:37:36Z',
  },
  invalidIp: { code: 1001, message: 'Invalid parameter', description: 'ip must be a valid IPv4 address' },
  destinationData: {
    id: '2543',
    destination: 'sip:44.248.146.11:5061;transport=tls',
    date_created: '2026-01-23T13:38:32Z',
    date_updated: '2026-01-23T13:38:32Z',
    type: 'public',
    priority: 0,
    weight: 1,
    trunk_sid: 'trmum1a2b3c4d5e6f7890123456',
  },
  destinationInvalid: { code: 1002, message: 'Invalid parameter', description: 'Destination is not a valid Ip or Fqdn' },
  destinationNotWhitelisted: { code: 1002, message: 'Invalid parameter', description: 'Destination not whitelisted' },
  // seed 002's credential object (seed 000's {username, password} shape is not what the list returns)
  credentialData: {
    id: '1234',
    trunk_sid: 'trmum17d8e9a37a3732ecbf91a3u',
    user_name: 'voice_ai_user',
    friendly_name: 'voice_ai_platform',
    date_created: '2026-01-23T11:37:36Z',
    date_updated: '2026-01-23T11:37:36Z',
  },
  settingData: {
    name: 'trunk_external_alias',
    value: '+919876543210',
    trunk_sid: 'trmum1a2b3c4d5e6f7890123456',
    date_created: '2026-01-23T13:34:50Z',
    date_updated: '2026-01-23T13:34:50Z',
  },
  deleteTrunkData: {
    trunk_name: 'my_trunk1234',
    date_created: '2026-01-23T13:25:39Z',
    date_updated: '2026-01-23T13:25:39Z',
    trunk_sid: 'trmum15f77c83605998cdb9d1a1n',
    status: 'active',
    domain_name: 'ameyo5m.pstn.exotel.com',
    auth_type: 'IP-WHITELIST',
    registration_enabled: 'disabled',
    edge_preference: 'auto',
    nso_code: 'ANY-ANY',
    secure_trunking: 'disabled',
  },
  listMetadataKeys: ['page_size', 'first_page_uri', 'prev_page_uri', 'next_page_uri'],
} as const;

/** keys in order: the sandbox keeps the seed's key order too */
export function keysOf(o: object): string[] {
  return Object.keys(o);
}
