/**
 * A plan step as it runs, in words both front ends use: the headless commands print a line per event, the
 * wizard redraws a line per step, and both say the same thing (the glyph, the title, then what happened).
 * Generic over step kinds: a step says what it does (its title) and what kind of change it is (its effect).
 */
import type { ApplyEvent, StepEffect } from '../core/engine/types.js';
import { retryText } from './retry.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'exists' | 'failed' | 'skipped';

/** What is known of one step from its events so far. */
export interface StepProgress {
  status: StepStatus;
  ms?: number;
  detail?: string;
  /** the latest retry notice ("rate limited, retrying in 2.0 s (attempt 2 of 5)") */
  notice?: string;
}

/** The step after one more of its events. */
export function stepProgress(p: StepProgress | undefined, e: ApplyEvent): StepProgress {
  switch (e.type) {
    case 'started':
      return { status: 'running' };
    case 'retrying':
      return { ...(p ?? { status: 'running' }), notice: retryText(e) };
    case 'done':
      return { status: 'done', ms: e.ms, detail: e.detail };
    case 'exists':
      return { status: 'exists', ms: e.ms, detail: e.detail };
    case 'failed':
      return { status: 'failed', ms: e.ms, detail: e.message };
    case 'skipped':
      return { status: 'skipped', detail: e.reason };
  }
}

/** Every step's progress after a run's events. */
export function progressOf(events: ApplyEvent[]): Record<string, StepProgress> {
  const p: Record<string, StepProgress> = {};
  for (const e of events) p[e.stepId] = stepProgress(p[e.stepId], e);
  return p;
}

/** Steps that got what they asked for: made now, or found already so. */
export const stepsDone = (steps: { id: string }[], progress: Record<string, StepProgress>): number =>
  steps.filter((s) => progress[s.id]?.status === 'done' || progress[s.id]?.status === 'exists').length;

/** Nothing to do because it already was so: a create finds its item, a delete finds it gone. */
const ALREADY: Record<StepEffect, string> = { create: 'already existed', change: 'already so', delete: 'already gone' };

export type Tone = 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

export interface StepWords {
  glyph: string;
  tone: Tone;
  title: string;
  /** after the title, dimmed: what happened, and how long it took */
  tail: string;
}

/** One step in words: "✓ Whitelist 44.248.146.11/32" + "already existed · id 1153 · 12 ms". */
export function stepWords(title: string, p: StepProgress, effect: StepEffect = 'create'): StepWords {
  const ms = p.ms === undefined ? [] : [`${p.ms} ms`];
  const join = (...parts: (string | undefined)[]) => parts.filter((x) => x).join(' · ');
  switch (p.status) {
    case 'pending':
      return { glyph: '·', tone: 'dim', title, tail: '' };
    case 'running':
      return { glyph: '…', tone: 'cyan', title, tail: p.notice ? `↻ ${p.notice}` : '' };
    case 'done':
      return { glyph: '✓', tone: 'green', title, tail: join(p.detail, ...ms) };
    case 'exists':
      return { glyph: '✓', tone: 'green', title, tail: join(ALREADY[effect], p.detail, ...ms) };
    case 'failed':
      return { glyph: '✗', tone: 'red', title, tail: join(`failed: ${p.detail ?? ''}`, ...ms) };
    case 'skipped':
      return { glyph: '-', tone: 'yellow', title, tail: `skipped (${p.detail ?? ''})` };
  }
}

/** One event as a line (the headless commands print one per event; the wizard shows the same words per step). */
export function eventWords(e: ApplyEvent, title: string, effect: StepEffect = 'create'): StepWords & { cause?: string; fix?: string } {
  if (e.type === 'retrying') return { glyph: '↻', tone: 'yellow', title, tail: retryText(e) };
  const w = stepWords(title, stepProgress(undefined, e), effect);
  return e.type === 'failed' ? { ...w, cause: e.cause, fix: e.fix } : w;
}
