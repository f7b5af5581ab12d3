import { Placeholder } from './Placeholder';

export default function PaperPage() {
  return <Placeholder title="纸质材料" empty="暂无纸质材料" />;
}
