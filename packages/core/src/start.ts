// The core's process: settings, logging, the engine, the API on the inherited sockets, boot,
// and the rules of a long-running manager (never exit because of an error; SIGTERM means
// poweroff only when no init owns shutdown).
import fs from 'node:fs';
import path from 'node:path';
import * as sys from '@sysmaster/sys';
import { CONTRACT_VERSION, IMAGE_STARTED_USEC, configDir, connect, runtimePaths, type Client, type ManagerProcess } from '@sysmaster/proto';
import { serveApi } from './api';
import type { ShutdownKind } from './manager-core';
import { coreHostHandlers } from './host';
import { createLogger, type Logger } from './log';
import { readSystemConfig } from './system-config';
import { openStoreSafely, type CoreStore } from './store';
import { readRegistrations } from './workers/registry';
import { createCore } from './core';
import { execCore, reexecute } from './reexec';
import { createHandover } from './final-handover';


function isSocketFd(fd: number): boolean {
  try {
    return fs.fstatSync(fd).isSocket();
  } catch {
    return false;
  }
}

function openStoreOrMemory(log: Logger): CoreStore {
  return openStoreSafely(runtimePaths().stateDir, (message) => log.error(message), path.join(configDir(), '.presets-applied'));
}

/** init's and the core's entries of GetManagerProcesses. */
async function ownProcesses(initClient: () => Client<'Init'> | null): Promise<ManagerProcess[]> {
  const init = initClient();
  const status = await init?.Status({}, { timeoutMs: 1_000 }).catch(() => null);
  init?.close();
  const out: ManagerProcess[] = [];
  if (status) {
    out.push({
      name: 'init', role: 'init', pid: status.pid, image_started_usec: status.image_started_usec, starts: 1, reexecs: status.reexecs,
      last_replacement: '', state: status.state, version: '', contract_version: status.contract_version,
    });
  }
  out.push({
    name: 'sysmaster', role: 'core', pid: process.pid, image_started_usec: IMAGE_STARTED_USEC,
    starts: Number(process.env.SYSMASTER_CORE_GENERATION ?? 1) || 1, reexecs: Number(process.env.SYSMASTER_CORE_REEXECS ?? 0) || 0,
    last_replacement: status?.last_core_replacement ?? '', state: 'running', version: '', contract_version: CONTRACT_VERSION,
  });
  return out;
}

export async function start(): Promise<void> {
  if (process.argv.includes('--contract-version')) {
    // daemon-reexec's preflight (reexec.ts): every module of this code loaded; say what it speaks.
    process.stdout.write(`${CONTRACT_VERSION}\n`);
    return;
  }
  process.title = 'sysmaster';
  const inherited = [3, 4].filter(isSocketFd);
  sys.markFdsCloexec(5);
  for (const fd of inherited) sys.setCloexec(fd, true); // we never pass the sctl sockets on
  const { config, warnings } = readSystemConfig();
  const log = createLogger(config.logLevel);
  for (const w of warnings) log.warn(`${w.file}: ${w.key ? `${w.key}: ` : ''}${w.message}`);
  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
  sys.onChildExit((info) => log.info(`process ${info.pid} exited (${info.signal ?? `code ${info.code}`})`, { pid: info.pid }));

  const underInit = process.env.SYSMASTER_CORE_GENERATION !== undefined;
  const { workers: registrations, problems } = readRegistrations();
  for (const p of problems) log.error(`worker registration ${p.file}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
  if (registrations.size === 0) log.warn('no worker is registered; no unit can be loaded');

  let closeApi: () => Promise<void> = async () => undefined;
  const store = openStoreOrMemory(log);
  // finalStep and SIGTERM around it (final-handover.ts); runtime and the API are made below.
  const handover = createHandover({
    underInit,
    askInit: async (kind) => {
      const init = connect('Init', runtimePaths().initSocket);
      try {
        await init.Shutdown({ kind }, { timeoutMs: 3_000 });
      } finally {
        init.close();
      }
    },
    closeRuntime: () => runtime.close(),
    closeApi: () => closeApi(),
    powerOff: () => manager.shutdown('poweroff'),
    exit: (code) => process.exit(code),
    log,
  });
  const finalStep = (kind: ShutdownKind): Promise<void> => handover.finalStep(kind);
  // RebootArgument=: where init's final step can read it (systemd's /run/systemd/reboot-param).
  const writeRebootArgument = (argument: string): void => {
    try {
      fs.writeFileSync(path.join(runtimePaths().dir, 'reboot-param'), `${argument}\n`);
    } catch (error) {
      log.warn(`cannot record the reboot argument: ${(error as Error).message}`);
    }
  };
  const mainScript = path.join(__dirname, 'main.js');
  const initClient = (): Client<'Init'> | null => (underInit ? connect('Init', runtimePaths().initSocket) : null);
  const reexecuteAll = (): Promise<string[]> => reexecute({
    log, workers: runtime.pool, init: initClient, mainScript,
    execSelf: () => execCore({
      log, closeStore: () => store.close(), keepFds: inherited, setCloexec: sys.setCloexec, execve: sys.execve, init: initClient, mainScript,
    }),
  });
  const runtime = createCore({
    log, config, store, sys, registrations, finalStep, writeRebootArgument, reexecute: reexecuteAll,
    managerProcesses: () => ownProcesses(initClient),
  });
  const { manager } = runtime;

  let synced = (): void => undefined;
  const ready = new Promise<void>((resolve) => { synced = resolve; });
  const api = await serveApi(manager, {
    ready,
    ...(inherited.includes(3) ? { privateFd: 3 } : {}),
    ...(inherited.includes(4) ? { publicFd: 4 } : {}),
    log,
    hostHandlers: coreHostHandlers(manager, log),
  });
  closeApi = () => api.close();

  process.on('SIGTERM', () => handover.onTerm('SIGTERM'));
  process.on('SIGINT', () => handover.onTerm('SIGINT'));

  await runtime.bringUp(() => {
    log.info('the workers\' units and the job queue are in sync: serving every call');
    synced();
  });
}
