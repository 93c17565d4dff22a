// User=, Group= and SupplementaryGroups= resolved the classic way: /etc/passwd and /etc/group,
// read at each start (an account created after the unit was loaded works). A name is looked up
// first; a number that names no account is taken as it is (systemd accepts raw ids). The
// supplementary groups are every group of /etc/group that lists the user, then
// SupplementaryGroups= in order, without duplicates.

export interface Credentials {
  uid: number;
  gid: number;
  groups: number[];
  user: string;
  home: string;
  shell: string;
}

function rows(text: string): string[][] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(':'));
}

function findGroup(groups: string[][], group: string, key: string): number {
  const row = groups.find((f) => f[0] === group) ?? (/^\d+$/.test(group) ? groups.find((f) => f[2] === group) : undefined);
  if (row) return Number(row[2]);
  if (/^\d+$/.test(group)) return Number(group);
  throw new Error(`${key}=${group}: no such group in /etc/group`);
}

/**
 * Resolves the credentials of a run; null when User=, Group= and SupplementaryGroups= are all
 * unset (the processes keep root). `passwd` and `groupFile` are the texts of /etc/passwd and
 * /etc/group. Throws an Error naming the setting that cannot be resolved.
 */
export function resolveCredentials(
  settings: { user: string | null; group: string | null; supplementaryGroups: readonly string[] },
  passwd: string, groupFile: string,
): Credentials | null {
  const { user, group, supplementaryGroups } = settings;
  if (user === null && group === null && supplementaryGroups.length === 0) return null;
  const groups = rows(groupFile);
  let credentials: Credentials = { uid: 0, gid: 0, groups: [], user: 'root', home: '/root', shell: '/bin/sh' };
  if (user !== null) {
    const users = rows(passwd);
    const row = users.find((f) => f[0] === user) ?? (/^\d+$/.test(user) ? users.find((f) => f[2] === user) : undefined);
    if (row) {
      credentials = { uid: Number(row[2]), gid: Number(row[3]), groups: [], user: row[0] ?? user, home: row[5] || '/', shell: row[6] || '/bin/sh' };
    } else if (/^\d+$/.test(user)) {
      credentials = { uid: Number(user), gid: Number(user), groups: [], user, home: '/', shell: '/bin/sh' };
    } else {
      throw new Error(`User=${user}: no such user in /etc/passwd`);
    }
    credentials.groups = groups.filter((f) => (f[3] ?? '').split(',').includes(credentials.user)).map((f) => Number(f[2]));
  }
  if (group !== null) credentials.gid = findGroup(groups, group, 'Group');
  for (const extra of supplementaryGroups) {
    const gid = findGroup(groups, extra, 'SupplementaryGroups');
    if (!credentials.groups.includes(gid)) credentials.groups.push(gid);
  }
  return credentials;
}
