// The store's contract: what the worker saves and reads (feeds, new items, alerts, the outbox).
// Domain types in, domain types out; Kysely stays inside src/store. Design: docs/architecture.md.
import type { Alert, Facts, Place } from '../domain/alert.ts';
import type { AlertDraft, StoryUpdate } from '../domain/alert-draft.ts';
import type { FeedHealth, FeedSchedule, FeedSource, IntervalReason } from '../domain/feed.ts';
import type { Item } from '../domain/item.ts';
import type { SubscriptionStore } from './websub-queries.ts';


/** What `wirewatch feeds` and `status` show of a feed: its health and its polling interval. */
export interface FeedStatus extends FeedHealth, FeedSchedule {
  readonly url: string;
  /** The configured title, else the title the feed itself gave, else null. */
  readonly title: string | null;
}

/** A feed's polling health plus what the next conditional GET needs. */
export interface FeedState extends FeedHealth, FeedSchedule {
  readonly url: string;
  /** The configured title, else the title the feed itself gave, else null. */
  readonly title: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** True once one fetch has succeeded: items seen before that are history, not news. */
  readonly baselined: boolean;
  readonly createdAt: Date;
}

/** A request to lease due feeds. */
export interface FeedClaim {
  /** The worker claiming: a random id per process. */
  readonly owner: string;
  readonly now: Date;
  readonly limit: number;
  /** The claim lapses this long after `now`; another worker may then take the feed. */
  readonly leaseMs: number;
}

/**
 * An alert to record with its item, and deliver: a draft (src/domain/alert-draft.ts); the story
 * fields may be left out (a first report), and `destinations`, when absent, are the batch's.
 */
export interface NewAlert
  extends Pick<AlertDraft, 'ruleId' | 'matched' | 'summary' | 'facts' | 'storyId'>,
    Partial<Pick<AlertDraft, 'followUp' | 'sources' | 'update'>> {
  readonly destinations?: readonly string[];
}

export interface SaveEntry {
  readonly item: Item;
  /** The story the item was clustered into, when known. */
  readonly storyId?: string | null;
  /** Hash of its normalised title and body, for recognising reposts under a new guid. */
  readonly fingerprint?: string | null;
  /** Alerts to create, only if the item is new to its feed. */
  readonly alerts: readonly NewAlert[];
}

/** What a poll or push learnt of the feed's update rate, and (polls) the interval planned and why. */
export interface ScheduleUpdate {
  readonly changeIntervalMs: number | null;
  readonly lastChangeAt: Date | null;
  readonly pollIntervalSeconds?: number;
  readonly intervalReason?: IntervalReason;
}

/** A successful fetch, recorded on the feed in the same transaction as its items. */
export interface FetchSuccess {
  /** 'push': a WebSub content distribution; validators, schedule and lease of the feed stay as they are. Default 'poll'. */
  readonly source?: 'poll' | 'push';
  readonly schedule?: ScheduleUpdate;
  readonly at: Date;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly nextAttemptAt: Date;
  /** The feed's own title, as parsed. */
  readonly title: string | null;
}

export interface SaveBatch {
  readonly entries: readonly SaveEntry[];
  /** Default destinations of every alert of the batch: one outbox row each. */
  readonly destinations: readonly string[];
  readonly fetch: FetchSuccess;
}

export interface SavedAlert {
  readonly id: number;
  readonly ruleId: string;
}

/** An item the store did not know before this batch. */
export interface SavedItem {
  readonly id: number;
  readonly item: Item;
  readonly alerts: readonly SavedAlert[];
}

/** What the store holds under an item key of a feed: enough to tell a repost from a guid collision. */
export interface KnownItem {
  readonly link: string | null;
  readonly fingerprint: string | null;
}

/** An item of the story window that shares a canonical link or content fingerprint with a new one. */
export interface RememberedItem extends KnownItem {
  readonly key: string;
  readonly storyId: string | null;
}

/** One item as the story clusterer remembers it (its text profile encoded). */
export interface NewStoryMember {
  readonly storyId: string;
  readonly feedId: string;
  readonly key: string;
  readonly source: string;
  readonly published: Date;
  readonly facts: Facts | null;
  readonly profile: Uint8Array;
}

/** A member as recorded, by this worker or another: replayed in id order. */
export interface StoryMemberRow extends NewStoryMember {
  readonly id: number;
}

/** A story as it stands after a batch. */
export interface StoryRecord {
  readonly id: string;
  readonly firstPublished: Date;
  readonly lastPublished: Date;
  readonly itemCount: number;
  readonly sources: readonly string[];
  readonly places: readonly Place[];
  readonly killed: number | null;
  readonly injured: number | null;
}

/** A batch with what story assignment decided: the members to remember and the stories they changed. */
export interface StoryBatch extends SaveBatch {
  readonly members: readonly NewStoryMember[];
  readonly stories: readonly StoryRecord[];
}

/** What story assignment sees while it holds the story lock. */
export interface StoryLockView {
  /** Members recorded (by any worker) after the id the caller named, in id order. */
  readonly recorded: readonly StoryMemberRow[];
  /** The rules that already alerted each of these stories. */
  alertedRules(storyIds: readonly string[]): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
}

export interface StorySaveResult {
  readonly saved: SavedItem[];
  /** The highest member id this worker's index now reflects. */
  readonly lastMemberId: number;
}

/** The members of live stories, to rebuild a worker's index, and the highest member id recorded. */
export interface StoryResume {
  readonly members: readonly StoryMemberRow[];
  readonly lastMemberId: number;
}

/** 'post': the alert's own message (an edit when its story is already shown); 'digest': one line of the next digest. */
export type OutboxKind = 'post' | 'digest';

/** The message showing a story in one destination, as it looks now. */
export interface StoryMessage {
  readonly messageId: string;
  /** The alert first posted, with the facts and outlets the message shows now. */
  readonly alert: Alert;
}

/** A claimed outbox row: everything needed to render and send one alert to one destination. */
export interface Delivery {
  readonly outboxId: number;
  readonly destination: string;
  readonly kind: OutboxKind;
  /** Claims so far, this one included (1 on the first attempt). */
  readonly attempts: number;
  readonly createdAt: Date;
  /** The claim holds until then; past it another worker may take the row. */
  readonly claimedUntil: Date;
  readonly feedId: string;
  readonly alert: Alert;
  /** What the alert adds to its story (a higher toll is worth a thread reply), else null. */
  readonly storyUpdate: StoryUpdate | null;
  /** The story's message in this destination when one was posted: the alert then edits it. */
  readonly storyMessage: StoryMessage | null;
}

export interface ClaimFilter {
  /**
   * Only rows waiting to go out since at or before this time (the "missed while down" digest):
   * since creation, or since they fell due after quiet hours or a digest slot.
   */
  readonly waitingSince?: Date;
  readonly kind?: OutboxKind;
}

/** The story state recorded with a sent post or edit, in the same transaction. */
export interface StoryMessageRecord {
  readonly storyId: string;
  readonly messageId: string;
  /** The alert whose post created the message. */
  readonly alertId: number;
  readonly facts: Facts | null;
  readonly alsoReportedBy: readonly string[];
}

export interface OutboxCounts {
  readonly pending: number;
  readonly failed: number;
  readonly sent: number;
}

export interface DestinationBacklog extends OutboxCounts {
  readonly destination: string;
  /** Creation time of the oldest pending row, or null. */
  readonly oldestPendingAt: Date | null;
}

export interface DeliveryFailure {
  readonly outboxId: number;
  readonly destination: string;
  readonly alertId: number;
  readonly ruleId: string;
  readonly title: string;
  readonly error: string;
  readonly at: Date;
}

/** The key Store.itemTexts files an item's text under. */
export function itemRef(feedId: string, key: string): string {
  return `${feedId}\u0000${key}`;
}

export interface Store {
  /** Brings the schema to the latest version; a no-op when it is already there. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Makes the feeds match the live list (all of it): inserts new ones (first polls spread out),
   * updates url/title of known ones, marks unlisted ones inactive; never deletes history.
   */
  syncFeeds(sources: readonly FeedSource[], now?: Date): Promise<void>;
  feedState(feedId: string): Promise<FeedState | null>;
  /** Every feed's status, by id (only the columns shown: it is read for all feeds at once). */
  listFeedStates(): Promise<FeedStatus[]>;
  /**
   * Leases up to `limit` due active feeds for `leaseMs` (most overdue first) and returns their
   * state; concurrent workers never get the same feed. Recording the poll's outcome ends the lease.
   */
  claimDueFeeds(claim: FeedClaim): Promise<FeedState[]>;
  /** Gives back the leases `owner` holds (all of them, or those of `feedIds`): those feeds are due as they were. */
  releaseFeedLeases(owner: string, feedIds?: readonly string[]): Promise<void>;
  /** Takes or renews the named lease until `now + ttlMs`; false while another owner holds it. */
  acquireLease(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the named lease up when `owner` holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
  recordFeedFailure(feedId: string, f: { at: Date; error: string; nextAttemptAt: Date; schedule?: ScheduleUpdate }): Promise<void>;
  recordFeedNotModified(feedId: string, s: { at: Date; nextAttemptAt: Date; schedule?: ScheduleUpdate }): Promise<void>;
  /** Which of these keys the feed already has. */
  knownItemKeys(feedId: string, keys: readonly string[]): Promise<Set<string>>;
  /** What the feed holds under these keys. */
  knownItems(feedId: string, keys: readonly string[]): Promise<Map<string, KnownItem>>;
  /** Items of the feed fetched since `since` with one of these canonical links or content fingerprints. */
  rememberedItems(feedId: string, find: { readonly links: readonly string[]; readonly fingerprints: readonly string[]; readonly since: Date }): Promise<RememberedItem[]>;
  /** One transaction: new items, their alerts and outbox rows, the fetch success. Returns only the new items. */
  saveItems(feedId: string, batch: SaveBatch): Promise<SavedItem[]>;
  /**
   * saveItems with story assignment, serialised across workers: in one transaction that holds the
   * story lock, `assign` sees what other workers recorded after `afterMemberId` and returns the batch,
   * which is saved with its story members and stories before the lock is released.
   */
  saveWithStories(feedId: string, afterMemberId: number, assign: (view: StoryLockView) => Promise<StoryBatch>): Promise<StorySaveResult>;
  /** Up to `limit` newest members of stories with an item published since `since`, oldest first. */
  resumeStories(since: Date, limit: number): Promise<StoryResume>;
  /** Title and body of stored items, by feed id and key (for re-profiling a member of an older profile version). */
  itemTexts(refs: readonly { readonly feedId: string; readonly key: string }[]): Promise<Map<string, { readonly title: string; readonly body: string }>>;
  /** Forgets stories whose last item was published before `before`, and their members. */
  pruneStories(before: Date): Promise<number>;
  /**
   * Leases up to `limit` due rows of one destination, oldest first, for `leaseMs`. Order per
   * destination holds: nothing behind a leased row or a row waiting for its retry is claimed.
   */
  claimDeliveries(destination: string, now: Date, limit: number, leaseMs: number, filter?: ClaimFilter): Promise<Delivery[]>;
  /** Gives claimed rows back untouched (not counted as an attempt), due as before. */
  releaseDeliveries(outboxIds: readonly number[]): Promise<void>;
  /** Gives a claimed row back due at `dueAt` (quiet hours), or folded into the digest with kind 'digest'. Not an attempt. */
  rescheduleDelivery(outboxId: number, change: { readonly dueAt: Date; readonly kind?: OutboxKind }): Promise<void>;
  /** Removes a row no route sends to this destination. */
  dropDelivery(outboxId: number): Promise<void>;
  /** Sent; with `story`, records (or updates) the story's message in this destination in the same transaction. */
  markDelivered(outboxId: number, at: Date, messageId: string | null, story?: StoryMessageRecord): Promise<void>;
  /** Back to pending until `nextAttemptAt`; later rows of the destination wait behind it. */
  markRetry(outboxId: number, at: Date, nextAttemptAt: Date, error: string): Promise<void>;
  /** Permanent failure: the row is never claimed again. */
  markFailed(outboxId: number, at: Date, error: string): Promise<void>;
  /** Own posts (not digests) sent to `destination` since `since`, per rule: for hourly caps. */
  countPostsSince(destination: string, since: Date): Promise<Map<string, number>>;
  outboxCounts(): Promise<OutboxCounts>;
  /** Per destination: pending, failed and sent rows and the oldest pending one. */
  outboxBacklog(): Promise<DestinationBacklog[]>;
  /** The latest permanent failures, newest first. */
  recentFailures(limit: number): Promise<DeliveryFailure[]>;
  countAlertsSince(since: Date): Promise<number>;
  /** WebSub subscriptions of feeds (src/websub). */
  readonly subscriptions: SubscriptionStore;
}
