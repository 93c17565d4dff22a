// Issue 13 item 7: [Install] settings in drop-ins (NAME.d/*.conf, the template's, the type's) are
// merged with the unit file's as systemd merges them — lists accumulate in the order the files
// apply, an empty assignment empties the list so far, DefaultInstance= takes the last — and every
// [Install] operation and the unit-file state see the merged settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  disableUnitFiles, enableUnitFiles, listUnitFileStates, presetUnitFiles, reenableUnitFiles, unitFileStateIn, type InstallContext,
} from '../src/install';
import { tempInstall } from '../src/testing/fake-core';

function tree(files: Record<string, string>): InstallContext {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-install-dropins-'));
  const ctx = tempInstall(root);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return ctx;
}

const plain = '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n';
const link = (ctx: InstallContext, rel: string): string | null => {
  try {
    return fs.readlinkSync(path.join(ctx.configDir, rel));
  } catch {
    return null;
  }
};

test('a unit whose WantedBy= comes only from a drop-in is disabled, not static; enable links it, disable removes the link', () => {
  const ctx = tree({ 'lib/system/foo.service': plain, 'lib/system/foo.service.d/install.conf': '[Install]\nWantedBy=multi-user.target\n' });
  assert.equal(unitFileStateIn('foo.service', ctx), 'disabled');
  const report = enableUnitFiles(['foo.service'], ctx);
  assert.equal(report.changes.length, 1, JSON.stringify(report));
  assert.match(link(ctx, 'multi-user.target.wants/foo.service') ?? '', /lib\/system\/foo\.service$/, 'the link points to the unit file, not the drop-in');
  assert.equal(unitFileStateIn('foo.service', ctx), 'enabled');
  assert.equal(listUnitFileStates(ctx, {}).find((f) => f.name === 'foo.service')?.state, 'enabled');
  disableUnitFiles(['foo.service'], ctx);
  assert.equal(link(ctx, 'multi-user.target.wants/foo.service'), null);
  assert.equal(unitFileStateIn('foo.service', ctx), 'disabled');
});

test('drop-ins append to the lists of the unit file, in file-name order across folders', () => {
  const ctx = tree({
    'lib/system/foo.service': `${plain}[Install]\nWantedBy=multi-user.target\n`,
    'lib/system/foo.service.d/20-more.conf': '[Install]\nRequiredBy=basic.target\nAlias=bar.service\n',
    'etc/system/foo.service.d/10-first.conf': '[Install]\nWantedBy=graphical.target\n',
  });
  enableUnitFiles(['foo.service'], ctx);
  for (const rel of ['multi-user.target.wants/foo.service', 'graphical.target.wants/foo.service', 'basic.target.requires/foo.service', 'bar.service']) {
    assert.ok(link(ctx, rel) !== null, `${rel} is linked`);
  }
  const removed = disableUnitFiles(['foo.service'], ctx).changes.length;
  assert.equal(removed, 4, 'disable removes every link, the drop-ins\' Alias= too');
});

test('an empty assignment in a drop-in resets what came before, so the unit file\'s WantedBy= no longer applies', () => {
  const ctx = tree({
    'lib/system/foo.service': `${plain}[Install]\nWantedBy=multi-user.target\n`,
    'etc/system/foo.service.d/override.conf': '[Install]\nWantedBy=\nWantedBy=graphical.target\n',
  });
  enableUnitFiles(['foo.service'], ctx);
  assert.equal(link(ctx, 'multi-user.target.wants/foo.service'), null);
  assert.ok(link(ctx, 'graphical.target.wants/foo.service') !== null);
  const only = tree({
    'lib/system/foo.service': `${plain}[Install]\nWantedBy=multi-user.target\n`,
    'etc/system/foo.service.d/override.conf': '[Install]\nWantedBy=\n',
  });
  assert.equal(unitFileStateIn('foo.service', only), 'static', 'nothing left to install');
});

test('a masked drop-in (a link to /dev/null in /etc) takes its [Install] settings away', () => {
  const ctx = tree({ 'lib/system/foo.service': plain, 'lib/system/foo.service.d/install.conf': '[Install]\nWantedBy=multi-user.target\n' });
  fs.mkdirSync(path.join(ctx.configDir, 'foo.service.d'), { recursive: true });
  fs.symlinkSync('/dev/null', path.join(ctx.configDir, 'foo.service.d/install.conf'));
  assert.equal(unitFileStateIn('foo.service', ctx), 'static');
});

test('Also= and DefaultInstance= from drop-ins are honoured, the template\'s drop-ins apply to its instances', () => {
  const ctx = tree({
    'lib/system/foo.service': plain, 'lib/system/foo.service.d/also.conf': '[Install]\nAlso=foo.socket\n',
    'lib/system/foo.socket': '[Socket]\nListenStream=1\n', 'lib/system/foo.socket.d/i.conf': '[Install]\nWantedBy=sockets.target\n',
    'lib/system/getty@.service': plain, 'lib/system/getty@.service.d/i.conf': '[Install]\nWantedBy=getty.target\nDefaultInstance=tty1\n',
  });
  assert.equal(unitFileStateIn('foo.service', ctx), 'indirect');
  enableUnitFiles(['foo.service'], ctx);
  assert.equal(unitFileStateIn('foo.socket', ctx), 'enabled');
  enableUnitFiles(['getty@.service'], ctx);
  assert.ok(link(ctx, 'getty.target.wants/getty@tty1.service') !== null);
  assert.equal(unitFileStateIn('getty@.service', ctx), 'enabled');
  enableUnitFiles(['getty@tty2.service'], ctx);
  assert.ok(link(ctx, 'getty.target.wants/getty@tty2.service') !== null, 'the instance takes the template\'s drop-in');
});

test('reenable and preset see the drop-in\'s settings too', () => {
  const ctx = tree({
    'lib/system/foo.service': plain, 'lib/system/foo.service.d/install.conf': '[Install]\nWantedBy=multi-user.target\n',
    'lib/system-preset/90-default.preset': 'enable *\n',
  });
  reenableUnitFiles(['foo.service'], ctx);
  assert.equal(unitFileStateIn('foo.service', ctx), 'enabled');
  disableUnitFiles(['foo.service'], ctx);
  presetUnitFiles(['foo.service'], ctx);
  assert.equal(unitFileStateIn('foo.service', ctx), 'enabled');
});
