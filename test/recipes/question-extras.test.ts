/**
 * Recipe data features the partner recipes lean on: `when.any` (a TLS leg in either direction), a question's
 * `pattern` (a partner's own id format, checked as typed), `first` questions (asked before the rest), and the
 * called-number forms partner configs list.
 */
import { describe, expect, it } from 'vitest';
import { questionsFor, validateAnswer } from '../../src/core/engine/questions.js';
import { QuestionSchema, type Question, type When } from '../../src/core/recipes/schema.js';
import { describeWhen, evalWhen } from '../../src/core/recipes/when.js';
import { numberForms } from '../../src/core/render/helpers.js';
import { testRecipe } from '../helpers/recipe-fixture.js';

describe('when.any', () => {
  const tlsLeg: When = {
    any: [
      { direction: ['outbound', 'both'], answers: { edge_transport: 'tls' } },
      { direction: ['inbound', 'both'], answers: { inbound_transport: 'tls' } },
    ],
  };

  it('holds when one of its conditions does, and not when none does', () => {
    expect(evalWhen(tlsLeg, 'outbound', { edge_transport: 'tls' })).toBe(true);
    expect(evalWhen(tlsLeg, 'inbound', { inbound_transport: 'tls' })).toBe(true);
    expect(evalWhen(tlsLeg, 'both', { edge_transport: 'tcp', inbound_transport: 'tls' })).toBe(true);
    expect(evalWhen(tlsLeg, 'outbound', { edge_transport: 'tcp', inbound_transport: 'tls' })).toBe(false);
    expect(evalWhen(tlsLeg, 'both', { edge_transport: 'tcp', inbound_transport: 'tcp' })).toBe(false);
  });

  it('reads as words in recipes show', () => {
    expect(describeWhen(tlsLeg)).toBe('(direction outbound or both, and edge_transport = tls; or direction inbound or both, and inbound_transport = tls)');
    expect(describeWhen({ direction: ['inbound', 'both'], answers: { path: 'sip' } })).toBe('direction inbound or both, and path = sip');
  });

  it('combines with the other parts (all must hold)', () => {
    expect(evalWhen({ direction: ['both'], ...tlsLeg }, 'outbound', { edge_transport: 'tls' })).toBe(false);
  });
});

describe('question pattern', () => {
  const q = QuestionSchema.parse({
    id: 'retell_agent_id',
    prompt: 'Retell agent id',
    kind: 'text',
    validate: 'identifier',
    pattern: { regex: '^agent_[A-Za-z0-9]+$', what: 'a Retell agent id', example: 'agent_3f2a9c1b' },
  }) as Question;

  it('accepts the format and refuses another id, saying what it should look like', () => {
    expect(validateAnswer(q, ' agent_3f2a9c ')).toEqual({ ok: true, value: 'agent_3f2a9c' });
    const r = validateAnswer(q, 'llm_3f2a9c');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('"llm_3f2a9c" is not a Retell agent id: it looks like agent_3f2a9c1b.');
  });

  it('runs after the validator, whose message wins', () => {
    const r = validateAnswer(q, 'agent 1');
    expect(!r.ok && r.message).toMatch(/has a space/);
  });

  it('a recipe cannot ship a broken pattern or an example that does not match it', () => {
    const base = { id: 'x', prompt: 'x', kind: 'text' };
    expect(QuestionSchema.safeParse({ ...base, pattern: { regex: '(', what: 'x', example: 'x' } }).success).toBe(false);
    expect(QuestionSchema.safeParse({ ...base, pattern: { regex: '^\\d+$', what: 'a number', example: 'abc' } }).success).toBe(false);
  });
});

describe('first questions', () => {
  it('come before the direction and every common question', () => {
    const recipe = testRecipe({
      questions: [
        { id: 'later', prompt: 'Later', kind: 'text' },
        { id: 'path', prompt: 'Path', kind: 'select', choices: [{ value: 'a', label: 'A' }], first: true },
      ],
    });
    const ids = questionsFor(recipe).map((q) => q.id);
    expect(ids[0]).toBe('path');
    expect(ids.indexOf('later')).toBeGreaterThan(ids.indexOf('did'));
  });
});

describe('numberForms', () => {
  it('lists E.164, the national dialling form and the bare national number', () => {
    expect(numberForms('+918012345678')).toEqual(['+918012345678', '08012345678', '8012345678']);
    expect(numberForms('+919876543210')).toEqual(['+919876543210', '09876543210', '9876543210']);
  });
});
