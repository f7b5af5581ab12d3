import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { DomainError } from '../errors.js';
import { applicationStatuses, roles, type ApplicationStatus, type Role } from '../types.js';
import type { Step } from './chain.js';
import {
  allowedEvents,
  applicationEvents,
  applyTransition,
  type ApplicationEvent,
  type TransitionFacts,
  type WorkflowState,
} from './transitions.js';

const actor = (role: Role): Actor => ({
  id: `u-${role}`,
  username: role,
  role,
  unitId: role === 'handler' ? 'unit-1' : null,
  regionCode: role === 'office_reviewer' ? '330100' : null,
  regionPath: role === 'office_reviewer' ? '330000/330100' : null,
});

const fullChain: Step[] = ['office', 'center', 'paper'];

/** Each state with the step index it has under the full chain. */
const stepIndexOf: Record<ApplicationStatus, number> = {
  draft: 0,
  pending_office: 0,
  pending_center: 1,
  pending_paper: 2,
  approved: 3,
  returned: 1,
  withdrawn: 0,
};
const fixture = (status: ApplicationStatus, chain: Step[] = fullChain): WorkflowState => ({
  status,
  chain,
  stepIndex: stepIndexOf[status],
});

/** Facts that satisfy every guard, so the matrix checks state, role and step only. */
const goodFacts: TransitionFacts = {
  reasons: [{ field: 'siteName', reason: '网站名称与浏览器标题不一致' }],
  paperItems: [{ status: 'received' }, { status: 'received' }],
};

/**
 * Written out by hand from DESIGN.md, not derived from the table. A status means the event
 * succeeds and leads there; otherwise the error code.
 * Columns:     handler            office_reviewer    center_reviewer    admin      auditor
 */
const S = 'INVALID_STATE';
const R = 'ROLE_NOT_ALLOWED';
const N = 'NOT_YOUR_STEP';
type Outcome = ApplicationStatus | typeof S | typeof R | typeof N;
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome];
const allState: Row = [S, S, S, S, S];

const expected: Record<ApplicationStatus, Record<ApplicationEvent, Row>> = {
  draft: {
    submit: ['pending_office', R, R, R, R],
    approve: allState,
    return: allState,
    resubmit: allState,
    withdraw: ['withdrawn', R, R, R, R],
    confirm_paper: allState,
  },
  pending_office: {
    submit: allState,
    approve: [R, 'pending_center', N, R, R],
    return: [R, 'returned', N, R, R],
    resubmit: allState,
    withdraw: ['withdrawn', R, R, R, R],
    confirm_paper: allState,
  },
  pending_center: {
    submit: allState,
    approve: [R, N, 'pending_paper', R, R],
    return: [R, N, 'returned', R, R],
    resubmit: allState,
    withdraw: allState,
    confirm_paper: allState,
  },
  pending_paper: {
    submit: allState,
    approve: allState,
    return: [R, 'returned', N, R, R],
    resubmit: allState,
    withdraw: allState,
    confirm_paper: [R, 'approved', R, R, R],
  },
  approved: {
    submit: allState,
    approve: allState,
    return: allState,
    resubmit: allState,
    withdraw: allState,
    confirm_paper: allState,
  },
  returned: {
    submit: allState,
    approve: allState,
    return: allState,
    resubmit: ['pending_office', R, R, R, R],
    withdraw: ['withdrawn', R, R, R, R],
    confirm_paper: allState,
  },
  withdrawn: {
    submit: allState,
    approve: allState,
    return: allState,
    resubmit: allState,
    withdraw: allState,
    confirm_paper: allState,
  },
};

const outcomeOf = (state: WorkflowState, event: ApplicationEvent, role: Role): string => {
  try {
    return applyTransition(state, event, actor(role), goodFacts).status;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

const cases = applicationStatuses.flatMap((s) =>
  applicationEvents.flatMap((e) => roles.map((r, col) => [s, e, r, col] as const)),
);

describe('the transition table, every (state × event × role)', () => {
  it('covers 7 × 6 × 5 = 210 combinations', () => {
    expect(cases).toHaveLength(210);
  });

  it.each(cases)('%s + %s by %s', (status, event, role, col) => {
    const want = expected[status][event][col];
    expect(outcomeOf(fixture(status), event, role)).toBe(want);
  });

  it.each(cases)('allowedEvents agrees with the matrix: %s + %s by %s', (status, event, role, col) => {
    const want = expected[status][event][col];
    const succeeds = want !== S && want !== R && want !== N;
    expect(allowedEvents(fixture(status), actor(role)).includes(event)).toBe(succeeds);
  });
});

describe('errors', () => {
  it('names the state and the event in Chinese when the state forbids the event', () => {
    expect(() => applyTransition(fixture('approved'), 'submit', actor('handler'))).toThrow(
      '当前状态（已通过）不能执行“提交”操作',
    );
  });

  it('maps each rule to its HTTP status', () => {
    const statusOf = (f: () => unknown): number | undefined => {
      try {
        f();
      } catch (e) {
        if (e instanceof DomainError) return e.status;
      }
      return undefined;
    };
    expect(statusOf(() => applyTransition(fixture('approved'), 'approve', actor('center_reviewer')))).toBe(409);
    expect(statusOf(() => applyTransition(fixture('draft'), 'submit', actor('auditor')))).toBe(403);
    expect(statusOf(() => applyTransition(fixture('pending_center'), 'approve', actor('office_reviewer')))).toBe(403);
    expect(statusOf(() => applyTransition(fixture('pending_office'), 'return', actor('office_reviewer')))).toBe(400);
    expect(statusOf(() => applyTransition(fixture('pending_paper'), 'confirm_paper', actor('office_reviewer')))).toBe(409);
  });

  it('checks the state before the role', () => {
    expect(() => applyTransition(fixture('withdrawn'), 'approve', actor('auditor'))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it('checks step ownership before the reasons', () => {
    expect(() => applyTransition(fixture('pending_center'), 'return', actor('office_reviewer'))).toThrow(
      expect.objectContaining({ code: 'NOT_YOUR_STEP' }),
    );
  });

  it('reports corrupt data when the status and the step index disagree', () => {
    const state: WorkflowState = { status: 'pending_center', chain: fullChain, stepIndex: 0 };
    expect(() => applyTransition(state, 'approve', actor('center_reviewer'))).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_CORRUPT', status: 500 }),
    );
  });
});

describe('approve', () => {
  it('moves to the next step of the chain', () => {
    expect(applyTransition(fixture('pending_office'), 'approve', actor('office_reviewer'))).toEqual({
      status: 'pending_center',
      stepIndex: 1,
      step: 'center',
      final: false,
    });
  });

  it('approves finally when the centre approves the last step of [office, center]', () => {
    const state: WorkflowState = { status: 'pending_center', chain: ['office', 'center'], stepIndex: 1 };
    expect(applyTransition(state, 'approve', actor('center_reviewer'))).toEqual({
      status: 'approved',
      stepIndex: 2,
      step: null,
      final: true,
    });
  });

  it('approves a 注销 (chain [office]) at the 编办', () => {
    const state: WorkflowState = { status: 'pending_office', chain: ['office'], stepIndex: 0 };
    expect(applyTransition(state, 'approve', actor('office_reviewer'))).toMatchObject({
      status: 'approved',
      final: true,
    });
  });

  it('lets the centre approve a chain that starts at the centre', () => {
    const state: WorkflowState = { status: 'pending_center', chain: ['center'], stepIndex: 0 };
    expect(applyTransition(state, 'approve', actor('center_reviewer'))).toMatchObject({ status: 'approved' });
  });
});

describe('return', () => {
  const returnWith = (facts: TransitionFacts) =>
    applyTransition(fixture('pending_office'), 'return', actor('office_reviewer'), facts);

  it('requires a reason', () => {
    expect(() => returnWith({})).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED', field: 'reasons' }));
    expect(() => returnWith({ reasons: [] })).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
  });

  it('does not count blank reasons', () => {
    const blank = { reasons: [{ reason: '' }, { field: 'ip', reason: '  \n ' }] };
    expect(() => returnWith(blank)).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
  });

  it('accepts one real reason among blank ones and keeps the step index', () => {
    const result = returnWith({ reasons: [{ reason: ' ' }, { field: 'ip', reason: 'IP地址无法访问' }] });
    expect(result).toEqual({ status: 'returned', stepIndex: 0, step: null, final: false });
  });
});

describe('confirm_paper', () => {
  const confirmWith = (facts: TransitionFacts) =>
    applyTransition(fixture('pending_paper'), 'confirm_paper', actor('office_reviewer'), facts);

  it('refuses while an item is still expected', () => {
    const facts: TransitionFacts = { paperItems: [{ status: 'received' }, { status: 'expected' }] };
    expect(() => confirmWith(facts)).toThrow(expect.objectContaining({ code: 'PAPER_INCOMPLETE' }));
  });

  it('refuses when an item was rejected', () => {
    const facts: TransitionFacts = { paperItems: [{ status: 'rejected' }, { status: 'received' }] };
    expect(() => confirmWith(facts)).toThrow(expect.objectContaining({ code: 'PAPER_INCOMPLETE' }));
  });

  it('refuses when no paper item is recorded at all', () => {
    expect(() => confirmWith({})).toThrow(expect.objectContaining({ code: 'PAPER_INCOMPLETE' }));
  });

  it('approves finally when every item is received', () => {
    expect(confirmWith({ paperItems: [{ status: 'received' }] })).toEqual({
      status: 'approved',
      stepIndex: 3,
      step: null,
      final: true,
    });
  });
});

describe('submit and resubmit', () => {
  it('submit starts at the first step of the chain', () => {
    const state: WorkflowState = { status: 'draft', chain: ['center', 'paper'], stepIndex: 0 };
    expect(applyTransition(state, 'submit', actor('handler'))).toEqual({
      status: 'pending_center',
      stepIndex: 0,
      step: 'center',
      final: false,
    });
  });

  it('resubmit restarts the review at chain[0], wherever it was returned', () => {
    const state: WorkflowState = { status: 'returned', chain: fullChain, stepIndex: 2 };
    expect(applyTransition(state, 'resubmit', actor('handler'))).toEqual({
      status: 'pending_office',
      stepIndex: 0,
      step: 'office',
      final: false,
    });
  });
});

describe('allowedEvents', () => {
  it('offers a handler submit and withdraw on a draft', () => {
    expect(allowedEvents(fixture('draft'), actor('handler'))).toEqual(['submit', 'withdraw']);
  });

  it('offers the 编办 approve and return at its step, nothing at the centre step', () => {
    expect(allowedEvents(fixture('pending_office'), actor('office_reviewer'))).toEqual(['approve', 'return']);
    expect(allowedEvents(fixture('pending_center'), actor('office_reviewer'))).toEqual([]);
  });

  it('offers return and confirm_paper at the paper step without knowing the paper items', () => {
    expect(allowedEvents(fixture('pending_paper'), actor('office_reviewer'))).toEqual(['return', 'confirm_paper']);
  });

  it('offers nothing to an auditor or on an approved application', () => {
    expect(allowedEvents(fixture('pending_office'), actor('auditor'))).toEqual([]);
    expect(allowedEvents(fixture('approved'), actor('handler'))).toEqual([]);
  });
});
