import { Button, Modal, Table, Tag, Typography } from 'antd';
import type { ApplicationView, BatchResult } from '../../applications/types';

/** 批量通过: one line per application, approved or why not. */
export function BatchResultModal({ result, items, onClose }: { result: BatchResult | null; items: ApplicationView[]; onClose: () => void }) {
  const number = (id: string) => items.find((i) => i.id === id)?.number ?? id;
  const unit = (id: string) => items.find((i) => i.id === id)?.unit.name ?? '—';
  return (
    <Modal title="批量通过结果" open={result !== null} onCancel={onClose} width={720} footer={<Button type="primary" onClick={onClose}>关闭</Button>}>
      {result && (
        <>
          <Typography.Paragraph data-testid="batch-summary">
            共 {result.results.length} 条：通过 {result.approved} 条，失败 {result.failed} 条。
          </Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result.results}
            scroll={{ y: 400 }}
            columns={[
              { title: '申请编号', key: 'number', render: (_, r) => number(r.id) },
              { title: '单位', key: 'unit', render: (_, r) => unit(r.id) },
              {
                title: '结果',
                key: 'result',
                render: (_, r) =>
                  r.ok ? (
                    <Tag color="success">已通过 → {r.application.statusLabel}</Tag>
                  ) : (
                    <Typography.Text type="danger">{r.error.message}</Typography.Text>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
