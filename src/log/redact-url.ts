// Hides the secrets a URL can carry before it is shown or logged anywhere (logs, command output,
// stored feed errors, chat): the userinfo (user:password@) and the values of query parameters whose
// names look secret (key, token, secret, password, sig, auth, …). The rest of the URL stays readable.

const REDACTED = '[redacted]';
const SECRET_PARAM = /(?:^|[_.-])(?:key|apikey|api[_-]?key|token|secret|pass|passwd|password|pwd|sig|signature|auth|authorization|session|sessionid|credentials?|access[_-]?token|client[_-]?secret|code)$|^(?:key|token|secret|password|sig|signature|auth|apikey|api_key|access_token|x-amz-signature|x-amz-credential|x-amz-security-token)$/i;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** The URL with its userinfo and secret-looking query values replaced; text that is not a URL comes back unchanged. */
export function redactUrl(text: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(text);
  if (scheme === null) return text;
  const [, prefix = '', authority = '', rest = ''] = scheme;
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? `${REDACTED}@${authority.slice(at + 1)}` : authority;
  return prefix + host + redactQuery(rest);
}

/** Every URL inside `text` (an error message, a log line) redacted as redactUrl does. */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

function redactQuery(pathQueryFragment: string): string {
  const q = pathQueryFragment.indexOf('?');
  if (q < 0) return pathQueryFragment;
  const hash = pathQueryFragment.indexOf('#', q);
  const end = hash < 0 ? pathQueryFragment.length : hash;
  const params = pathQueryFragment.slice(q + 1, end).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    let name = pair.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // keep it as written
    }
    return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
  });
  return `${pathQueryFragment.slice(0, q)}?${params.join('&')}${pathQueryFragment.slice(end)}`;
}
