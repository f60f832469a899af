import { HandoffEventKind } from './handoff-event-kind.enum';
import { HandoffStatus } from './handoff-status.enum';

/** A change of a handoff's status: the statuses it may start from, and the one it ends in. */
export interface Transition {
  /** Names the transition in errors ("cannot be closed"). */
  verb: string;
  from: readonly HandoffStatus[];
  to: HandoffStatus;
  kind: HandoffEventKind;
}

const { OPEN, ACKNOWLEDGED, CLOSED } = HandoffStatus;

/** The whole state machine; any transition not listed here is refused. */
export const TRANSITIONS = {
  acknowledge: {
    verb: 'acknowledged',
    from: [OPEN],
    to: ACKNOWLEDGED,
    kind: HandoffEventKind.ACKNOWLEDGED,
  },
  close: { verb: 'closed', from: [OPEN, ACKNOWLEDGED], to: CLOSED, kind: HandoffEventKind.CLOSED },
  reopen: { verb: 'reopened', from: [CLOSED], to: OPEN, kind: HandoffEventKind.REOPENED },
} as const satisfies Record<string, Transition>;

/** Edits and reassignment change a handoff that is not closed, without changing its status. */
export const ACTIVE: readonly HandoffStatus[] = [OPEN, ACKNOWLEDGED];
