import { RichTreeView } from '@mui/x-tree-view/RichTreeView';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AssetTreeNode } from '../../../../../shared/api/assets';

interface Item {
  id: string;
  label: string;
  code: string;
  children: Item[];
}

/**
 * The site / rack / shelf / board tree of an asset (MUI X tree view): the path to the asset
 * is expanded and the asset selected; choosing another item opens that asset.
 */
export const AssetTree = ({ siteName, tree, currentId, path }: { siteName: string; tree: AssetTreeNode; currentId: string; path: string[] }) => {
  const { t } = useTranslation('assets');
  const navigate = useNavigate();
  const items = useMemo(() => {
    const toItem = (n: AssetTreeNode): Item => ({ id: n.id, code: n.assetCode, label: `${n.assetCode} · ${t(`kind.${n.kind}`)} · ${n.model}`, children: n.children.map(toItem) });
    return [{ id: 'site', code: '', label: `${t('page.site')}: ${siteName}`, children: [toItem(tree)] }];
  }, [tree, siteName, t]);
  const codeOf = useMemo(() => {
    const m = new Map<string, string>();
    const walk = (i: Item) => (m.set(i.id, i.code), i.children.forEach(walk));
    items.forEach(walk);
    return m;
  }, [items]);

  return (
    <RichTreeView
      items={items}
      aria-label={t('page.tree')}
      defaultExpandedItems={['site', ...path]}
      selectedItems={currentId}
      expansionTrigger="iconContainer"
      onItemClick={(_event, itemId) => {
        const code = codeOf.get(itemId);
        if (code && itemId !== currentId) void navigate(`/assets/${encodeURIComponent(code)}`);
      }}
      data-testid="asset-tree"
    />
  );
};
