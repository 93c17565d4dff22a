#!/usr/bin/env node
// sm-flag: the flag unit-type worker, started by the core from flag.conf.
import { runWorkerProcess } from '@sysmaster/worker-kit';
import { FLAG_WORKER } from './flag';

void runWorkerProcess(FLAG_WORKER);
