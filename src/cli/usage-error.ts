// An error the user can fix (bad config, bad rule, bad argument): printed as one message, exit 2.
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
