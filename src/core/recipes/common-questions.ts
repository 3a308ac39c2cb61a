/**
 * Questions every recipe asks, before its own. A recipe changes their defaults through `defaults:`.
 * Answer keys here are the "common keys" of --set / --answers.
 */
import type { Question } from './schema.js';

export const COMMON_QUESTIONS: Question[] = [
  {
    id: 'direction',
    prompt: 'Which calls should flow through Exotel?',
    kind: 'select',
    choices: [
      { value: 'outbound', label: 'Outbound: the AI agent calls phones (partner → Exotel → PSTN)' },
      { value: 'inbound', label: 'Inbound: callers reach the AI agent (PSTN → Exotel → partner)' },
      { value: 'both', label: 'Both directions on one trunk' },
    ],
    optional: false,
    env: 'EXOTRUNK_DIRECTION',
  },
  {
    id: 'trunk_name',
    prompt: 'Trunk name (1-16 letters, digits or _)',
    kind: 'text',
    validate: 'trunk_name',
    optional: false,
    env: 'EXOTRUNK_TRUNK_NAME',
  },
  {
    id: 'did',
    prompt: 'Exotel phone number (ExoPhone / DID) in E.164, e.g. +918012345678',
    kind: 'text',
    validate: 'e164',
    optional: false,
    env: 'EXOTRUNK_DID',
  },
  {
    id: 'edge_host',
    prompt: 'Exotel SIP edge the partner dials (outbound)',
    help: 'in.voip.exotel.com is the India edge for digest auth; Exotel may assign another host to your account.',
    kind: 'text',
    default: 'in.voip.exotel.com',
    validate: 'host',
    optional: false,
    when: { direction: ['outbound', 'both'] },
    env: 'EXOTRUNK_EDGE_HOST',
  },
  {
    id: 'edge_transport',
    prompt: 'Transport toward the Exotel edge',
    kind: 'select',
    default: 'tcp',
    choices: [
      { value: 'tcp', label: 'TCP, port 5070' },
      { value: 'tls', label: 'TLS, port 443 (encrypted signalling)' },
    ],
    optional: false,
    when: { direction: ['outbound', 'both'] },
    env: 'EXOTRUNK_EDGE_TRANSPORT',
  },
  {
    // Answered from --set / an answers file / the environment, or its default; the wizard does not ask it (see
    // QUIET_KEYS). Some accounts' trunks come with a credential Exotel generated (Exotel's API reference, "Get
    // Credentials": username = the trunk sid).
    id: 'sip_credential',
    prompt: 'Which SIP digest credential the partner uses',
    help: "exotel: the credential Exotel generated with the trunk (username = the trunk sid); its password is read from Exotel's API after apply.",
    kind: 'select',
    default: 'recipe',
    choices: [
      { value: 'recipe', label: 'A credential exotrunk creates for this setup (sip_username / sip_password)' },
      { value: 'exotel', label: 'The credential Exotel generated with the trunk (username = the trunk sid)' },
    ],
    optional: false,
    env: 'EXOTRUNK_SIP_CREDENTIAL',
  },
  {
    id: 'sip_username',
    prompt: 'SIP digest username for the trunk',
    kind: 'text',
    validate: 'sip_username',
    optional: false,
    env: 'EXOTRUNK_SIP_USERNAME',
  },
  {
    id: 'sip_password',
    prompt: 'SIP digest password (leave empty to generate a strong one)',
    kind: 'secret',
    validate: 'sip_password',
    optional: true,
    env: 'EXOTRUNK_SIP_PASSWORD',
  },
  {
    id: 'partner_egress_ips',
    prompt: 'Static IPs the partner sends SIP from (comma separated), if it gave you any',
    help: 'Only single static IPs can be whitelisted at Exotel; ranges mean digest auth.',
    kind: 'list',
    validate: 'ipv4_public_list',
    optional: true,
    env: 'EXOTRUNK_PARTNER_EGRESS_IPS',
  },
];

export const COMMON_KEYS = COMMON_QUESTIONS.map((q) => q.id);
