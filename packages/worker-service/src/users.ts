// User= and Group= resolved the classic way: /etc/passwd and /etc/group, read at each start (so
// an account created after the unit was loaded works). Numeric ids are taken as they are.
import { SysmasterError } from '@sysmaster/proto';

export interface Credentials {
  uid: number;
  gid: number;
  /** Supplementary groups: every group of /etc/group that lists the user. */
  groups: number[];
  user: string;
  home: string;
  shell: string;
}

function fields(text: string): string[][] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(':'));
}

/**
 * Resolves `user` (name or uid) and `group` (name, gid, or null for the user's primary group).
 * `passwd` and `groupFile` are the texts of /etc/passwd and /etc/group.
 */
export function resolveCredentials(user: string | null, group: string | null, passwd: string, groupFile: string): Credentials | null {
  if (user === null && group === null) return null;
  const users = fields(passwd);
  const groups = fields(groupFile);
  let credentials: Credentials = { uid: 0, gid: 0, groups: [], user: 'root', home: '/root', shell: '/bin/sh' };
  if (user !== null) {
    const row = users.find((f) => f[0] === user) ?? (/^\d+$/.test(user) ? users.find((f) => f[2] === user) : undefined);
    if (row) {
      credentials = { uid: Number(row[2]), gid: Number(row[3]), groups: [], user: row[0] ?? user, home: row[5] || '/', shell: row[6] || '/bin/sh' };
    } else if (/^\d+$/.test(user)) {
      credentials = { uid: Number(user), gid: Number(user), groups: [], user, home: '/', shell: '/bin/sh' };
    } else {
      throw new SysmasterError('ERR_BAD_SETTING', `User=${user}: no such user in /etc/passwd`);
    }
    credentials.groups = groups.filter((f) => (f[3] ?? '').split(',').includes(credentials.user)).map((f) => Number(f[2]));
  }
  if (group !== null) {
    const row = groups.find((f) => f[0] === group) ?? (/^\d+$/.test(group) ? groups.find((f) => f[2] === group) : undefined);
    if (row) credentials.gid = Number(row[2]);
    else if (/^\d+$/.test(group)) credentials.gid = Number(group);
    else throw new SysmasterError('ERR_BAD_SETTING', `Group=${group}: no such group in /etc/group`);
  }
  return credentials;
}
