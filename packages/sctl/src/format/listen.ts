// A socket's Listen property: "ADDRESS (Kind)" entries joined with spaces by the socket worker
// (systemd's `Listen=` of `systemctl show`), split back for `status` and `list-sockets`.

export interface ListenEntry { address: string; kind: string }

export function listenEntries(listen: string): ListenEntry[] {
  if (listen === '') return [];
  return listen.split(/(?<=\)) (?=\S)/).map((entry) => {
    const match = /^(.*) \(([A-Za-z]+)\)$/.exec(entry);
    return match ? { address: match[1]!, kind: match[2]! } : { address: entry, kind: '' };
  });
}
