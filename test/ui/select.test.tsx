/**
 * The pick list. The case that matters: several keys in one read (a held arrow key, a paste, a fast typist)
 * must each count; ink-select-input moved one row for five ↓ in one chunk.
 */
import { describe, expect, it, vi } from 'vitest';
import { scrollTop, Select } from '../../src/ui/components/Select.js';
import { renderUi, tick, waitForFrame } from './helpers.js';
import { DOWN, ENTER, UP } from './keys.js';

const items = Array.from({ length: 8 }, (_, i) => ({ label: `item ${i + 1}`, value: i + 1 }));
const cursorRow = (frame: string) => frame.split('\n').find((l) => l.startsWith('❯'));

describe('Select', () => {
  it('counts every key of a burst: five ↓ in one write move five rows, and Enter in the same write picks that row', async () => {
    const onSelect = vi.fn();
    const r = renderUi(<Select items={items} onSelect={onSelect} />);
    await waitForFrame(r.lastFrame, '❯ item 1');
    await tick();
    r.stdin.write(DOWN.repeat(5));
    expect(cursorRow(await waitForFrame(r.lastFrame, '❯ item 6'))).toBe('❯ item 6');
    r.stdin.write(UP + UP + ENTER);
    await tick();
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect.mock.calls[0]![0].value).toBe(4);
  });

  it('wraps at both ends', async () => {
    const r = renderUi(<Select items={items} onSelect={() => {}} />);
    await waitForFrame(r.lastFrame, '❯ item 1');
    await tick();
    r.stdin.write(UP);
    await waitForFrame(r.lastFrame, '❯ item 8');
    r.stdin.write(DOWN);
    await waitForFrame(r.lastFrame, '❯ item 1');
  });

  it('with a limit, scrolls to keep the cursor in view and says how many rows are hidden', async () => {
    const r = renderUi(<Select items={items} onSelect={() => {}} limit={3} />);
    let f = await waitForFrame(r.lastFrame, '❯ item 1');
    expect(f).toContain('↓ 5 more');
    expect(f).not.toContain('item 4');
    await tick();
    r.stdin.write(DOWN.repeat(4));
    f = await waitForFrame(r.lastFrame, '❯ item 5');
    expect(f).toContain('↑ 2 more');
    expect(f).toContain('↓ 3 more');
    expect(f).not.toContain('item 2');
  });

  it('starts on initialIndex, and a digit picks that visible row', async () => {
    const onSelect = vi.fn();
    const r = renderUi(<Select items={items} onSelect={onSelect} initialIndex={6} limit={4} />);
    const f = await waitForFrame(r.lastFrame, '❯ item 7');
    expect(f).toContain('↑ 3 more'); // rows 4–7 shown
    await tick();
    r.stdin.write('1');
    await tick();
    expect(onSelect.mock.calls[0]![0].value).toBe(4);
  });

  it('a new list in the same place starts again from its own initial row', async () => {
    const r = renderUi(<Select items={items} onSelect={() => {}} />);
    await waitForFrame(r.lastFrame, '❯ item 1');
    await tick();
    r.stdin.write(DOWN.repeat(3));
    await waitForFrame(r.lastFrame, '❯ item 4');
    const other = [{ label: 'yes', value: 'y' }, { label: 'no', value: 'n' }];
    r.rerender(<Select items={other} onSelect={() => {}} initialIndex={1} />);
    expect(cursorRow(await waitForFrame(r.lastFrame, '❯ no'))).toBe('❯ no');
  });

  it('scrollTop moves the window as little as possible', () => {
    expect(scrollTop(0, 0, 3, 8)).toBe(0);
    expect(scrollTop(3, 0, 3, 8)).toBe(1);
    expect(scrollTop(7, 1, 3, 8)).toBe(5);
    expect(scrollTop(2, 5, 3, 8)).toBe(2);
    expect(scrollTop(5, 0, 10, 8)).toBe(0);
  });
});

describe('the partner list', () => {
  it('keeps every summary in one column, whatever the partner name', async () => {
    const { listRecipes } = await import('../../src/core/recipes/loader.js');
    const { recipeLabels } = await import('../../src/ui/screens/PickRecipeScreen.js');
    const recipes = listRecipes();
    const labels = recipeLabels(recipes, 120);
    expect(labels.length).toBeGreaterThan(5);
    // every summary starts in the same column, with at least two spaces after the longest name
    const col = labels[0]!.indexOf(recipes[0]!.summary.slice(0, 10), 1);
    for (const [i, l] of labels.entries()) {
      expect(l.indexOf(recipes[i]!.summary.slice(0, 10), 1), l).toBe(col);
      expect(l.slice(col - 2, col), l).toBe('  ');
    }
    expect(labels.find((l) => l.startsWith('Smallest AI'))).toMatch(/^Smallest AI Import SIP {2,}Atoms/);
    // and at 80 columns nothing is longer than the screen
    for (const l of recipeLabels(recipes, 79)) expect(l.length).toBeLessThanOrEqual(77);
  });
});
