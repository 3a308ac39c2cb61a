/**
 * Which plan step an HTTP call belongs to, so a retry notice from the shared client ("rate limited,
 * retrying in 2 s") is shown against the right step.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RetryInfo } from './types.js';

export const stepContext = new AsyncLocalStorage<{ stepId: string; onRetry: (info: RetryInfo) => void }>();

/** Pass as ExotelClientConfig.onRetry. */
export function routeRetry(info: RetryInfo): void {
  stepContext.getStore()?.onRetry(info);
}
