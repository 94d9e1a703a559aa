// One spelling per article URL, so the same story linked two ways is one item: absolute http(s),
// lower-case host, no default port, no fragment, no tracking parameters (others kept in order).

/**
 * Query parameters that only track the click, never select content. Matched case-insensitively;
 * entries ending in "*" are prefixes. Sources: Google Analytics/Ads (utm_*, gclid, dclid, gbraid,
 * wbraid, _ga, _gl), Facebook/Instagram (fbclid, igshid), Microsoft (msclkid, ocid), Mailchimp
 * (mc_cid, mc_eid), AT Internet (xtor, at_*), comScore (ns_*), HubSpot (_hsenc, _hsmi), Marketo
 * (mkt_tok), Yandex (yclid), TikTok/Twitter (ttclid, twclid), LinkedIn (li_fat_id), and the news
 * sites' own campaign tags (Webtrekk wt_mc, cmpid, CMP, smid, sr_share, guccounter, ito).
 */
export const TRACKING_PARAMETERS: readonly string[] = [
  'utm_*', 'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid',
  'xtor', 'at_medium', 'at_campaign', 'at_custom*', 'ocid', 'cmpid', 'cmp', '_ga', '_gl', 'igshid',
  'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', '_hsenc', '_hsmi',
  'mkt_tok', 'wt_mc', 'wt_zmc', 'wt.mc_id', 'yclid', 'ttclid', 'twclid', 'li_fat_id', 'smid', 'sr_share', 'guccounter', 'ito',
];

const EXACT = new Set(TRACKING_PARAMETERS.filter((p) => !p.endsWith('*')));
const PREFIXES = TRACKING_PARAMETERS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));

/** Canonical form of `href` (resolved against `base`), or null when it is not an http(s) URL. */
export function canonicalLink(href: string, base?: string): string | null {
  let url: URL;
  try {
    // A base that is not a URL (a feed read from a local path) cannot resolve anything: ignore it.
    url = new URL(href.trim(), base !== undefined && URL.canParse(base) ? base : undefined);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  // WHATWG URL parsing already lower-cases the host and drops the scheme's default port.
  url.hash = '';
  // Filter the raw query text rather than URLSearchParams, which would re-encode what it keeps.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(parameterName(pair)));
  url.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return url.href;
}

function parameterName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

function isTracking(name: string): boolean {
  return EXACT.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix));
}
