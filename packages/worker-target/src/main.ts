#!/usr/bin/env node
// sm-target: the target unit-type worker. Started by the core (units/workers/target.conf).
import { start } from './start';

void start();
