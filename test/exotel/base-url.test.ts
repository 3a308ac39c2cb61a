import { describe, expect, it } from 'vitest';
import { checkBaseUrl, isLoopbackHost } from '../../src/core/exotel/base-url.js';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { EXIT, InputError, UserError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';

describe('base URL safety', () => {
  it.each(['localhost', '127.0.0.1', '127.9.8.7', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['api.in.exotel.com', '10.0.0.1', '128.0.0.1', '[::2]', 'localhost.evil.com'])('%s is not loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });

  it('accepts https anywhere and http on loopback only', () => {
    expect(checkBaseUrl('https://api.in.exotel.com').origin).toBe('https://api.in.exotel.com');
    expect(checkBaseUrl('http://[::1]:4010').port).toBe('4010');
    expect(() => checkBaseUrl('http://api.exotel.com')).toThrow(UserError);
    expect(() => checkBaseUrl('http://10.1.2.3:80')).toThrow(/Refusing/);
    expect(() => checkBaseUrl('ftp://localhost')).toThrow(UserError);
    expect(() => checkBaseUrl('not a url')).toThrow(/not a valid URL/);
  });

  // report row 19: a refused base URL is invalid input (exit 2, nothing sent), and file: URLs name themselves, not "null"
  it.each(['http://example.com', 'file:///etc/passwd', 'ftp://localhost', 'https://u:p@127.0.0.1:1/', 'not a url'])('%s is refused as invalid input (exit 2)', (url) => {
    const e = (() => {
      try {
        checkBaseUrl(url);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(EXIT.usage);
    expect((e as Error).message).not.toContain(': null');
  });

  it('refuses credentials in the URL', () => {
    expect(() => checkBaseUrl('https://key:token@api.in.exotel.com')).toThrow(/must not contain credentials/);
  });

  it('createExotelClient refuses a plain-http remote base URL', () => {
    const cfg = { accountSid: 'a', apiKey: 'a', apiToken: new Secret('tok-abcdef'), baseUrl: 'http://api.in.exotel.com' };
    expect(() => createExotelClient(cfg)).toThrow(UserError);
  });
});
