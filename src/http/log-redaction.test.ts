import { describe, expect, it } from 'vitest';
import { redactUrl, requestLogSerializer } from './log-redaction.js';

describe('redactUrl', () => {
  it('replaces the values of free-text parameters and keeps the rest', () => {
    expect(redactUrl('/api/admin/users?q=13800000000&page=2')).toBe('/api/admin/users?q=[redacted]&page=2');
    expect(redactUrl('/api/admin/notifications?to=a%40b.cn&channel=email')).toBe('/api/admin/notifications?to=[redacted]&channel=email');
    expect(redactUrl('/api/audit-events?actor=jb1&target=110101199003070015&result=success')).toBe('/api/audit-events?actor=[redacted]&target=[redacted]&result=success');
  });

  it('treats an encoded parameter name like the plain one and unknown names as free text', () => {
    expect(redactUrl('/api/review/queue?%73tatus=pending_office&x%3D=1')).toBe('/api/review/queue?%73tatus=pending_office&x%3D=[redacted]');
    expect(redactUrl('/api/x?%E0%A4%A=1')).toBe('/api/x?%E0%A4%A=[redacted]');
  });

  it('leaves URLs without a query, empty queries and bare flags as they are', () => {
    expect(redactUrl('/api/applications/1')).toBe('/api/applications/1');
    expect(redactUrl('/api/x?')).toBe('/api/x?');
    expect(redactUrl('/api/x?flag&page=1')).toBe('/api/x?flag&page=1');
  });
});

describe('requestLogSerializer', () => {
  it('logs method, redacted URL and the client', () => {
    expect(requestLogSerializer({ method: 'GET', url: '/api/admin/units?q=91110000', hostname: 'h', ip: '10.0.0.1', socket: { remotePort: 5 } })).toEqual({
      method: 'GET',
      url: '/api/admin/units?q=[redacted]',
      host: 'h',
      remoteAddress: '10.0.0.1',
      remotePort: 5,
    });
  });
});
