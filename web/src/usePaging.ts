import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';

/**
 * Server-side paging of an antd Table: the page and page size the request uses, and the
 * table's pagination props (a new page size starts again at page 1).
 */
export function usePaging(initialSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const pagination = (total: number, unit = '条'): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}
