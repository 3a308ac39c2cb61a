/**
 * --set answers that make every recipe plan-able headless, per direction. Question ids come from
 * `exotrunk recipes show <id> --json`; secrets never go here (the SIP password comes from the environment).
 */
export type Direction = 'outbound' | 'inbound' | 'both';

/** Public addresses from the guides' examples (44.248.146.x is an AWS range, fine for the sandbox). */
export const PBX_IP = '44.248.146.11';

const EXTRA: Record<string, Record<string, string>> = {
  bolna: { bolna_agent_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a' },
  elevenlabs: {},
  livekit: { livekit_subdomain: 'abc123xyz' },
  nlpearl: { nlpearl_sip_domain: 'sip.nlpearl.example.com' },
  'own-pbx': { pbx_ips: PBX_IP, pbx_host: PBX_IP },
  'pipecat-daily': { partner_egress_ips: '44.248.146.13', daily_domain: 'examplecorp', daily_webhook_url: 'https://hooks.example.com/daily' },
  rapida: { path: 'sip', rapida_assistant_id: '2227823180112723968' },
  retell: { retell_agent_id: 'agent_3f2a9c' },
  'smallest-ai': { smallest_origination: 'sip.smallest.example.com:5060' },
  streamkit: { streamkit_server_ips: '44.248.146.12', voicebot_url: 'wss://bot.example.com/voicebot' },
  vocallabs: { vocallabs_websocket_url: 'wss://ws.vocallabs.example.com/stream', vocallabs_webhook_url: 'https://hooks.vocallabs.example.com/exotel', vocallabs_sip_host: 'sip.vocallabs.example.com:5060' },
};

export const RECIPES = Object.keys(EXTRA);

/** The `--set k=v` flags for one recipe, direction and trunk name. */
export function setFlags(recipe: string, direction: Direction, trunkName: string, did = '+918012345678'): string[] {
  const answers: Record<string, string> = { direction, trunk_name: trunkName, did, sip_username: 'e2e_user', ...EXTRA[recipe] };
  return Object.entries(answers).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
}
