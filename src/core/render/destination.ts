/**
 * The destination URI a recipe implies, as Exotel wants it ("host:port;transport=…", no sip:), or "" when the
 * direction has none: resources.destination.uri wins, else the recipe's inbound SIP host with the transport
 * the user picked (inbound_transport) or the recipe's first. One implementation for the engine and the
 * renderer. Throws when a template variable is not answered yet.
 */
import type { Direction, Recipe } from '../recipes/schema.js';
import { evalWhen } from '../recipes/when.js';
import { stripSip } from './helpers.js';
import { renderString } from './render.js';

/** SIP's default ports when a recipe names none for a transport. */
export const DEFAULT_PORTS = { udp: 5060, tcp: 5060, tls: 5061 } as const;

export function destinationUri(recipe: Recipe, direction: Direction, answers: Record<string, unknown>): string {
  const d = recipe.resources.destination;
  if (!evalWhen(d?.when ?? { direction: ['inbound', 'both'] }, direction, answers)) return '';
  const sip = recipe.inbound_sip;
  const picked = String(answers.inbound_transport ?? '');
  const transport = (sip && (sip.transports as string[]).includes(picked) ? picked : sip?.transports[0] ?? 'tls') as keyof typeof DEFAULT_PORTS;
  const port = sip?.ports[transport] ?? DEFAULT_PORTS[transport];
  const data = { ...answers, inbound_transport: transport, inbound_port: port };
  let uri = '';
  if (d?.uri) uri = renderString(d.uri, data, `${recipe.id}: resources.destination.uri`);
  else if (sip) uri = `${renderString(sip.host, data, `${recipe.id}: inbound_sip.host`).trim()}:${port};transport=${transport}`;
  uri = stripSip(uri.trim());
  return !uri || uri.startsWith(':') ? '' : withDefaultPort(uri);
}

/** Exotel wants host:port;transport=…: a pasted host without a port gets the transport's default. */
export function withDefaultPort(uri: string): string {
  const [hostPart, ...params] = uri.split(';');
  if (/:\d+$/.test(hostPart)) return uri;
  const t = /transport=(\w+)/i.exec(uri)?.[1]?.toLowerCase();
  return [`${hostPart}:${t === 'tls' ? DEFAULT_PORTS.tls : DEFAULT_PORTS.tcp}`, ...params].join(';');
}

/** "host:port;transport=x" (or with sip:) → host */
export const destinationHost = (uri: string): string => stripSip(uri).split(/[;:]/)[0] ?? '';
