import { Placeholder } from './Placeholder';

export default function ReviewPage() {
  return <Placeholder title="审核管理" empty="暂无待审核申请" />;
}
