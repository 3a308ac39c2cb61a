/**
 * The destination URI a recipe implies, as Exotel wants it ("host:port;transport=…", no sip:), or "" when the
 * direction has none: resources.destination.uri wins, else the recipe's inbound SIP host with the transport
 * the user picked (inbound_transport) or the recipe's first. One implementation for the engine and the
 * renderer. Throws when a template variable is not answered yet.
 */
import type { Direction, Recipe } from '../recipes/schema.js';
import { evalWhen } from '../recipes/when.js';
import { bareSipUri, DEFAULT_SIP_PORTS, withDefaultPort } from '../sip-uri.js';
import { renderString } from './render.js';

export function destinationUri(recipe: Recipe, direction: Direction, answers: Record<string, unknown>): string {
  const d = recipe.resources.destination;
  if (!evalWhen(d?.when ?? { direction: ['inbound', 'both'] }, direction, answers)) return '';
  const sip = recipe.inbound_sip;
  const picked = String(answers.inbound_transport ?? '');
  const transport = (sip && (sip.transports as string[]).includes(picked) ? picked : sip?.transports[0] ?? 'tls') as keyof typeof DEFAULT_SIP_PORTS;
  const port = sip?.ports[transport] ?? DEFAULT_SIP_PORTS[transport];
  const data = { ...answers, inbound_transport: transport, inbound_port: port };
  let uri = '';
  if (d?.uri) uri = renderString(d.uri, data, `${recipe.id}: resources.destination.uri`);
  else if (sip) uri = `${renderString(sip.host, data, `${recipe.id}: inbound_sip.host`).trim()}:${port};transport=${transport}`;
  uri = bareSipUri(uri);
  return !uri || uri.startsWith(':') ? '' : withDefaultPort(uri);
}
