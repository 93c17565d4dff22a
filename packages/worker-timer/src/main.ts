#!/usr/bin/env node
// sm-timer: the timer unit-type worker. Started by the core (units/workers/timer.conf).
import { start } from './start';

void start();
