// Turns a Node network error (DNS, TCP, TLS, HTTP parsing) into the one-line reason stored as
// a feed's last error, e.g. "connection refused (127.0.0.1:1234)". Used by fetch-feed.ts.

interface SystemErrorFields {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
}

export function describeNetworkError(error: unknown, url: URL): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as SystemErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : '';
  const endpoint =
    typeof fields.address === 'string' ? `${fields.address}${typeof fields.port === 'number' ? `:${fields.port}` : ''}` : url.host;
  const message = oneLine(error instanceof Error ? error.message : String(error));

  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
    case 'EAI_NONAME': {
      const host = typeof fields.hostname === 'string' ? fields.hostname : url.hostname;
      return `DNS lookup failed for host ${host}${code === 'ENOTFOUND' ? '' : ` (${code})`}`;
    }
    case 'ECONNREFUSED':
      return `connection refused (${endpoint})`;
    case 'ECONNRESET':
      return `connection reset by ${endpoint}`;
    case 'EPIPE':
      return `connection closed by ${endpoint}`;
    case 'ETIMEDOUT':
      return `connection timed out (${endpoint})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${endpoint})`;
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return `connection to ${url.host} closed before the body was complete`;
  }
  if (code.startsWith('HPE_')) return `invalid HTTP response from ${url.host}: ${message}`;
  if (code.startsWith('ERR_TLS_') || code.includes('CERT') || code.startsWith('ERR_SSL_')) {
    return `TLS error with ${url.host}: ${message}`;
  }
  if (message === 'aborted') return `connection to ${url.host} closed before the body was complete`;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
