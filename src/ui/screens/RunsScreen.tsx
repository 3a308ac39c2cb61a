import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { useRoom } from '../components/ui-context.js';
import type { RunState } from '../../core/engine/types.js';
import type { RunAction } from '../state/wizard-reducer.js';
import { isPartnerId, PARTNER_TITLES } from '../../core/engine/light.js';

export type RunChoice = { action: RunAction; recipeId: string } | { action: 'new' } | { action: 'quit' } | { action: 'verify-all' };

/** A finished run with no trunk: Rapida's native path and the like. Nothing at Exotel to verify or repair. */
export const isTrunkless = (r: RunState) => !!r.appliedAt && !r.trunkSid;

/** The partner whose side exotrunk made through its API for this run (issue 17), by its title. */
function partnerMade(r: RunState): string | undefined {
  const p = r.partner;
  return p && Object.keys(p.ids).length ? (isPartnerId(p.id) ? PARTNER_TITLES[p.id] : p.id) : undefined;
}

function runLine(r: RunState): string {
  const what = isTrunkless(r) ? 'no Exotel trunk' : `trunk ${r.trunkSid ?? '(not created yet)'}`;
  const partner = partnerMade(r);
  return `${r.recipeId} (${r.direction}), ${what}${partner ? ` + ${partner} through its API` : ''}${r.appliedAt ? '' : ', not finished'}`;
}

/** What can be done with one run, by its kind. */
export function actionsFor(r: RunState): { key: string; label: string; value: RunChoice }[] {
  const id = r.recipeId;
  const v = (action: RunAction) => ({ action, recipeId: id });
  const partner = partnerMade(r);
  const against = partner ? `against Exotel and ${partner}` : 'against Exotel';
  const deletes = partner ? `delete its ${partner} side, then its trunk` : 'delete its trunk';
  if (!r.appliedAt) {
    // unfinished: finishing comes first, and its configs would name resources not created yet
    return [
      { key: 'a', label: `Finish setting up ${id} (apply the steps that remain)`, value: v('reapply') },
      { key: 'v', label: `Verify ${id} ${against}`, value: v('verify') },
      { key: 't', label: `Tear down ${id} (${deletes})`, value: v('teardown') },
    ];
  }
  if (isTrunkless(r)) {
    return [
      { key: 'r', label: `Re-render the ${id} configs`, value: v('rerender') },
      { key: 't', label: `Forget ${id} here (it has no Exotel trunk)`, value: v('teardown') },
    ];
  }
  return [
    { key: 'v', label: `Verify ${id} ${against}`, value: v('verify') },
    { key: 'a', label: `Re-apply ${id} (repair drift)`, value: v('reapply') },
    { key: 'r', label: `Re-render the ${id} configs`, value: v('rerender') },
    { key: 't', label: `Tear down ${id} (${deletes})`, value: v('teardown') },
  ];
}

/**
 * The runs the journal knows here, one row each, with "Set up a new partner" first; a run opens a short menu
 * of what can be done with it. "Verify all" checks every trunk at once.
 */
export function RunsScreen({ runs, onChoose }: { runs: RunState[]; onChoose: (c: RunChoice) => void }) {
  const { height } = useRoom();
  const [open, setOpen] = useState<string>();
  const run = runs.find((r) => r.recipeId === open);
  useInput((input, key) => {
    if (run && (key.escape || input === 'q')) setOpen(undefined);
    else if (!run && input === 'q') onChoose({ action: 'quit' });
  });
  if (run) {
    const items = [...actionsFor(run), { key: 'back', label: 'Back to the list', value: undefined }];
    return (
      <Box flexDirection="column">
        <Text bold wrap="truncate-end">
          {runLine(run)}
        </Text>
        <Select key={`run-${run.recipeId}`} items={items} onSelect={(i) => (i.value ? onChoose(i.value) : setOpen(undefined))} />
        <KeyHints hints={['Enter: choose', 'Esc: back to the list']} />
      </Box>
    );
  }
  const withTrunk = runs.filter((r) => r.trunkSid);
  const items: { key: string; label: string; value: string }[] = [
    { key: 'new', label: 'Set up a new partner', value: 'new' },
    ...runs.map((r) => ({ key: `run-${r.recipeId}`, label: runLine(r), value: r.recipeId })),
    ...(withTrunk.length > 1 ? [{ key: 'verify-all', label: `Verify all ${withTrunk.length} trunks against Exotel`, value: 'verify-all' }] : []),
    { key: 'quit', label: 'Quit', value: 'quit' },
  ];
  const limit = items.length + 2 <= height ? items.length : Math.max(3, height - 4);
  return (
    <Box flexDirection="column">
      <Text bold>Already set up here ({runs.length === 1 ? '1 partner' : `${runs.length} partners`}):</Text>
      <Select
        key="runs"
        items={items}
        limit={limit}
        onSelect={(i) => {
          if (i.value === 'new' || i.value === 'quit' || i.value === 'verify-all') onChoose({ action: i.value });
          else setOpen(i.value);
        }}
      />
      <KeyHints hints={['Enter: choose', 'q: quit']} />
    </Box>
  );
}
