import { Box, useInput } from 'ink';
import { Secret } from '../../core/engine/light.js';
import { questionsFor } from '../../core/engine/index.js';
import type { AnswerValue, Question } from '../../core/engine/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { Select } from '../components/Select.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { truncate, wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { offerAnswer, offerView } from '../../present/partner-offer.js';
import { PARTNER_API_ROW, type Flow } from '../state/wizard-reducer.js';

/** The prompt cut to a label: no parenthesis, no "e.g." tail ("Exotel phone number"). */
export function shortPrompt(q: Question): string {
  return q.prompt.replace(/\s*\([^)]*\)/g, '').replace(/,?\s+(e\.g\.|if any|if it gave you any).*$/i, '').replace(/[?:]$/, '').trim();
}

const SOURCE: Record<string, string> = { flag: ' (flag)', file: ' (answers file)', env: ' (environment)', generated: ' (generated)', state: ' (kept)' };

/** An answer as the review shows it: the choice's label, Yes / No, a list joined, a secret masked. */
export function shownAnswer(q: Question, v: AnswerValue | undefined, secret: boolean): string {
  if (secret) return Secret.mask;
  if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) return '(none)';
  if (q.kind === 'confirm') return v === true || v === 'true' ? 'Yes' : 'No';
  if (q.kind === 'select') return q.choices?.find((c) => c.value === v)?.label.replace(/\s*\(.*$/, '') ?? String(v);
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** Every answer, before the rules and the plan: Enter on one changes it; the first row goes on. */
export function ReviewScreen({ flow, onContinue, onEdit, onBack }: { flow: Flow; onContinue: () => void; onEdit: (id: string) => void; onBack: () => void }) {
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((_i, key) => key.escape && onBack());
  const a = flow.answers;
  const answered = questionsFor(flow.recipe).filter((q) => q.id in a.values || q.id in a.secrets);
  const labelWidth = Math.min(40, Math.floor(width * 0.5), Math.max(...answered.map((q) => shortPrompt(q).length)) + 2);
  const items = [
    { key: '__continue', label: 'Continue: check these answers and see the plan', value: '' },
    ...answered.map((q) => ({
      key: q.id,
      label: `${truncate(shortPrompt(q), labelWidth - 2).padEnd(labelWidth)}${shownAnswer(q, a.values[q.id], q.id in a.secrets)}${SOURCE[a.sources[q.id] ?? ''] ?? ''}`,
      value: q.id,
    })),
    // the partner's API, when it was offered (issue 17): changed here like an answer
    ...(flow.partnerOffer && flow.partnerApi !== undefined
      ? [{ key: PARTNER_API_ROW, label: `${offerView(flow.partnerOffer).reviewLabel.padEnd(labelWidth)}${offerAnswer(flow.partnerOffer, flow.partnerApi)}`, value: PARTNER_API_ROW }]
      : []),
  ];
  const title = wrapText(paint('bold', `Review: ${flow.recipe.title}, ${answered.length} answers`), width);
  const room = height - title.length - 2;
  return (
    <Box flexDirection="column">
      <Lines lines={title} />
      <Select items={items} limit={items.length <= room ? items.length : Math.max(3, room - 2)} onSelect={(i) => (i.value ? onEdit(i.value) : onContinue())} />
      <KeyHints hints={['Enter: continue, or change the answer picked', 'Esc: back', 'Ctrl-C: quit']} />
    </Box>
  );
}
