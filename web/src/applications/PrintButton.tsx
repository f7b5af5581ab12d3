import { Button, Tooltip } from 'antd';
import type { ApplicationView, UnitType } from './types';

/** The printed form of each unit type (the server prints the one of the application's unit). */
export const formTitle: Record<UnitType, string> = {
  party_government: '《党政机关网站资格复核申请表》',
  public_institution: '《事业单位网上名称审核表》',
};

/** What to do with the printed form, as the procedure says (纸质材料提交). */
export const printHint = (unitType?: UnitType): string =>
  `${unitType ? formTitle[unitType] : `${formTitle.party_government}/${formTitle.public_institution}`}一式三份，加盖单位公章，连同经办人身份证复印件提交至同级编办`;

export const formPdfUrl = (id: string): string => `/api/applications/${encodeURIComponent(id)}/form.pdf`;

/**
 * 打印申请表: the PDF of the current revision in a new tab (same-origin, the session cookie goes
 * with it), once the application allows `print` (from the paper step on).
 */
export function PrintButton({ app, size }: { app: Pick<ApplicationView, 'id' | 'allowedActions'> & { unit: { type: UnitType } }; size?: 'small' }) {
  const type = size ? 'link' : 'default';
  if (!app.allowedActions.includes('print')) {
    return (
      <Tooltip title="审核通过进入纸质材料环节后可打印">
        <Button size={size} type={type} disabled>
          打印申请表
        </Button>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={printHint(app.unit.type)}>
      <Button size={size} type={type} onClick={() => window.open(formPdfUrl(app.id), '_blank')} data-testid="print-form">
        打印申请表
      </Button>
    </Tooltip>
  );
}
