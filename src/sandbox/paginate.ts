/**
 * Offset pagination as Exotel does it: `offset` and `page_size` query parameters, and metadata with
 * first/prev/next page URIs; next_page_uri is null on the last page.
 */
import { E, list, okItem, type Reply } from './envelope.js';

export interface PageRequest {
  method: string;
  /** the resource path without query, e.g. /v2/accounts/a/trunks/t/phone-numbers */
  path: string;
  query: URLSearchParams;
  defaultPageSize: number;
}

const MAX_PAGE_SIZE = 1000;

function intParam(query: URLSearchParams, name: string): number | undefined | 'bad' {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : 'bad';
}

export function paginate(
  req: PageRequest,
  items: unknown[],
  opts: { extraMetadata?: (pageSize: number, offset: number) => Record<string, unknown> } = {},
): Reply {
  const offset = intParam(req.query, 'offset') ?? 0;
  const pageSize = intParam(req.query, 'page_size') ?? req.defaultPageSize;
  if (offset === 'bad') return E.invalid(req.method, 'offset must be a non-negative integer');
  if (pageSize === 'bad' || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return E.invalid(req.method, `page_size must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  const uri = (o: number) => `${req.path}?offset=${o}&page_size=${pageSize}`;
  const metadata = {
    ...opts.extraMetadata?.(pageSize, offset),
    page_size: pageSize,
    first_page_uri: uri(0),
    prev_page_uri: offset > 0 ? uri(Math.max(0, offset - pageSize)) : null,
    next_page_uri: offset + pageSize < items.length ? uri(offset + pageSize) : null,
  };
  return list(req.method, items.slice(offset, offset + pageSize).map(okItem), metadata);
}
