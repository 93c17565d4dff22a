// State machines as tables (docs/coding-habits.md habit 3).
//
// A unit type describes its life cycle as one table `state × event → next state`. Every change of
// state goes through `transition(from, event, reason)`, which looks the move up, refuses a move
// the table does not contain (ERR_WRONG_STATE, so a bug in the caller shows up as a clear error on
// the RPC instead of a silently corrupted unit), and logs `FROM -> TO` with the reason. The
// table is data: tests and documentation can enumerate it, and a missing row is visible.
//
// The generic active state of a unit (common.proto's ActiveState, which the core's job engine
// understands) is a typed `Record<SubState, ActiveState>` per type, so forgetting a sub-state is
// a compile error. A type need not use every active state (few have `maintenance`).
import { SysmasterError, type ActiveState } from '@sysmaster/proto';
import type { Logger } from './logger';

export type { ActiveState };

/** A type's total map from its sub-states to the generic active states. */
export type ActiveStateMap<SubState extends string> = Record<SubState, ActiveState>;

/** The transition table: for each state, the events it accepts and the state each leads to. */
export type TransitionTable<State extends string, Event extends string> = Record<State, Partial<Record<Event, State>>>;

export interface StateMachine<State extends string, Event extends string> {
  readonly table: TransitionTable<State, Event>;
  /** True when `event` is legal in state `from`. */
  can(from: State, event: Event): boolean;
  /**
   * The state `event` leads to from `from`; throws ERR_WRONG_STATE when the table has no such
   * move. Logs `FROM -> TO` with the reason (and the subject, e.g. the unit name, when given).
   */
  transition(from: State, event: Event, reason: string, subject?: string): State;
}

/** Builds a state machine over `table`; `log` receives one line per transition. */
export function defineStateMachine<State extends string, Event extends string>(
  table: TransitionTable<State, Event>,
  options: { log?: Logger; name?: string } = {},
): StateMachine<State, Event> {
  const name = options.name ?? 'state machine';
  return {
    table,
    can(from, event) {
      return table[from]?.[event] !== undefined;
    },
    transition(from, event, reason, subject) {
      const to = table[from]?.[event];
      if (to === undefined) {
        throw new SysmasterError('ERR_WRONG_STATE',
          `${subject ? `${subject}: ` : ''}${name} cannot take event '${event}' in state '${from}' (${reason})`);
      }
      options.log?.info(`${from} -> ${to}`, { unit: subject, event, reason });
      return to;
    },
  };
}
