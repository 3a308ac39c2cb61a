import { Select } from './Select.js';
import type { Question } from '../../core/engine/types.js';

export const choiceItems = (q: Question): { key: string; label: string; value: string | boolean }[] =>
  q.kind === 'confirm'
    ? [
        { key: 'yes', label: 'Yes', value: true },
        { key: 'no', label: 'No', value: false },
      ]
    : (q.choices ?? []).map((c) => ({ key: c.value, label: c.label, value: c.value }));

/** A select or yes/no question: arrows and Enter, the default highlighted. */
export function ChoiceAnswer({ q, def, limit = 10, onSubmit }: { q: Question; def?: string | boolean; limit?: number; onSubmit: (v: string | boolean) => void }) {
  const items = choiceItems(q);
  const initialIndex = Math.max(0, items.findIndex((i) => i.value === def));
  return <Select items={items} initialIndex={initialIndex} onSelect={(i) => onSubmit(i.value)} limit={limit} />;
}
