// The shared nouns of the pipeline: a feed item before and after normalisation.
// Imports nothing; every stage speaks these types.

/** An item as a feed format gives it, before any cleaning (fields may hold HTML). */
export interface RawItem {
  readonly guid: string | null;
  readonly title: string | null;
  readonly link: string | null;
  /** Full content (HTML allowed), e.g. content:encoded, Atom content, JSON content_html. */
  readonly content: string | null;
  /** Short description (HTML allowed), e.g. RSS description, Atom summary. */
  readonly summary: string | null;
  /** The date string as the feed gave it (pubDate, updated, date_published…). */
  readonly published: string | null;
  readonly author: string | null;
  readonly categories: readonly string[];
}

/** A feed as parsed from one document. */
export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  readonly title: string | null;
  readonly link: string | null;
  readonly items: readonly RawItem[];
}

/** A normalised item: plain text, canonical link, stable key, UTC date. */
export interface Item {
  /** Stable identity within its feed: guid, else canonical link, else a hash of title + date. */
  readonly key: string;
  readonly title: string;
  /** Plain text, paragraphs separated by "\n". */
  readonly body: string;
  /** Canonical link (lower-case host, no fragment, no tracking parameters), or null. */
  readonly link: string | null;
  readonly published: Date;
  /** True when the feed gave no usable date and `published` is the fetch time. */
  readonly publishedEstimated: boolean;
  /** Feed title (or host when the feed has none). */
  readonly source: string;
}
