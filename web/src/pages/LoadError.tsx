import { Alert, Button } from 'antd';

export function LoadError({ text, retry }: { text: string | null; retry: () => void }) {
  if (!text) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={text}
      style={{ marginBottom: 16 }}
      action={
        <Button size="small" onClick={retry}>
          重试
        </Button>
      }
    />
  );
}
