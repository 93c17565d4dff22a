// What the fake workers of the core's tests say about their types in Describe, one table for
// every fake (FakeCore here, the fake worker pool of test/manager-fakes.ts, the admission tests):
// like the built-in workers, a service can do everything but reexec and a unit of any other type
// has no processes, no log and nothing to reload or kill; a target is ordered after what it wants
// and is expanded in `list-dependencies`.
import { CONTRACT_VERSION, type Capabilities__Output, type DescribeResponse__Output } from '@sysmaster/proto';

/** The Describe answer of fake type `type` owning `sections`, with capabilities that differ from the table in `overrides`. */
export function fakeDescribe(type: string, sections: string[] = [], overrides: Partial<Capabilities__Output> = {}): DescribeResponse__Output {
  const service = type === 'service';
  const target = type === 'target';
  return {
    type, sections, version: 'fake', pid: 1, contract_version: CONTRACT_VERSION, image_started_usec: 0, reexecs: 0,
    dependency_rules: { order_after_wanted: target, expand_in_tree: target },
    capabilities: {
      can_reload: service, can_kill: service, can_reexec: false, once_only: false, has_processes: service, has_logs: service, ...overrides,
    },
  };
}
