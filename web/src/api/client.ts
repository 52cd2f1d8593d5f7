// The one API client: same-origin JSON calls with the session cookie, and the one error shape turned into ApiError.
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type QueryParams = Record<string, string | number | undefined | null>;

let onUnauthenticated: () => void = () => undefined;
/** the session layer signs the user out when any call finds the session gone */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function withQuery(path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (body.error?.message) return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
  } catch {
    // not JSON: a proxy or the network answered; fall through to a generic error
  }
  return new ApiError(res.status, res.status === 404 ? 'not_found' : 'http_error', `HTTP ${res.status} ${res.statusText}`.trim());
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      signal,
      headers: body === undefined || isForm ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 401 && !path.startsWith('/api/auth/login')) onUnauthenticated();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) => request<T>('GET', withQuery(path, params), undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

/** follows nextCursor until the end (or `cap` rows), telling `onPage` the rows so far while more are coming: for directories and the pipeline board */
export async function fetchAll<T>(path: string, params: QueryParams = {}, cap = 5000, signal?: AbortSignal, onPage?: (soFar: T[]) => void): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...params, limit: 200, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor && onPage) onPage([...items]);
  } while (cursor && items.length < cap);
  return { items, truncated: cursor !== null };
}
