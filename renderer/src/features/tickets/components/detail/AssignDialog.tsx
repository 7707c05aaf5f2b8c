import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItemButton, ListItemText, ListSubheader, Skeleton, TextField } from '@mui/material';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssigneeOption, TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { useCommand } from '../../../../data/useCommand';
import { useLiveQuery } from '../../../../data/useLiveQuery';
import { useErrorText } from './useActionForm';

/** The people and teams a ticket can go to, with their open work, filtered as one types. */
export const AssigneePicker = (props: { onPick: (option: AssigneeOption) => void; filter?: (option: AssigneeOption) => boolean; selectedId?: string | null }) => {
  const { t, i18n } = useTranslation('ticketDetail');
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const { data, loading } = useLiveQuery('ticketWork.assignees', { query: deferred.slice(0, 100) });
  const options = (data ?? []).filter(props.filter ?? (() => true));
  const name = (o: AssigneeOption) => (i18n.language === 'zh-CN' && o.nameZh ? o.nameZh : o.name);
  const group = (kind: AssigneeOption['kind'], heading: string) => {
    const list = options.filter((o) => o.kind === kind);
    if (list.length === 0) return null;
    return (
      <li key={kind}>
        <ul style={{ padding: 0 }}>
          <ListSubheader>{heading}</ListSubheader>
          {list.map((o) => (
            <ListItemButton key={o.id} selected={props.selectedId === o.id} onClick={() => props.onPick(o)} data-testid={`assignee-${o.id}`}>
              <ListItemText primary={name(o)} secondary={t('dialog.openTickets', { count: o.openTickets })} />
            </ListItemButton>
          ))}
        </ul>
      </li>
    );
  };
  return (
    <Box>
      <TextField
        fullWidth
        size="small"
        label={t('dialog.assignSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'assignee-search', maxLength: 100 } }}
      />
      {loading && !data ? (
        <Box aria-label={t('dialog.assignLoading')}>
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Box>
      ) : options.length === 0 ? (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('dialog.assignNone')}
        </Alert>
      ) : (
        <List dense sx={{ maxHeight: 320, overflow: 'auto' }} subheader={<li />}>
          {group('team', t('dialog.assignTeams'))}
          {group('person', t('dialog.assignPeople'))}
        </List>
      )}
    </Box>
  );
};

/** Assign to a team (unassigned within it) or a person of a team, picked with their workload. */
export const AssignDialog = ({ ticket, open, onClose }: { ticket: TicketWorkDetail; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation('ticketDetail');
  const assign = useCommand('ticketWork.assign', { errors: 'inline' });
  const errorText = useErrorText();
  const close = () => {
    assign.reset();
    onClose();
  };
  const pick = async (o: AssigneeOption) => {
    if (o.kind === 'person' && !o.teamId) return;
    const result = await assign.run({ ticketId: ticket.id, teamId: o.kind === 'team' ? o.id : o.teamId!, assigneeId: o.kind === 'person' ? o.id : '' });
    if (result.ok) close();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="assign-dialog-title">
      <DialogTitle id="assign-dialog-title">{t('dialog.assignTitle')}</DialogTitle>
      <DialogContent data-testid="assign-dialog">
        <Box sx={{ pt: 1 }}>
          <AssigneePicker onPick={(o) => void pick(o)} selectedId={ticket.assignee?.id ?? ticket.team?.id ?? null} filter={(o) => o.kind === 'team' || o.teamId !== null} />
        </Box>
        {assign.error && (
          <Alert severity="error" data-testid="assign-dialog-error" sx={{ mt: 1 }}>
            {errorText(assign.error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('dialog.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
};
