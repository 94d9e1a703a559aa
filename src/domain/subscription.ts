// A feed's WebSub subscription (https://www.w3.org/TR/websub/): who pushes its updates, under
// which secret, until when.

export type SubscriptionState = 'requested' | 'active' | 'denied' | 'unsubscribing' | 'failed';

export const SUBSCRIPTION_STATES: readonly SubscriptionState[] = ['requested', 'active', 'denied', 'unsubscribing', 'failed'];

export interface Subscription {
  /** The last segment of the callback URL: random and unguessable. */
  readonly id: string;
  readonly feedId: string;
  readonly hub: string;
  readonly topic: string;
  /** The HMAC key of its pushes: never logged. */
  readonly secret: string;
  readonly state: SubscriptionState;
  /** The lease the hub granted on its last verification. */
  readonly leaseSeconds: number | null;
  readonly expiresAt: Date | null;
  readonly lastError: string | null;
  /** When a worker should next act on it (renew, retry, give up); null: nothing to do. */
  readonly dueAt: Date | null;
}
