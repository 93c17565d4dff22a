// @sysmaster/core/testing: what other packages' tests need to run the core's real API server over
// a fake core (sctl's tests do: the real Manager service, its conversions and its errors, without
// the engine). Not loaded by the core itself.
export { FakeCore, fakeSystem, quietLog, rejects, status, tempInstall, tempRuntime, unit } from './fake-core';
export { serveApiWith } from '../api/server';
export type { ApiOptions, ApiServer } from '../api/server';
