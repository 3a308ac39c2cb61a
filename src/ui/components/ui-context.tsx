/**
 * Display settings every component reads: colour (off under NO_COLOR) and a fixed spinner glyph so test
 * frames are deterministic.
 */
import { createContext, useContext } from 'react';

export interface UiSettings {
  color: boolean;
  staticSpinner: boolean;
}

export const UiContext = createContext<UiSettings>({ color: true, staticSpinner: false });

export const useUi = () => useContext(UiContext);

/** A colour prop, or undefined when colour is off (NO_COLOR), so Ink emits no escape codes at all. */
export function useColor(): (c: string) => string | undefined {
  const { color } = useUi();
  return (c) => (color ? c : undefined);
}

export const uiSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): UiSettings => ({
  color: !env.NO_COLOR, // no-color.org: set and not empty
  staticSpinner: env.EXOTRUNK_STATIC_SPINNER === '1',
});
