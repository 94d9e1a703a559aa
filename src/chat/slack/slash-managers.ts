// Who may run managing `/news` commands in Slack: configured user ids (U…, W…) and members
// of configured user groups (S…, looked up with usergroups.users.list, scope usergroups:read, cached).
// API: https://docs.slack.dev/reference/methods/usergroups.users.list
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/create-logger.ts';

export interface ManagerCheck {
  canManage(userId: string): Promise<boolean>;
}

const GROUP_TTL_MS = 5 * 60_000;

export function createManagerCheck(
  client: Pick<webApi.WebClient, 'usergroups'>,
  managerIds: readonly string[],
  log: Pick<Logger, 'warn'>,
  clock: () => number = Date.now,
): ManagerCheck {
  const users = new Set(managerIds.filter((id) => /^[UW][A-Z0-9]+$/.test(id)));
  const groups = managerIds.filter((id) => /^S[A-Z0-9]+$/.test(id));
  const cache = new Map<string, { members: ReadonlySet<string>; until: number }>();

  const membersOf = async (group: string): Promise<ReadonlySet<string>> => {
    const cached = cache.get(group);
    if (cached !== undefined && cached.until > clock()) return cached.members;
    try {
      const result = await client.usergroups.users.list({ usergroup: group });
      const members = new Set(result.users ?? []);
      cache.set(group, { members, until: clock() + GROUP_TTL_MS });
      return members;
    } catch (error) {
      // Not cached: the next command asks again. A missing scope shows here (needs usergroups:read).
      log.warn({ err: error, usergroup: group }, 'slack: cannot list the user group; its members are not managers for now');
      return new Set();
    }
  };

  return {
    async canManage(userId) {
      if (users.has(userId)) return true;
      for (const group of groups) if ((await membersOf(group)).has(userId)) return true;
      return false;
    },
  };
}
