import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { PageSpin } from '../layout/PageSpin';
import type { Loaded } from '../useLoad';

/**
 * What a page about one record shows until the record is there: a spinner, "不存在" (404, also
 * for records outside the user's scope), or the error with 重试. Null once the data is loaded.
 */
export function loadState<T>(l: Loaded<T>, what: string, back: { to: string; label: string }) {
  if (l.error?.status === 404) {
    return (
      <Result
        status="404"
        title="404"
        subTitle={`您访问的${what}不存在`}
        extra={<Link to={back.to}>{back.label}</Link>}
        data-testid="not-found"
      />
    );
  }
  if (l.errorText && !l.data) {
    return (
      <Result
        status="error"
        title={`无法加载${what}`}
        subTitle={l.errorText}
        extra={
          <Button type="primary" onClick={l.reload}>
            重试
          </Button>
        }
      />
    );
  }
  if (!l.data) return <PageSpin />;
  return null;
}
