import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Space, Typography, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api';
import { PaperTable } from '../../applications/PaperTable';
import { StatusTag } from '../../applications/StatusTag';
import type { ApplicationView, PaperItem } from '../../applications/types';
import { chinaToday, dash } from '../../format';

/** GET /api/paper/lookup (src/app/applications/print-form.ts lookupPrintCode). */
interface Lookup {
  matches: boolean;
  reason: 'old_revision' | 'content_changed' | null;
  message: string;
  printedRevision: number;
  currentRevision: number;
  application: ApplicationView;
  paperItems: PaperItem[];
}

const maxCode = 300;

/**
 * 扫描或输入核验码: a barcode scanner types the QR content (the URL …/paper?code=ZM1-…, or the
 * code) and Enter. Shows which application and revision the paper was printed from, whether it
 * matches the current one, and 确认收到 marks the application form received.
 */
export function PaperCodeLookup({ initialCode, refreshKey, onReceived }: { initialCode: string | null; refreshKey: number; onReceived: () => void }) {
  const { message } = App.useApp();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState(initialCode ?? '');
  const [code, setCode] = useState<string | null>(null);
  const [found, setFound] = useState<Lookup | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [day, setDay] = useState<Dayjs | null>(dayjs(chinaToday()));

  const lookup = useCallback(async (raw: string, quiet = false) => {
    const c = raw.trim();
    setFieldError(null);
    setError(null);
    if (!c) {
      setFieldError('请扫描或输入核验码');
      return;
    }
    if (!quiet) setLoading(true);
    try {
      setFound(await api.get<Lookup>('/api/paper/lookup', { code: c }));
      setCode(c);
    } catch (err) {
      setFound(null);
      setCode(null);
      if (err instanceof ApiError && err.field === 'code') setFieldError(err.message);
      else setError(errorMessage(err));
    } finally {
      setLoading(false);
      input.current?.select();
    }
  }, []);

  useEffect(() => {
    if (initialCode) {
      setText(initialCode);
      void lookup(initialCode);
    }
  }, [initialCode, lookup]);

  // Paper received on the cards below changes what the looked-up application shows.
  useEffect(() => {
    if (refreshKey > 0 && code) void lookup(code, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  const receive = async () => {
    if (!code || !found) return;
    setBusy(true);
    try {
      const r = await api.post<ApplicationView>('/api/paper/receive', { code, ...(day ? { receivedOn: day.format('YYYY-MM-DD') } : {}) });
      message.success(r.status === 'approved' ? `申请 ${r.number} 的纸质材料已收齐，申请已通过` : `申请 ${r.number} 的申请表已登记收到`);
      onReceived();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
      await lookup(code, true);
    }
  };

  const a = found?.application;
  const form = found?.paperItems.find((i) => i.kind === 'application_form') ?? found?.paperItems[0];
  const canReceive = !!found?.matches && !!a?.allowedActions.includes('receive_paper') && !!form && form.status !== 'received';
  return (
    <Card size="small" title="按核验码接收纸质材料" style={{ marginBottom: 16 }} data-testid="paper-lookup">
      <Form layout="vertical" component="div">
        <Form.Item
          label="扫描或输入核验码"
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError ?? '用扫码枪扫描申请表上的二维码，或输入二维码下方的核验码（ZM1-…），按回车查询'}
          style={{ marginBottom: 12 }}
        >
          <Input.Search
            ref={input}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => void lookup(v)}
            maxLength={maxCode}
            allowClear
            enterButton="查询"
            loading={loading}
            placeholder="扫描或输入核验码"
            aria-label="扫描或输入核验码"
            autoComplete="off"
            autoFocus
            style={{ maxWidth: 640 }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {found && a && (
        <div data-testid="paper-lookup-result">
          <Alert
            type={found.matches ? 'success' : 'error'}
            showIcon
            title={found.message}
            description={found.matches ? undefined : '此纸质材料不予接收，请单位按当前申请重新打印申请表，加盖单位公章后提交。'}
            style={{ marginBottom: 12 }}
            data-testid={found.matches ? 'paper-matches' : 'paper-mismatch'}
          />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'number', label: '申请编号', children: <Link to={`/review/${a.id}`}>{a.number}</Link> },
              { key: 'type', label: '申请类型', children: a.typeLabel },
              { key: 'status', label: '状态', children: <StatusTag app={a} /> },
              { key: 'website', label: '网站名称', children: dash(a.websiteName) },
              { key: 'unitType', label: '单位类型', children: a.unit.typeLabel },
              {
                key: 'revision',
                label: '打印版本',
                children: `第${found.printedRevision}版${found.printedRevision === found.currentRevision ? '' : `（当前为第${found.currentRevision}版）`}`,
              },
            ]}
          />
          <PaperTable items={found.paperItems} />
          <Space wrap style={{ marginTop: 12 }}>
            {canReceive && (
              <DatePicker
                value={day}
                onChange={setDay}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')}
                aria-label="申请表收到日期"
                style={{ width: 140 }}
              />
            )}
            <Button type="primary" disabled={!canReceive || busy} loading={busy} onClick={() => void receive()}>
              确认收到
            </Button>
            {found.matches && form?.status === 'received' && <Typography.Text type="secondary">申请表已登记收到</Typography.Text>}
          </Space>
        </div>
      )}
    </Card>
  );
}
