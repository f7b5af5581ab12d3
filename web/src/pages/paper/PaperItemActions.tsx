import { useState } from 'react';
import { Button, DatePicker, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PaperItem } from '../../applications/types';
import { chinaToday } from '../../format';

export type PaperDecision = { status: 'received'; receivedOn: string } | { status: 'rejected'; reason: string };

/** 收到 (on the date picked, today by default) and 退回 (with a reason) for one item. */
export function PaperItemActions({ item, busy, decide }: { item: PaperItem; busy: boolean; decide: (d: PaperDecision) => Promise<boolean> }) {
  const [day, setDay] = useState<Dayjs | null>(dayjs(chinaToday()));
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reject = async () => {
    setTouched(true);
    if (!reason.trim()) return;
    if (await decide({ status: 'rejected', reason: reason.trim() })) {
      setRejecting(false);
      setReason('');
      setTouched(false);
    }
  };
  return (
    <Space wrap>
      {item.status !== 'received' && (
        <>
          <DatePicker
            value={day}
            onChange={setDay}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(chinaToday()), 'day')}
            aria-label={`${item.label}收到日期`}
            style={{ width: 140 }}
          />
          <Button type="primary" size="small" disabled={busy || !day} onClick={() => day && void decide({ status: 'received', receivedOn: day.format('YYYY-MM-DD') })}>
            收到
          </Button>
        </>
      )}
      {item.status !== 'rejected' && (
        <Button size="small" danger disabled={busy} onClick={() => setRejecting(true)}>
          退回
        </Button>
      )}
      <Modal
        title={`退回纸质材料：${item.label}`}
        open={rejecting}
        onCancel={() => setRejecting(false)}
        onOk={() => void reject()}
        okText="确定退回"
        cancelText="取消"
        okButtonProps={{ danger: true, loading: busy }}
      >
        <Typography.Paragraph>请填写退回原因，系统将以短信和邮件告知经办人。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="退回原因"
          status={touched && !reason.trim() ? 'error' : undefined}
        />
        {touched && !reason.trim() && <Typography.Text type="danger">请填写退回原因</Typography.Text>}
      </Modal>
    </Space>
  );
}
