import { useMemo } from 'react';
import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { findSelected } from '../menu';
import type { MenuItem } from '../types';

type AntdItem = Required<MenuProps>['items'][number];

// A parent (网上名称管理, 系统管理) is an always-open group: clicking its title, as the procedure
// says (主菜单 → 网上名称管理 → 标识管理), can never fold away the item the user wants next.
const toItems = (items: MenuItem[]): AntdItem[] =>
  items.map((m) =>
    m.children && m.children.length > 0
      ? { type: 'group', key: m.key, label: m.label, children: toItems(m.children) }
      : { key: m.key, label: m.path ? <Link to={m.path}>{m.label}</Link> : m.label },
  );

/** 主菜单, exactly as the server sent it for this user. */
export function SideMenu({ menu }: { menu: MenuItem[] }) {
  const { pathname } = useLocation();
  const items = useMemo(() => toItems(menu), [menu]);
  const selected = useMemo(() => findSelected(menu, pathname), [menu, pathname]);
  return (
    <nav data-testid="main-menu" aria-label="主菜单">
      <Menu mode="inline" theme="dark" items={items} selectedKeys={selected.key ? [selected.key] : []} />
    </nav>
  );
}
