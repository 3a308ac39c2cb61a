/**
 * The base URL gets the Basic auth header, so it must be https; plain http is allowed only for a loopback
 * host (the local sandbox), where nothing crosses a network.
 */
import ipaddr from 'ipaddr.js';
import { InputError } from '../errors.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host)) return false;
  const addr = ipaddr.process(host); // unwraps ::ffff:127.0.0.1
  return addr.range() === 'loopback';
}

/** Parse and check a base URL; returns it without a trailing slash. Throws an InputError (exit 2, nothing sent) when unsafe. */
export function checkBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`The Exotel base URL "${raw}" is not a valid URL.`, {
      fix: 'Use https://api.in.exotel.com (India) or https://api.exotel.com (Singapore).',
    });
  }
  if (url.username || url.password) {
    throw new InputError('The Exotel base URL must not contain credentials.', {
      why: 'URLs end up in logs and shell history; exotrunk sends the API key and token in a header instead.',
      fix: 'Remove "user:password@" from the URL and set EXOTEL_API_KEY / EXOTEL_API_TOKEN.',
    });
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(`Refusing to talk to Exotel over ${url.protocol.replace(':', '')}: ${url.origin === 'null' ? raw.slice(0, 80) : url.origin}`, {
      why: 'The API token travels in the Authorization header; without TLS anyone on the path can read it.',
      fix: 'Use an https:// base URL (plain http is accepted only for a local sandbox on 127.0.0.1 / ::1 / localhost).',
    });
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}
