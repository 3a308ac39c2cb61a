/**
 * Fixed answer sets per recipe and direction, shared by the golden, SDK and LiveKit parser tests. `auth` is
 * what the rules must decide for these answers (checked, never fed to the renderer).
 */
import type { Direction } from '../../src/core/recipes/schema.js';

type Answers = Record<string, string | boolean | string[]>;
export interface AnswerCase {
  recipe: string;
  direction: Direction;
  answers: Answers;
  auth: 'digest' | 'acl' | 'both' | 'none';
}

const DIRECTIONS: Direction[] = ['outbound', 'inbound', 'both'];

const edge = (direction: Direction): Answers =>
  direction === 'inbound' ? {} : { edge_host: 'in.voip.exotel.com', edge_transport: direction === 'both' ? 'tls' : 'tcp' };

export const CASES: AnswerCase[] = [
  ...DIRECTIONS.map((direction) => ({
    recipe: 'elevenlabs',
    direction,
    auth: direction === 'inbound' ? ('none' as const) : ('digest' as const),
    answers: {
      ...edge(direction),
      el_label: 'Exotel India',
      el_media_encryption: direction === 'both' ? 'allowed' : 'disabled',
      el_agent_id: 'agent_01jz8k2m3n',
      ...(direction === 'inbound' ? {} : { el_test_to: '+919876543210' }),
      inbound_transport: 'tcp',
    },
  })),
  ...DIRECTIONS.map((direction) => ({
    recipe: 'livekit',
    direction,
    auth: direction === 'inbound' ? ('none' as const) : ('digest' as const),
    answers: {
      ...edge(direction),
      livekit_subdomain: 'abc123xyz',
      livekit_agent_name: direction === 'both' ? '' : 'exotel-agent',
      livekit_room_prefix: 'call-',
      inbound_transport: 'tls',
    },
  })),
  ...DIRECTIONS.map((direction) => ({
    recipe: 'retell',
    direction,
    auth: direction === 'inbound' ? ('none' as const) : ('digest' as const),
    answers: { ...edge(direction), retell_agent_id: 'agent_3f2a9c', retell_nickname: 'Exotel India', inbound_transport: 'tcp' },
  })),
];
