import { Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../applications/StatusTag';
import type { ApplicationView } from '../../applications/types';
import dayjs from 'dayjs';
import { dash } from '../../format';

const minute = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The queue's columns; `remember` keeps the queue's order for next/previous on the detail page. */
export const queueColumns = (remember: () => void): TableColumnsType<ApplicationView> => [
  {
    title: '申请编号',
    key: 'number',
    render: (_, a) => (
      <Link to={`/review/${a.id}`} onClick={remember}>
        {a.number}
      </Link>
    ),
  },
  { title: '单位', key: 'unit', render: (_, a) => dash(a.unit.name) },
  { title: '单位类型', key: 'unitType', render: (_, a) => a.unit.typeLabel },
  { title: '申请类型', key: 'type', dataIndex: 'typeLabel' },
  { title: '网站名称', key: 'websiteName', render: (_, a) => dash(a.websiteName) },
  { title: '状态', key: 'status', render: (_, a) => <StatusTag app={a} /> },
  { title: '提交时间', key: 'submittedAt', render: (_, a) => minute(a.submittedAt) },
  {
    title: '办理时限',
    key: 'dueAt',
    render: (_, a) =>
      a.overdue ? (
        <Typography.Text type="danger">
          {minute(a.dueAt)}
          <Tag color="error" style={{ marginInlineStart: 4 }}>
            已超期
          </Tag>
        </Typography.Text>
      ) : (
        minute(a.dueAt)
      ),
  },
];
