/** Shapes of the console API (see the API contract); timestamps are ISO strings. */

export type Role = 'handler' | 'office_reviewer' | 'center_reviewer' | 'admin' | 'auditor';

export interface MenuItem {
  key: string;
  label: string;
  path?: string;
  children?: MenuItem[];
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  unit: (UnitRef & { type: string; typeLabel: string }) | null;
  region: RegionRef | null;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
  mustChangeReason: 'expired' | 'reset' | null;
  passwordExpiresAt: string | null;
  /** What the session must do first: type the 动态口令, change the password, set up 二次验证. */
  restriction: 'second_factor' | 'password_change' | 'second_factor_enrolment' | null;
  secondFactor: { required: boolean; enabled: boolean; enabledAt: string | null };
  menu: MenuItem[];
}

/** 二次验证 set-up: the secret shown once, as text and as a QR code of its otpauth:// URI. */
export interface SecondFactorEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
  expiresAt: string;
}

export interface Support {
  hotline: string;
  centreName: string;
}

export interface Domain {
  id: string;
  name: string;
  ace: string;
  tld: string;
  status: string;
  statusLabel: string;
  registeredAt: string;
  expiresAt: string;
  unit: UnitRef;
  allowedActions: string[];
}

export interface Website {
  id: string;
  name: string;
  domain: { id: string; name: string };
  hosting: 'red_page' | 'self_hosted';
  hostingLabel: string;
  englishDomain: string | null;
  ipAddresses: string[];
  description: string;
  status: string;
  statusLabel: string;
  badgeNumber: string | null;
  badgeVersion: number;
  unit: UnitRef;
  /** The application in progress on this website (变更 / 注销 / 资格复核), if any. */
  openApplication?: { id: string; number: string; typeLabel: string; statusLabel: string } | null;
  allowedActions: string[];
}

export interface InboxMessage {
  id: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

export interface AdminUnit {
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  uscc: string;
  region: RegionRef;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  unit: UnitRef | null;
  region: RegionRef | null;
  mobile: string | null;
  email: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  secondFactorEnabled: boolean;
  createdAt: string;
  version: number;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** GET /api/account: the logged-in user's own contact details. */
export interface Account {
  username: string;
  displayName: string;
  mobile: string | null;
  email: string | null;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'logged';
export type DeliveryChannel = 'sms' | 'email';

/** One SMS or email of the delivery log (src/app/notifications/delivery-log.ts). */
export interface Delivery {
  id: string;
  channel: DeliveryChannel;
  channelLabel: string;
  template: string;
  /** The address; a mobile is masked for reviewers on an application's log. */
  to: string | null;
  subject: string;
  status: DeliveryStatus;
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: string | null;
  createdAt: string;
  applicationId: string | null;
}
