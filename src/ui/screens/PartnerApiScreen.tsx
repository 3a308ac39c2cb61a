import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { Secret } from '../../core/engine/light.js';
import type { PartnerOffer } from '../../core/engine/types.js';
import { keepQuestion, keyPrompt, offerView, type OfferChoice } from '../../present/partner-offer.js';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { Select } from '../components/Select.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { truncate, wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';

/** What the offer comes to: use the partner's API or not; keys typed here (and whether to keep them in the profile). */
export interface PartnerApiChoice {
  use: boolean;
  keys?: Record<string, string>;
  save?: boolean;
}

export interface PartnerApiProps {
  offer: PartnerOffer;
  recipeTitle: string;
  /** the answer before (a change from the review): its choice is highlighted */
  previous?: boolean;
  /** the profiles file, named when typed keys can be kept there */
  profilesFile: string;
  /** the typed keys' shape, checked before anything is sent: the problems, each naming the variable */
  check: (keys: Record<string, string>) => string[];
  onDone: (c: PartnerApiChoice) => void;
  onBack: () => void;
}

/** attempt: how many times the keys were refused, so a field typed again starts empty */
type Stage = { tag: 'choose' } | { tag: 'enter'; field: number; problems?: string[]; attempt?: number } | { tag: 'keep' };

/**
 * The partner's API, offered where the answers are asked: "Also create the LiveKit trunks? LIVEKIT_API_KEY
 * found …", yes (the default when usable keys are found) or no (the config to paste, as without keys). Without
 * keys, they can be typed here, one at a time and hidden (never shown, never in the state file), and kept in the
 * 0600 profile in use once the partner accepts them.
 */
export function PartnerApiScreen(props: PartnerApiProps) {
  const { offer } = props;
  const paint = usePaint();
  const { width } = useRoom();
  const v = offerView(offer);
  const [stage, setStage] = useState<Stage>({ tag: 'choose' });
  const [keys, setKeys] = useState<Record<string, string>>({});
  useInput((_i, key) => {
    if (!key.escape) return;
    if (stage.tag === 'choose') props.onBack();
    else if (stage.tag === 'enter' && stage.field > 0) setStage({ tag: 'enter', field: stage.field - 1 });
    else if (stage.tag === 'keep') setStage({ tag: 'enter', field: offer.fields.length - 1 });
    else setStage({ tag: 'choose' });
  });
  const head = [paint('dim', truncate(`After the questions · ${props.recipeTitle}`, width)), ...wrapText(paint('bold', v.question), width)];
  const what = wrapText(paint('dim', v.what), width);

  if (stage.tag === 'choose') {
    const choose = (c: OfferChoice) => (c === 'enter' ? setStage({ tag: 'enter', field: 0 }) : props.onDone({ use: c === 'yes' }));
    const initial = props.previous === undefined ? 0 : Math.max(0, v.choices.findIndex((c) => c.value === (props.previous ? 'yes' : 'no')));
    return (
      <Box flexDirection="column">
        <Lines lines={head} />
        {v.found ? <Lines lines={wrapText(v.found, width)} /> : null}
        <Lines lines={what} />
        {v.problems.length ? <Lines lines={v.problems.flatMap((p) => wrapText(paint('yellow', p), width, { first: paint('yellow', '✗ '), indent: 2 }))} /> : null}
        {v.warning ? <Lines lines={wrapText(paint('yellow', v.warning), width, { first: paint('yellow', '! '), indent: 2 })} /> : null}
        <Select items={v.choices.map((c) => ({ key: c.value, label: c.label, value: c.value }))} initialIndex={initial} onSelect={(i) => choose(i.value)} />
        <KeyHints hints={['Enter: choose', 'Esc: back', 'Ctrl-C: quit']} />
      </Box>
    );
  }

  const typed = offer.fields.filter((f) => keys[f.name] !== undefined && (stage.tag === 'keep' || offer.fields.indexOf(f) < stage.field));
  const typedLines = typed.map((f) => paint('dim', truncate(`${f.name}: ${f.secret ? Secret.mask : keys[f.name]}`, width)));

  if (stage.tag === 'keep') {
    const k = keepQuestion(offer, props.profilesFile);
    const done = (save: boolean) => props.onDone({ use: true, keys, save });
    return (
      <Box flexDirection="column">
        <Lines lines={head} />
        <Lines lines={typedLines} />
        {k.question ? (
          <>
            <Lines lines={wrapText(k.question, width)} />
            <Select
              items={[
                { key: 'keep', label: `Yes, keep them in profile ${offer.profile}`, value: true },
                { key: 'session', label: 'No, use them for this session only', value: false },
              ]}
              onSelect={(i) => done(i.value)}
            />
          </>
        ) : (
          <>
            <Lines lines={wrapText(k.note!, width)} />
            <Select items={[{ key: 'go', label: 'Continue', value: false }]} onSelect={() => done(false)} />
          </>
        )}
        <KeyHints hints={['Enter: choose', 'Esc: back one field']} />
      </Box>
    );
  }

  const field = offer.fields[stage.field]!;
  const submit = (raw: string) => {
    const value = raw.trim();
    if (!value) return;
    const next = { ...keys, [field.name]: value };
    setKeys(next);
    if (stage.field + 1 < offer.fields.length) return setStage({ tag: 'enter', field: stage.field + 1, attempt: stage.attempt });
    const problems = props.check(next);
    // a refused shape: typed again from the first field that is wrong, the others kept
    if (problems.length) {
      const first = Math.max(0, offer.fields.findIndex((f) => problems.some((p) => p.startsWith(f.name))));
      return setStage({ tag: 'enter', field: first, problems, attempt: (stage.attempt ?? 0) + 1 });
    }
    setStage({ tag: 'keep' });
  };
  return (
    <Box flexDirection="column">
      <Lines lines={head} />
      <Lines lines={typedLines} />
      {stage.problems ? <Lines lines={stage.problems.flatMap((p) => wrapText(paint('yellow', p), width, { first: paint('yellow', '✗ '), indent: 2 }))} /> : null}
      <Lines lines={wrapText(keyPrompt(field.name), width)} />
      <Box>
        <Text>{field.name}: </Text>
        <LineInput key={`${field.name}-${stage.attempt ?? 0}`} onSubmit={submit} mask={field.secret ? '*' : undefined} />
      </Box>
      <KeyHints hints={['Enter: next', stage.field ? 'Esc: back one field' : 'Esc: back to the choice']} />
    </Box>
  );
}
