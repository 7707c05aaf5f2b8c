import { List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PersonRow } from '../../../../../shared/api/admin';
import { managerTree, type ChainNode } from '../../../../../shared/domain/people';

const Branch = ({ node, depth }: { node: ChainNode<PersonRow>; depth: number }) => {
  const { t } = useTranslation('admin');
  const p = node.person;
  return (
    <>
      <ListItem dense sx={{ pl: 2 + depth * 3 }} data-testid="chain-node" data-depth={depth}>
        <ListItemText
          primary={p.displayName}
          secondary={[t(`title.${p.title}`), p.teamName, node.reports.length > 0 ? t('people.reports', { count: node.reports.length }) : null].filter(Boolean).join(' · ')}
          slotProps={{ primary: { sx: { opacity: p.active ? 1 : 0.5 } } }}
        />
      </ListItem>
      {node.reports.length > 0 && (
        <List disablePadding role="group">
          {node.reports.map((child) => (
            <Branch key={child.person.id} node={child} depth={depth + 1} />
          ))}
        </List>
      )}
    </>
  );
};

/** The manager chain as an indented tree, from the people without a manager down. */
export const ManagerTree = ({ people }: { people: readonly PersonRow[] }) => {
  const { t } = useTranslation('admin');
  const forest = managerTree(people, (a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="manager-tree-heading">
      <Typography id="manager-tree-heading" variant="h6" component="h2">
        {t('people.tree')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('people.treeIntro')}
      </Typography>
      <List data-testid="manager-tree">
        {forest.map((node) => (
          <Branch key={node.person.id} node={node} depth={0} />
        ))}
      </List>
    </Paper>
  );
};
