/**
 * Display settings every component reads: colour (off under NO_COLOR), a fixed spinner glyph so test
 * frames are deterministic, and (for tests) a fixed terminal size.
 */
import { createContext, useContext } from 'react';
import { painter, type Paint } from '../layout/lines.js';

export interface UiSettings {
  color: boolean;
  staticSpinner: boolean;
  /** the terminal size to lay out for, instead of the output stream's (tests) */
  size?: { columns: number; rows: number };
}

export const UiContext = createContext<UiSettings>({ color: true, staticSpinner: false });

export const useUi = () => useContext(UiContext);

/** A colour prop, or undefined when colour is off (NO_COLOR), so Ink emits no escape codes at all. */
export function useColor(): (c: string) => string | undefined {
  const { color } = useUi();
  return (c) => (color ? c : undefined);
}

/** ANSI styling for pre-wrapped lines, following the colour setting. */
export function usePaint(): Paint {
  return painter(useUi().color);
}

export const uiSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): UiSettings => ({
  color: !env.NO_COLOR, // no-color.org: set and not empty
  staticSpinner: env.EXOTRUNK_STATIC_SPINNER === '1',
});

/**
 * The room a screen has below the header: `width` columns (one short of the terminal's, see use-columns) and
 * `height` rows (the terminal's, less the header and the one row Ink needs to keep a frame from being treated
 * as full-screen).
 */
export interface Room {
  width: number;
  height: number;
}
export const RoomContext = createContext<Room>({ width: 79, height: 20 });
export const useRoom = () => useContext(RoomContext);
