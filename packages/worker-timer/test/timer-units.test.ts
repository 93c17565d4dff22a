import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimespan } from '@sysmaster/unit-file';
import { SECOND, serviceStatus, setup, timerRequest } from './fake-env';

const last = <T>(list: T[]): T => list[list.length - 1]!;

test('a timer with OnActiveSec=1s waits, then enqueues a start of its service and is running until the service is inactive', () => {
  const { units, env, core, events } = setup();
  units.load(timerRequest('backup.timer', ['OnActiveSec=1s', 'AccuracySec=1us']));
  units.start('backup.timer');
  assert.equal(last(events).sub_state, 'waiting');
  assert.equal(last(events).active_state, 'active');
  env.advance(SECOND - 10);
  assert.deepEqual(core.jobs, []);
  env.advance(11); // AccuracySec=1us: the end of a 1 us window
  assert.deepEqual(core.jobs, ['backup.service start replace']);
  assert.equal(last(events).sub_state, 'running');
  core.publish(serviceStatus('backup.service', 'activating', env.now()));
  assert.equal(last(events).sub_state, 'running');
  core.publish(serviceStatus('backup.service', 'inactive', env.now()));
  // A one-shot value that already fired is not armed again; RemainAfterElapse=yes keeps it active.
  assert.equal(last(events).sub_state, 'elapsed');
  assert.equal(last(events).active_state, 'active');
});

test('with RemainAfterElapse=no a timer with nothing left to wait for goes dead', () => {
  const { units, env, core, events } = setup();
  units.load(timerRequest('once.timer', ['OnActiveSec=2s', 'AccuracySec=1us', 'RemainAfterElapse=no', 'Unit=job.service']));
  units.start('once.timer');
  env.advance(2 * SECOND + 1);
  assert.deepEqual(core.jobs, ['job.service start replace']);
  core.publish(serviceStatus('job.service', 'inactive', env.now()));
  assert.equal(last(events).sub_state, 'dead');
  assert.equal(last(events).active_state, 'inactive');
});

test('OnUnitActiveSec fires again that long after the unit last began to activate', () => {
  const { units, env, core } = setup();
  units.load(timerRequest('poll.timer', ['OnActiveSec=1s', 'OnUnitActiveSec=5s', 'AccuracySec=1us']));
  units.start('poll.timer');
  env.advance(SECOND + 1);
  assert.equal(core.jobs.length, 1);
  env.advance(200_000);
  const began = env.now();
  core.publish(serviceStatus('poll.service', 'activating', began));
  env.advance(300_000);
  core.publish(serviceStatus('poll.service', 'inactive', env.now(), began));
  const next = units.status('poll.timer').runtime_properties?.NextElapseUSecMonotonic;
  assert.equal(next, formatTimespan(began.monotonic + 5 * SECOND));
  env.advance(began.monotonic + 5 * SECOND - env.monotonic - 1);
  assert.equal(core.jobs.length, 1);
  env.advance(2);
  assert.equal(core.jobs.length, 2);
});

test('a timer whose OnUnitActiveSec unit never ran is elapsed until the unit is started, then waits', () => {
  const { units, env, events, core } = setup();
  units.load(timerRequest('chain.timer', ['OnUnitActiveSec=10s', 'AccuracySec=1us']));
  units.start('chain.timer');
  assert.equal(last(events).sub_state, 'elapsed');
  const began = env.now();
  core.publish(serviceStatus('chain.service', 'active', began));
  assert.equal(last(events).sub_state, 'waiting');
  env.advance(10 * SECOND + 1);
  assert.deepEqual(core.jobs, ['chain.service start replace']);
});

test('a calendar timer elapses at the wall-clock times of its event', () => {
  const { units, env, core } = setup();
  env.realtime += 500_000; // 00:00:00.5
  units.load(timerRequest('tick.timer', ['OnCalendar=*:*:0/10', 'AccuracySec=1us']));
  units.start('tick.timer');
  assert.equal(units.status('tick.timer').runtime_properties?.NextElapseUSecRealtime, 'Wed 2026-12-02 00:00:10.000000 UTC');
  env.advance(9_400_000);
  assert.equal(core.jobs.length, 0);
  env.advance(100_001);
  assert.equal(core.jobs.length, 1);
  core.publish(serviceStatus('tick.service', 'inactive', env.now()));
  assert.equal(units.status('tick.timer').runtime_properties?.NextElapseUSecRealtime, 'Wed 2026-12-02 00:00:20.000000 UTC');
  assert.match(units.status('tick.timer').runtime_properties?.LastTriggerUSec ?? '', /^Wed 2026-12-02 00:00:10\.00000\d UTC$/);
});

test('the default AccuracySec of one minute delays the wake-up to an aligned point of the window', () => {
  const { units, env, core } = setup();
  units.load(timerRequest('lazy.timer', ['OnActiveSec=5s']));
  units.start('lazy.timer');
  env.advance(5 * SECOND);
  assert.equal(core.jobs.length, 0, 'not at the elapse itself');
  env.advance(60 * SECOND);
  assert.equal(core.jobs.length, 1, 'within the minute after it');
});

test('a Persistent timer whose event passed while it was not running fires as soon as it starts', () => {
  const { units, env, core } = setup();
  env.stamps.set('daily.timer', Date.UTC(2026, 10, 30, 12) * 1000); // two days ago: a midnight was missed
  units.load(timerRequest('daily.timer', ['OnCalendar=daily', 'Persistent=yes', 'AccuracySec=1us']));
  units.start('daily.timer');
  env.advance(1);
  assert.deepEqual(core.jobs, ['daily.service start replace']);
  assert.ok(env.stamps.get('daily.timer')! >= Date.UTC(2026, 11, 2) * 1000, 'the trigger is stamped');
});

test('without Persistent the same timer waits for the next midnight', () => {
  const { units, env, core } = setup();
  env.stamps.set('daily.timer', Date.UTC(2026, 10, 30, 12) * 1000);
  units.load(timerRequest('daily.timer', ['OnCalendar=daily', 'AccuracySec=1us']));
  units.start('daily.timer');
  env.advance(SECOND);
  assert.deepEqual(core.jobs, []);
  assert.equal(units.status('daily.timer').runtime_properties?.NextElapseUSecRealtime, 'Thu 2026-12-03 00:00:00.000000 UTC');
});

test('a first start of a Persistent timer creates its stamp and does not fire', () => {
  const { units, env, core } = setup();
  units.load(timerRequest('new.timer', ['OnCalendar=daily', 'Persistent=true']));
  units.start('new.timer');
  env.advance(SECOND);
  assert.deepEqual(core.jobs, []);
  assert.equal(env.stamps.get('new.timer'), Date.UTC(2026, 11, 2) * 1000);
});

test('a worker started again over the same state folder has the same timers armed for the same instant', () => {
  const first = setup();
  first.units.load(timerRequest('keep.timer', ['OnActiveSec=30s', 'AccuracySec=1us']));
  first.units.start('keep.timer');
  const armed = first.units.status('keep.timer').runtime_properties?.NextElapseUSecMonotonic;
  first.env.advance(10 * SECOND);
  // kill -9: no shutdown hook; only what was written survives. DurableJsonRecords writes on the next turn.
  (first.units as unknown as { store: { flush(): void } }).store.flush();
  const second = setup({ stateDir: first.stateDir, env: first.env });
  assert.equal(second.units.status('keep.timer').sub_state, 'waiting');
  second.units.load(timerRequest('keep.timer', ['OnActiveSec=30s', 'AccuracySec=1us']));
  assert.equal(second.units.status('keep.timer').runtime_properties?.NextElapseUSecMonotonic, armed);
  second.env.advance(20 * SECOND + 1);
  assert.ok(second.core.jobs.includes('keep.service start replace'));
});

test('a re-executed worker arms its waiting timers from the saved configuration, with no Load from the core', () => {
  const first = setup();
  first.units.load(timerRequest('again.timer', ['OnActiveSec=30s', 'AccuracySec=1us']));
  first.units.start('again.timer');
  const armed = first.units.status('again.timer').runtime_properties?.NextElapseUSecMonotonic;
  first.env.advance(10 * SECOND);
  first.units.shutdown();
  const second = setup({ stateDir: first.stateDir, env: first.env });
  assert.equal(second.units.status('again.timer').sub_state, 'waiting');
  assert.equal(second.units.status('again.timer').runtime_properties?.NextElapseUSecMonotonic, armed);
  second.env.advance(20 * SECOND + 1);
  assert.deepEqual(second.core.jobs, ['again.service start replace']);
});

test('a wall clock stepped over a calendar event fires it, and triggers a timer with OnClockChange=yes', () => {
  const { units, env, core } = setup();
  units.load(timerRequest('clock.timer', ['OnClockChange=yes', 'Unit=clock.service']));
  units.load(timerRequest('noon.timer', ['OnCalendar=12:00', 'AccuracySec=1us']));
  units.start('clock.timer');
  units.start('noon.timer');
  env.advance(SECOND);
  assert.deepEqual(core.jobs, []);
  env.stepWallClock(13 * 3600 * SECOND); // now 13:00:01: today's noon is past
  units.checkClocks();
  assert.deepEqual(core.jobs, ['clock.service start replace']);
  // The clock passed today's noon: the event is due now, as systemd moves a past elapse to the manager's start.
  env.advance(2);
  assert.deepEqual(core.jobs, ['clock.service start replace', 'noon.service start replace']);
  core.publish(serviceStatus('noon.service', 'inactive', env.now()));
  assert.equal(units.status('noon.timer').runtime_properties?.NextElapseUSecRealtime, 'Thu 2026-12-03 12:00:00.000000 UTC');
});

test('a changed time zone triggers a timer with OnTimezoneChange=yes and moves local calendar events', () => {
  const { units, env, core } = setup();
  units.load(timerRequest('tz.timer', ['OnTimezoneChange=yes']));
  units.load(timerRequest('noon.timer', ['OnCalendar=12:00', 'AccuracySec=1us']));
  units.start('tz.timer');
  units.start('noon.timer');
  env.zone = 'Asia/Tokyo';
  units.checkClocks();
  assert.deepEqual(core.jobs, ['tz.service start replace']);
  assert.equal(units.status('noon.timer').runtime_properties?.NextElapseUSecRealtime, 'Wed 2026-12-02 03:00:00.000000 UTC');
});

test('arming timers reads neither the machine id nor the zone: the id once at start, the zone at each clock check', () => {
  const env = setup().env;
  const reads = { machineId: 0, zone: 0 };
  const machineId = env.machineId.bind(env);
  const localTimeZone = env.localTimeZone.bind(env);
  env.machineId = () => { reads.machineId++; return machineId(); };
  env.localTimeZone = () => { reads.zone++; return localTimeZone(); };
  const { units } = setup({ env });
  assert.deepEqual(reads, { machineId: 1, zone: 1 });
  for (let i = 0; i < 20; i++) {
    units.load(timerRequest(`t${i}.timer`, ['OnCalendar=12:00', 'OnActiveSec=1s', 'RandomizedDelaySec=1m', 'FixedRandomDelay=yes']));
    units.start(`t${i}.timer`);
  }
  units.stop('t0.timer');
  units.start('t0.timer');
  assert.deepEqual(reads, { machineId: 1, zone: 1 });
  units.checkClocks();
  assert.deepEqual(reads, { machineId: 1, zone: 2 });
});

test('RandomizedDelaySec adds a delay below its value, the same each time with FixedRandomDelay', () => {
  const { units } = setup();
  units.load(timerRequest('spread.timer', ['OnActiveSec=10s', 'RandomizedDelaySec=1h', 'AccuracySec=1us']));
  units.start('spread.timer');
  // The fake random() is 0.5: half an hour.
  assert.equal(units.status('spread.timer').runtime_properties?.NextElapseUSecMonotonic, '31min 50s');
  units.load(timerRequest('fixed-a.timer', ['OnActiveSec=10s', 'RandomizedDelaySec=1h', 'FixedRandomDelay=yes']));
  units.load(timerRequest('fixed-b.timer', ['OnActiveSec=10s', 'RandomizedDelaySec=1h', 'FixedRandomDelay=yes']));
  units.start('fixed-a.timer');
  units.start('fixed-b.timer');
  const a = units.status('fixed-a.timer').runtime_properties?.NextElapseUSecMonotonic;
  units.stop('fixed-a.timer');
  units.start('fixed-a.timer');
  assert.equal(units.status('fixed-a.timer').runtime_properties?.NextElapseUSecMonotonic, a);
  assert.notEqual(units.status('fixed-b.timer').runtime_properties?.NextElapseUSecMonotonic, a);
});

test('a refused start job leaves the timer failed with result resources and a warning to the core', async () => {
  const { units, env, core, events } = setup();
  core.enqueueJob = async () => { throw new Error('unit nosuch.service not found'); };
  units.load(timerRequest('broken.timer', ['OnActiveSec=1s', 'AccuracySec=1us', 'Unit=nosuch.service']));
  units.start('broken.timer');
  env.advance(SECOND + 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(last(events).active_state, 'failed');
  assert.equal(last(events).result, 'resources');
  assert.match(core.events.join('\n'), /broken\.timer warning cannot start nosuch\.service/);
  units.resetFailed('broken.timer');
  assert.equal(last(events).sub_state, 'dead');
});

test('stop disarms a waiting timer: it never fires', () => {
  const { units, env, core, events } = setup();
  units.load(timerRequest('stopme.timer', ['OnActiveSec=1s', 'AccuracySec=1us']));
  units.start('stopme.timer');
  units.stop('stopme.timer');
  assert.equal(last(events).sub_state, 'dead');
  assert.equal(units.status('stopme.timer').runtime_properties?.NextElapseUSecMonotonic, 'infinity');
  env.advance(5 * SECOND);
  assert.deepEqual(core.jobs, []);
});

test('starting a timer with a bad [Timer] section is refused with ERR_BAD_SETTING', () => {
  const { units } = setup();
  const reply = units.load(timerRequest('bad.timer', ['OnCalendar=Mon *-*-* 25:00']));
  assert.equal(reply.errors?.length, 1);
  assert.throws(() => units.start('bad.timer'), { code: 'ERR_BAD_SETTING' });
});
