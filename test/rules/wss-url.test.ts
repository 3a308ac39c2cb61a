import { describe, expect, it } from 'vitest';
import { validators } from '../../src/core/rules/validators.js';

describe('wss_url (StreamKit Voicebot URL, Vocallabs media URL)', () => {
  it('accepts wss:// with a host, keeping the path as typed', () => {
    expect(validators.wss_url('WSS://Bot.Example.com/Exotel?x={id}')).toEqual({ ok: true, value: 'wss://bot.example.com/Exotel?x={id}' });
    expect(validators.wss_url('ws://localhost:5001/media')).toMatchObject({ ok: true });
  });

  it.each([
    ['http://bot.example.com/ws', /not wss:\/\//],
    ['https://bot.example.com/ws', /not wss:\/\//],
    ['ws://bot.example.com/ws', /unencrypted/],
    ['bot.example.com/ws', /not a URL/],
    ['wss://user:pw@bot.example.com/ws', /user name or password/],
    ['', /empty/],
  ])('refuses %s, saying what is valid', (raw, why) => {
    const r = validators.wss_url(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(why);
      expect(r.message).toContain('wss://bot.example.com/media');
    }
  });
});
