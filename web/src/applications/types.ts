/** Shapes of the application API (src/app/applications/present.ts, queries.ts, domain payload.ts). */

export type ApplicationType = 'new_site' | 're_review' | 'change' | 'deregister';
export type ApplicationStatus = 'draft' | 'pending_office' | 'pending_center' | 'pending_paper' | 'approved' | 'returned' | 'withdrawn';
export type Hosting = 'red_page' | 'self_hosted';
export type Step = 'office' | 'center' | 'paper';
export type UnitType = 'party_government' | 'public_institution';

export interface Contact {
  name: string;
  mobile: string;
  email: string;
  idNumber: string;
}

export interface RedPage {
  address: string;
  functions: string;
  phone: string;
}

interface SiteFields {
  hosting: Hosting;
  websiteName: string;
  englishDomain?: string | null;
  ipAddresses?: string[];
  description: string;
  redPage?: RedPage | null;
  handler: Contact;
}

export type SitePayload =
  | ({ type: 'new_site'; domainId: string } & SiteFields)
  | ({ type: 're_review'; websiteId: string } & SiteFields)
  | ({ type: 'change'; websiteId: string } & SiteFields);
export type DeregisterPayload = { type: 'deregister'; websiteId: string; reason: string; handler: Contact };
export type Payload = SitePayload | DeregisterPayload;

/** `allowedActions`: 'submit','approve','return','withdraw','confirm_paper','edit','revise','receive_paper'. */
export interface ApplicationView {
  id: string;
  number: string;
  type: ApplicationType;
  typeLabel: string;
  status: ApplicationStatus;
  statusLabel: string;
  step: Step | null;
  stepLabel: string | null;
  chain: { step: Step; label: string; state: 'done' | 'current' | 'pending' }[];
  unit: { id: string; type: UnitType; typeLabel: string; name: string | null };
  websiteId: string | null;
  domainId: string | null;
  websiteName: string | null;
  revision: number;
  version: number;
  submittedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  createdAt: string;
  allowedActions: string[];
}

export interface Warning {
  code: string;
  message: string;
}

export interface Decision {
  step: Step;
  stepLabel: string;
  decision: 'approve' | 'return';
  decisionLabel: string;
  reasons: { field?: string; reason: string; label: string | null }[];
  reviewerName: string | null;
  revision: number;
  createdAt: string;
}

export interface HistoryEntry {
  event: string;
  eventLabel: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  toLabel: string;
  actorName: string | null;
  actorRole: string | null;
  revision: number;
  at: string;
}

export interface PaperItem {
  id: string;
  kind: string;
  label: string;
  copies: number;
  status: 'expected' | 'received' | 'rejected';
  receivedAt: string | null;
  note: string | null;
}

export interface FieldChange {
  field: string;
  label: string;
  before?: unknown;
  after?: unknown;
}

export interface ApplicationDetail extends Omit<ApplicationView, 'unit'> {
  payload: Payload;
  hostingSentence: string | null;
  warnings: Warning[];
  unit: {
    id: string;
    name: string;
    type: UnitType;
    typeLabel: string;
    uscc: string;
    regionCode: string;
    address: string | null;
    functions: string | null;
    phone: string | null;
  };
  domain: { id: string; name: string; ace: string } | null;
  website: { id: string; name: string; hosting: Hosting; badgeNumber: string | null; badgeVersion: number; status: string } | null;
  revisions: { revision: number; createdAt: string; contentHash: string; payload: Payload; warnings: Warning[] }[];
  diff: FieldChange[];
  decisions: Decision[];
  returnedFields: string[];
  history: HistoryEntry[];
  paperItems: PaperItem[];
}

export interface QueueResponse {
  items: ApplicationView[];
  nextCursor: string | null;
  counts: Partial<Record<ApplicationStatus, number>>;
  /** The filter was counted row by row and stopped at the server's cap: the counts are lower bounds. */
  countsCapped?: boolean;
}

export interface BatchResult {
  results: ({ id: string; ok: true; application: ApplicationView } | { id: string; ok: false; error: { code: string; message: string } })[];
  approved: number;
  failed: number;
}

export interface BadgeCode {
  snippet: string;
  scriptUrl: string;
  verifyUrl: string;
  badgeNumber: string | null;
  badgeVersion?: number;
}
