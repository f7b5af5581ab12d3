import { describe, expect, it } from 'vitest';
import { maskAddress, maskContact, maskEmail, maskFieldChange, maskIdNumber, maskMobile, maskPayload } from './masking.js';

describe('masking personal data for the console', () => {
  it('shows a mobile number as 138****0000', () => {
    expect(maskMobile('13812340000')).toBe('138****0000');
  });

  it('keeps the first 6 and last 4 characters of a 身份证号', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the first and last character of an email local part and its domain', () => {
    expect(maskEmail('chenjing@hzczj.example.com')).toBe('c******g@hzczj.example.com');
    expect(maskEmail('zhaolei@x.cn')).toBe('z*****i@x.cn');
    expect(maskEmail('ab@x.cn')).toBe('a*@x.cn');
    expect(maskEmail('a@x.cn')).toBe('a*@x.cn');
    expect(maskEmail('nonsense')).toBe('********');
  });

  it('masks a delivery address by its channel', () => {
    expect(maskAddress('sms', '13900000002')).toBe('139****0002');
    expect(maskAddress('email', 'wei@x.cn')).toBe('w*i@x.cn');
  });

  it('masks the three personal fields of a contact and nothing else', () => {
    expect(maskContact({ name: '陈静', mobile: '13800000001', email: 'chenjing@x.cn', idNumber: '11010519491231002X' })).toEqual({
      name: '陈静',
      mobile: '138****0001',
      email: 'c******g@x.cn',
      idNumber: '110105********002X',
    });
  });

  it('masks the handler of a form and leaves forms without one alone', () => {
    const form = { type: 'deregister', reason: '撤并', handler: { name: '孙丽', mobile: '13800000003', email: 'sunli@x.cn', idNumber: '11010519491231002X' } };
    const masked = maskPayload(form);
    expect(masked.handler.mobile).toBe('138****0003');
    expect(masked.reason).toBe('撤并');
    expect(form.handler.mobile).toBe('13800000003');
    expect(maskPayload({ type: 'x' })).toEqual({ type: 'x' });
    expect(maskPayload(null)).toBeNull();
  });
});

describe('masking a change of the form', () => {
  it('masks before and after of a personal field and leaves other fields alone', () => {
    expect(maskFieldChange({ field: 'handler.mobile', label: '经办人手机', before: '13800000001', after: '13811110001' })).toEqual({
      field: 'handler.mobile',
      label: '经办人手机',
      before: '138****0001',
      after: '138****0001',
    });
    expect(maskFieldChange({ field: 'handler.idNumber', label: '', before: undefined, after: '11010519491231002X' }).after).toBe('110105********002X');
    const other = { field: 'websiteName', label: '网站名称', before: 'a', after: 'b' };
    expect(maskFieldChange(other)).toEqual(other);
  });
});
