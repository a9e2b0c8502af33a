import { currentToken } from './auth.js';

// Calls the gateway's public API (same origin unless apiBaseUrl says otherwise) as the signed-in user.
export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl || '';
  }

  async call(method, path, body) {
    const token = currentToken();
    if (!token) throw new SignInNeeded();
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${token.accessToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await response.json().catch(() => null) : null;
    return { status: response.status, ok: response.ok, body: json, retryAfter: response.headers.get('Retry-After') };
  }

  placeOrder(customerId, sku, quantity) {
    return this.call('POST', '/api/orders', { customerId, items: [{ sku, quantity }] });
  }

  setStock(sku, available) {
    return this.call('PUT', `/api/inventory/${encodeURIComponent(sku)}`, { available });
  }

  cancel(orderId) {
    return this.call('POST', `/api/orders/${encodeURIComponent(orderId)}/cancel`);
  }

  /** N orders over K customers (c-1…c-K, round robin), at most 8 in flight; counts the answers by status. */
  async burst(count, customers, sku, onProgress) {
    const statuses = {};
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const result = await this.placeOrder(`c-${(i % customers) + 1}`, sku, 1);
        statuses[result.status] = (statuses[result.status] || 0) + 1;
        onProgress?.(i + 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
    return statuses;
  }
}

export class SignInNeeded extends Error {
  constructor() {
    super('sign in first: the API needs a bearer token');
  }
}

export function describe(result) {
  if (result.ok) return null;
  const problem = result.body || {};
  return `${result.status} ${problem.title || ''}${problem.detail ? `: ${problem.detail}` : ''}`
    + (result.retryAfter ? ` (retry after ${result.retryAfter} s)` : '');
}
