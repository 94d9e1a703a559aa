// What a slash command answers, platform-neutral: the Discord and Slack front ends render it
// as embeds or Block Kit, escaping all text themselves. Limits: docs/chat-limits.md.

/** A run of text, highlighted when a rule term matched it. */
export interface Segment {
  readonly text: string;
  readonly highlight: boolean;
}

/** One stored item or alert in a result list. */
export interface ReplyItem {
  readonly title: string;
  readonly link: string | null;
  readonly source: string;
  readonly time: Date;
  /** The title and a stretch of the body with the matched words highlighted; empty when not asked for. */
  readonly snippet: readonly Segment[];
  /** A short tag such as the rule that fired. */
  readonly note: string | null;
}

export interface ReplyField {
  readonly name: string;
  readonly value: string;
}

export interface Reply {
  readonly title: string;
  /** Plain text lines (never markup): explanations, lists. */
  readonly lines: readonly string[];
  readonly fields: readonly ReplyField[];
  readonly items: readonly ReplyItem[];
  /** Only the user who asked sees it (management commands and errors). */
  readonly ephemeral: boolean;
  /** The request was refused or failed; `lines` say why. */
  readonly error: boolean;
}

export function reply(title: string, parts: Partial<Omit<Reply, 'title'>> = {}): Reply {
  return { title, lines: [], fields: [], items: [], ephemeral: false, error: false, ...parts };
}

/** A refusal: ephemeral, with the reason on its own line. */
export function refuse(title: string, ...why: string[]): Reply {
  return reply(title, { lines: why, ephemeral: true, error: true });
}
