/**
 * The history an application in a given state has behind it, by the transition table's events:
 * submit, 退回 and 重新上报 (a second revision), one approval per step of its chain (confirm_paper
 * at the paper step). The seed joins each generated application to its path to write history rows,
 * review decisions and audit events set-based.
 */
import type { Step } from '../../src/domain/applications/chain.js';
import type { ApplicationStatus } from '../../src/domain/types.js';

export interface PathEvent {
  status: ApplicationStatus;
  chainLen: number;
  revs: number;
  seq: number;
  event: 'submit' | 'approve' | 'return' | 'resubmit' | 'withdraw' | 'confirm_paper';
  from: ApplicationStatus;
  to: ApplicationStatus;
  step: Step | null;
  revision: number;
  actor: 'handler' | 'office' | 'center';
}

export const benchChains: Step[][] = [['office'], ['office', 'center'], ['office', 'center', 'paper']];
const pendingOf = (s: Step): ApplicationStatus => (s === 'office' ? 'pending_office' : s === 'center' ? 'pending_center' : 'pending_paper');
const approvedSteps: Partial<Record<ApplicationStatus, number>> = { pending_office: 0, pending_center: 1, pending_paper: 2 };

function pathFor(status: ApplicationStatus, chain: Step[], revs: number): Omit<PathEvent, 'status' | 'chainLen' | 'revs' | 'seq'>[] {
  if (status === 'draft') return [];
  if (status === 'withdrawn') return [{ event: 'withdraw', from: 'draft', to: 'withdrawn', step: null, revision: 1, actor: 'handler' }];
  const out: Omit<PathEvent, 'status' | 'chainLen' | 'revs' | 'seq'>[] = [{ event: 'submit', from: 'draft', to: 'pending_office', step: null, revision: 1, actor: 'handler' }];
  if (status === 'returned' || revs === 2) out.push({ event: 'return', from: 'pending_office', to: 'returned', step: 'office', revision: 1, actor: 'office' });
  if (status === 'returned') return out;
  if (revs === 2) out.push({ event: 'resubmit', from: 'returned', to: 'pending_office', step: null, revision: 2, actor: 'handler' });
  const done = status === 'approved' ? chain.length : (approvedSteps[status] ?? 0);
  for (let i = 0; i < done; i++) {
    const step = chain[i]!;
    const next = chain[i + 1];
    out.push({ event: step === 'paper' ? 'confirm_paper' : 'approve', from: pendingOf(step), to: next === undefined ? 'approved' : pendingOf(next), step, revision: revs, actor: step === 'center' ? 'center' : 'office' });
  }
  return out;
}

/** Every (state, chain length, revisions) the seed generates, with its events in order. */
export function allPaths(): PathEvent[] {
  const statuses: ApplicationStatus[] = ['draft', 'pending_office', 'pending_center', 'pending_paper', 'approved', 'returned', 'withdrawn'];
  return statuses.flatMap((status) =>
    benchChains.flatMap((chain) => [1, 2].flatMap((revs) => pathFor(status, chain, revs).map((e, seq) => ({ status, chainLen: chain.length, revs, seq, ...e })))),
  );
}
