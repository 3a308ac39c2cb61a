import { describe, expect, it } from 'vitest';
import { renderString } from '../../src/core/render/render.js';
import { sipParts as uriParts } from '../../src/core/sip-uri.js';

const r = (t: string, data: object = {}) => renderString(t, data, 'helpers-test');

describe('helpers', () => {
  it('json quotes and escapes', () => {
    expect(r('{{json v}}', { v: 'a"b\\c\n' })).toBe('"a\\"b\\\\c\\n"');
    expect(r('{{json v}}', { v: true })).toBe('true');
  });
  it('jsonList accepts lists and comma strings', () => {
    expect(r('{{jsonList v}}', { v: ['a', 'b'] })).toBe('["a","b"]');
    expect(r('{{jsonList v}}', { v: 'a, b' })).toBe('["a","b"]');
    expect(r('{{jsonList v}}', { v: '' })).toBe('[]');
  });
  it('e164 normalises Indian numbers and refuses junk', () => {
    expect(r('{{e164 v}}', { v: '+91 80123 45678' })).toBe('+918012345678');
    expect(r('{{e164 v}}', { v: '08012345678' })).toBe('+918012345678');
    expect(() => r('{{e164 v}}', { v: 'abc' })).toThrow(/not a valid phone number/);
  });
  it('sipUri adds sip: once, stripSip removes it', () => {
    expect(r('{{sipUri v}}', { v: 'trmum1' })).toBe('sip:trmum1');
    expect(r('{{sipUri v}}', { v: 'sip:trmum1' })).toBe('sip:trmum1');
    expect(r('{{sipUri v}}', { v: 'SIPS:x' })).toBe('sip:x');
    expect(r('{{stripSip v}}', { v: 'sip:a.example:5060' })).toBe('a.example:5060');
  });
  it('hostport joins host and port, tolerating a missing port', () => {
    expect(r('{{hostport h p}}', { h: 'sip:a.example', p: 5061 })).toBe('a.example:5061');
    expect(r('{{hostport h}}', { h: 'a.example' })).toBe('a.example');
  });
  it('upper, lower', () => {
    expect(r('{{upper v}} {{lower w}}', { v: 'tcp', w: 'TLS' })).toBe('TCP tls');
  });
  it('eq, ne, and, or, includes', () => {
    expect(r('{{#if (eq a "tls")}}y{{else}}n{{/if}}', { a: 'tls' })).toBe('y');
    expect(r('{{#if (eq a true)}}y{{else}}n{{/if}}', { a: 'true' })).toBe('y');
    expect(r('{{#if (ne a "tls")}}y{{else}}n{{/if}}', { a: 'tls' })).toBe('n');
    expect(r('{{#if (and a b c)}}y{{else}}n{{/if}}', { a: 1, b: 'x', c: [] })).toBe('n');
    expect(r('{{#if (or a b c)}}y{{else}}n{{/if}}', { a: 0, b: '', c: ['x'] })).toBe('y');
    expect(r('{{#if (includes l "b")}}y{{else}}n{{/if}}', { l: ['a', 'b'] })).toBe('y');
    expect(r('{{#if (includes l "c")}}y{{else}}n{{/if}}', { l: 'a,b' })).toBe('n');
  });
  it('join with a separator or the default', () => {
    expect(r('{{join l "|"}}', { l: ['a', 'b'] })).toBe('a|b');
    expect(r('{{join l}}', { l: ['a', 'b'] })).toBe('a, b');
  });
  it('uri helpers split a destination URI', () => {
    expect(uriParts('sip:pbx.example:5080;transport=tls')).toEqual({ host: 'pbx.example', port: 5080, transport: 'tls' });
    expect(uriParts('pbx.example;transport=tls')).toEqual({ host: 'pbx.example', port: 5061, transport: 'tls' });
    expect(r('{{uriPort u}}/{{uriProto u}}', { u: '1.2.3.4:5060;transport=udp' })).toBe('5060/udp');
  });
  it('a helper argument that is missing throws (strict data)', () => {
    expect(() => r('{{json answers.typo}}', { answers: {} })).toThrow(/"answers\.typo"/);
    expect(() => r('{{#each list}}{{this.nope}}{{/each}}', { list: [{ a: 1 }] })).toThrow(/nope/);
  });
});
