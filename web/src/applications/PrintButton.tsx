import { Button, Tooltip } from 'antd';

/** 打印申请表: the PDF form arrives with a later issue; until then the button says so. */
export function PrintButton({ size }: { size?: 'small' }) {
  return (
    <Tooltip title="打印功能即将开放">
      <Button size={size} type={size ? 'link' : 'default'} disabled>
        打印申请表
      </Button>
    </Tooltip>
  );
}
