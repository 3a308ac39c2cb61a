import { describe, expect, it } from 'vitest';
import { validators } from '../../src/core/rules/validators.js';
import { expectRefusal } from './refusal.js';

describe('wss_url (StreamKit Voicebot URL, Vocallabs media URL)', () => {
  it('accepts wss:// on a public host name or IP, keeping the path as typed', () => {
    expect(validators.wss_url('WSS://Bot.Example.com/Exotel?x={id}')).toEqual({ ok: true, value: 'wss://bot.example.com/Exotel?x={id}' });
    expect(validators.wss_url('wss://52.66.10.20:8443/ws')).toEqual({ ok: true, value: 'wss://52.66.10.20:8443/ws' });
    expect(validators.wss_url('wss://[2606:4700::1111]/media')).toMatchObject({ ok: true });
  });

  it.each([
    ['http://bot.example.com/ws', /not wss:\/\//],
    ['https://bot.example.com/ws', /not wss:\/\//],
    ['ws://bot.example.com/ws', /unencrypted/],
    ['ws://localhost:5001/media', /unencrypted/],
    ['bot.example.com/ws', /not a URL/],
    ['wss://user:pw@bot.example.com/ws', /user name or password/],
    ['', /empty/],
  ])('refuses %s, saying what is valid', (raw, why) => {
    expectRefusal(validators.wss_url(raw), why, 'wss://bot.example.com/media');
  });

  // The platform (Exotel's Voicebot applet, Vocallabs) opens this socket from the internet: a host only this
  // machine or this network knows can never answer it.
  it.each([
    ['wss://bot', /one-label host "bot"/],
    ['wss://localhost/ws', /localhost, a name only this machine or your network knows/],
    ['wss://bot.localhost/ws', /only this machine or your network knows/],
    ['wss://bot.local/ws', /only this machine or your network knows/],
    ['wss://voice.internal/ws', /only this machine or your network knows/],
    ['wss://127.0.0.1:8080/ws', /loopback/],
    ['wss://0x7f.1/ws', /loopback/], // the URL parser reads it as 127.0.0.1
    ['wss://10.1.2.3/ws', /private/],
    ['wss://192.168.1.20/ws', /private/],
    ['wss://[::1]/ws', /loopback IPv6/],
    ['wss://[fd00::5]/ws', /uniqueLocal IPv6/],
  ])('refuses %s: not reachable from the internet', (raw, why) => {
    const r = validators.wss_url(raw);
    expect(r.ok, raw).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(why);
      expect(r.message).toMatch(/internet/);
    }
  });

  it('names what is wrong with a malformed host name', () => {
    expect(validators.wss_url('wss://bot.example-/ws')).toMatchObject({ ok: false, message: expect.stringMatching(/no valid host: .*starting or ending with "-"/) });
  });
});
