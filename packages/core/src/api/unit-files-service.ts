// The unit-file RPCs of the Manager service: enable, disable, reenable, preset, mask, unmask,
// default target, is-enabled, list-unit-files and cat. The file work is done by ../install;
// after any change the engine reloads (systemctl enable ends with a daemon-reload), then with
// `now` the units are started or stopped through the engine like `sctl start|stop` would.
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import type { Job } from '@sysmaster/proto';
import { EXAMPLE_DEFAULT_TARGET, loadUnitSource, readUnitFileText } from '@sysmaster/unit-file';
import type { JobType, ManagerCore } from '../manager-core';
import {
  disableUnitFiles, enableUnitFiles, getDefaultTarget, listUnitFileStates, maskUnitFiles, presetAllUnitFiles,
  presetUnitFiles, reenableUnitFiles, setDefaultTarget, unitFileStateIn, unmaskUnitFiles,
} from '../install';
import type { ChangeOptions, ChangeReport, InstallContext } from '../install';
import type { StrictHandlers } from './handler-types';
import { toJob } from './convert';
import { mapInSlices } from './slices';

type UnitFileRpc = 'EnableUnitFiles' | 'DisableUnitFiles' | 'ReenableUnitFiles' | 'PresetUnitFiles' | 'PresetAllUnitFiles' | 'MaskUnitFiles'
  | 'UnmaskUnitFiles' | 'GetDefaultTarget' | 'SetDefaultTarget' | 'GetUnitFileState' | 'ListUnitFiles' | 'CatUnit';

export type UnitFileHandlers = Pick<StrictHandlers<'Manager'>, UnitFileRpc>;

/** @sysmaster/proto's index does not export this message's type; the handler's signature has it. */
type UnitFileChangesResponse = Awaited<ReturnType<StrictHandlers<'Manager'>['EnableUnitFiles']>>;

type Operation = (names: string[], ctx: InstallContext, options: ChangeOptions) => ChangeReport;

export function unitFileHandlers(core: ManagerCore, install: InstallContext, normalize: (name: string) => string): UnitFileHandlers {
  /** A name as typed ("sshd"), or an absolute path to a unit file (enable /path/foo.service). */
  const fileName = (name: string): string => (path.isAbsolute(name) ? name : normalize(name));
  const names = (raw: string[]): string[] => {
    if (raw.length === 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No unit name given.', { hint: 'Name at least one unit file.' });
    return raw.map(fileName);
  };

  const finish = async (report: ChangeReport, units: string[], now: JobType | null): Promise<UnitFileChangesResponse> => {
    if (report.changes.length > 0) await core.reload();
    let jobs: Job[] = [];
    if (now !== null && units.length > 0) jobs = (await core.enqueue(now, units.map((u) => path.basename(u)), 'replace')).map(toJob);
    return { changes: report.changes, warnings: report.warnings, jobs };
  };

  const run = (operation: Operation, now: JobType | null) => async (req: { names: string[]; runtime: boolean; force: boolean; now: boolean }): Promise<UnitFileChangesResponse> => {
    const units = names(req.names);
    const report = operation(units, install, { runtime: req.runtime, force: req.force });
    return finish(report, units, req.now ? now : null);
  };

  return {
    EnableUnitFiles: run(enableUnitFiles, 'start'),
    DisableUnitFiles: run(disableUnitFiles, 'stop'),
    ReenableUnitFiles: run(reenableUnitFiles, 'restart'),
    MaskUnitFiles: run(maskUnitFiles, 'stop'),
    UnmaskUnitFiles: async (req) => {
      if (req.now) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'unmask takes no --now: start the units with sctl start.');
      return run(unmaskUnitFiles, null)(req);
    },
    PresetUnitFiles: async (req) => {
      const units = names(req.names);
      const report = presetUnitFiles(units, install, { runtime: req.runtime, force: req.force });
      const response = await finish(report, [], null);
      if (req.now) {
        // Started when the preset left them enabled, stopped otherwise (systemctl preset --now).
        const enabled = units.filter((u) => ['enabled', 'enabled-runtime'].includes(unitFileStateIn(path.basename(u), install)));
        const disabled = units.filter((u) => !enabled.includes(u));
        if (enabled.length > 0) response.jobs!.push(...(await core.enqueue('start', enabled.map((u) => path.basename(u)), 'replace')).map(toJob));
        if (disabled.length > 0) response.jobs!.push(...(await core.enqueue('stop', disabled.map((u) => path.basename(u)), 'replace')).map(toJob));
      }
      return response;
    },
    PresetAllUnitFiles: async (req) => finish(presetAllUnitFiles(install, { runtime: req.runtime, force: req.force }), [], null),

    GetDefaultTarget: async () => ({ name: getDefaultTarget(install) }),
    SetDefaultTarget: async (req) => {
      if (!req.name) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No target given.', { hint: `e.g. sctl set-default ${EXAMPLE_DEFAULT_TARGET}` });
      return finish(setDefaultTarget(normalize(req.name), install), [], null);
    },

    GetUnitFileState: async (req) => ({
      states: await mapInSlices(names(req.names), (name) => ({ name, state: unitFileStateIn(path.basename(name), install) })),
    }),
    ListUnitFiles: async (req) => ({
      files: listUnitFileStates(install, { states: req.states, types: req.types, patterns: req.patterns })
        .map((f) => ({ path: f.path, state: f.state, preset: f.preset })),
    }),
    CatUnit: async (req) => {
      const name = normalize(req.name);
      const source = loadUnitSource(name, install.searchPath);
      if (source.masked) throw new SysmasterError('ERR_UNIT_MASKED', `Unit ${name} is masked.`);
      const paths = [...(source.fragmentPath !== null ? [source.fragmentPath] : []), ...source.dropinPaths];
      if (paths.length === 0) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `No files found for ${name}.`);
      const files = paths.map((file) => {
        try {
          return { path: file, text: readUnitFileText(file) };
        } catch (error) {
          throw new SysmasterError('ERR_SYSTEM', `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
        }
      });
      let needReload = false;
      try {
        needReload = core.unit(name).needDaemonReload;
      } catch {
        needReload = false;
      }
      return { files, need_daemon_reload: needReload };
    },
  };
}
