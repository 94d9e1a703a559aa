// The tables as Kysely sees them (internal to src/store). Times are epoch milliseconds,
// booleans are 0/1 and JSON is text, so that SQLite and Postgres share one schema.
import type { Generated, Kysely } from 'kysely';

export interface FeedsTable {
  id: string;
  url: string;
  /** Configured display title. */
  title: string | null;
  /** Title the feed document gave on its last successful fetch. */
  site_title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_success_at: number | null;
  last_error_at: number | null;
  last_error: string | null;
  consecutive_failures: number;
  next_attempt_at: number | null;
  baselined: number;
  created_at: number;
  /** The worker polling it now (a random id per process), or null. */
  lease_owner: string | null;
  /** Epoch ms when the lease lapses and another worker may claim the feed. */
  lease_until: number | null;
  /** 1 while the feed is in the live feed list; only active feeds are claimed. */
  active: Generated<number>;
  /** Moving average of the time between changes (new items), in ms; null until two changes were seen. */
  change_interval: number | null;
  /** Epoch ms when new items last appeared (by poll or push). */
  last_change_at: number | null;
  /** The interval (s) the last poll planned the next one with, and why (IntervalReason). */
  poll_interval: number | null;
  interval_reason: string | null;
}

/** A WebSub subscription of a feed (src/websub): found by its callback id on any worker. */
export interface WebSubSubscriptionsTable {
  /** The last segment of the callback URL: random, unguessable. */
  id: string;
  feed_id: string;
  hub: string;
  topic: string;
  /** The HMAC secret the hub signs pushes with. */
  secret: string;
  /** SubscriptionState */
  state: string;
  /** The lease the hub granted on its last verification. */
  lease_seconds: number | null;
  expires_at: number | null;
  last_error: string | null;
  /** When the subscription next needs a worker: renew, retry, or give up an unanswered unsubscribe. */
  due_at: number | null;
  /** One worker at a time renews or ends a subscription: its claim holds until then. */
  claimed_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ItemsTable {
  id: Generated<number>;
  feed_id: string;
  key: string;
  title: string;
  body: string;
  link: string | null;
  source: string;
  published_at: number;
  published_estimated: number;
  fetched_at: number;
  story_id: string | null;
  /** Hash of the normalised title and body (src/stories/content-fingerprint.ts): reposts under a new guid. */
  fingerprint: string | null;
}

export interface AlertsTable {
  id: Generated<number>;
  item_id: number;
  rule_id: string;
  /** JSON MatchedTerm[] */
  matched: string;
  summary: string;
  /** JSON Facts, or null */
  facts: string | null;
  story_id: string;
  created_at: number;
  /** JSON string[]: outlets that reported the story so far (a follow-up's "also reported by"), or null. */
  also_reported_by: string | null;
  /** JSON StoryUpdate (src/domain/alert-draft.ts): what a follow-up adds to its story (higher toll, new place), or null. */
  story_update: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  alert_id: number;
  destination: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  message_id: string | null;
  last_error: string | null;
  last_error_at: number | null;
  created_at: number;
  sent_at: number | null;
  /** 'post': its own message (or an edit of its story's message); 'digest': folded into the next digest. */
  kind: string;
  /** 1 while a retry of this row is pending: later rows of its destination wait behind it (order). */
  retrying: number;
}

/** The message that shows a story in a destination: follow-ups edit it and reply in its thread. */
export interface StoryMessagesTable {
  story_id: string;
  destination: string;
  message_id: string;
  /** The alert whose post created the message. */
  alert_id: number;
  /** JSON Facts as the message shows them now (merged over follow-ups), or null. */
  facts: string | null;
  /** JSON string[] as the message shows them now. */
  also_reported_by: string;
  created_at: number;
  updated_at: number;
}

/** A named lease: the worker holding it until `until` (epoch ms). */
export interface LeasesTable {
  name: string;
  owner: string;
  until: number;
}

/** A story as it stands (what every worker's index knows of it): resumes select members by its last item. */
export interface StoriesTable {
  id: string;
  first_published: number;
  last_published: number;
  item_count: number;
  /** JSON string[]: outlets in order of first report. */
  sources: string;
  /** JSON { places, killed, injured }: the story's facts so far. */
  facts: string;
  updated_at: number;
}

/** One item as the story clusterer remembers it; replayed in id order to rebuild a worker's index. */
export interface StoryMembersTable {
  id: Generated<number>;
  story_id: string;
  feed_id: string;
  item_key: string;
  source: string;
  published_at: number;
  /** JSON Facts, or null. */
  facts: string | null;
  /** The clusterer's text profile, encoded (src/stories/profile-codec.ts). */
  profile: Uint8Array;
  created_at: number;
}

/** One row: the transaction that assigns stories updates it first, so assignments never overlap. */
export interface StoryLockTable {
  id: number;
  held_at: number;
}

export interface Database {
  feeds: FeedsTable;
  items: ItemsTable;
  alerts: AlertsTable;
  outbox: OutboxTable;
  story_messages: StoryMessagesTable;
  leases: LeasesTable;
  stories: StoriesTable;
  story_members: StoryMembersTable;
  story_lock: StoryLockTable;
  websub_subscriptions: WebSubSubscriptionsTable;
}

export type StoreDb = Kysely<Database>;
