import type { Engine } from '../engine/engine.js';
import { REGION_BASE_URL } from '../exotel/types.js';

/**
 * The base URL a curl export defaults to: the account's API, or for the embedded sandbox (whose port dies with
 * this process) the India API, so the script is one EXOTEL_BASE_URL away from either. Kept apart from curl.ts,
 * which the wizard loads only when asked for.
 */
export const curlBaseUrl = (e: Pick<Engine, 'mode' | 'client'>): string => (e.mode === 'sandbox' ? REGION_BASE_URL.in : e.client.baseUrl);
