import AddCircleOutlined from '@mui/icons-material/AddCircleOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Alert, Box, Breadcrumbs, Button, Chip, Link, List, ListItem, ListItemText, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { AssetDetail } from '../../../../../shared/api/assets';
import { KeyboardShortcuts } from '../../../components/KeyboardShortcuts';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { AssetFormDialog } from '../components/AssetFormDialog';
import { AssetTree } from '../components/AssetTree';
import { StepDialog } from '../components/StepDialog';

const Section = ({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId: string }) => (
  <Paper variant="outlined" sx={{ p: 2 }} data-testid={testId}>
    <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
      <Typography variant="subtitle1" component="h2">
        {title}
      </Typography>
      {action}
    </Stack>
    {children}
  </Paper>
);

/** One asset: where it sits, what it is, its life, custody, tickets and problems (#/assets/:code). */
export const AssetPage = () => {
  const { t } = useTranslation('assets');
  const code = decodeURIComponent(useParams().code ?? '');
  const { data, loading } = useLiveQuery('assets.detail', { code: code.slice(0, 200) });
  if (loading && data === undefined) return <Skeleton variant="rectangular" height={320} />;
  if (!data)
    return (
      <Stack spacing={2}>
        <Alert severity="warning" data-testid="asset-not-found">
          {t('page.notFound', { code })} {t('page.notFoundHint')}
        </Alert>
        <Link component={RouterLink} to="/assets">
          {t('page.back')}
        </Link>
      </Stack>
    );
  return <AssetView asset={data} />;
};

const AssetView = ({ asset }: { asset: AssetDetail }) => {
  const { t, i18n } = useTranslation('assets');
  const [dialog, setDialog] = useState<'edit' | 'lifecycle' | 'custody' | null>(null);
  const f = asset.fields;
  const open = asset.tickets.filter((x) => x.open);
  const newTicket = `/tickets/new?asset=${encodeURIComponent(f.assetCode)}`;
  const fact = (label: string, value: string | null) => (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2">{value || '—'}</Typography>
    </Box>
  );
  const date = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(i18n.language, { timeZone: 'UTC' });

  return (
    <Stack spacing={2} data-testid="asset-page">
      <KeyboardShortcuts
        shortcuts={[
          ...(asset.canEdit ? [{ key: 'e', label: t('page.edit'), run: () => setDialog('edit') }] : []),
          { key: 't', label: t('page.newTicket'), run: () => (window.location.hash = `#${newTicket}`) },
        ]}
      />
      <Breadcrumbs aria-label={t('page.place')}>
        <Link component={RouterLink} to="/assets">
          {t('page.back')}
        </Link>
        <Typography variant="body2">{`${asset.customerName} · ${asset.siteName}`}</Typography>
        {asset.ancestors.map((a) => (
          <Link key={a.id} component={RouterLink} to={`/assets/${encodeURIComponent(a.assetCode)}`}>
            {a.assetCode}
          </Link>
        ))}
        <Typography variant="body2" color="text.primary">
          {f.assetCode}
        </Typography>
      </Breadcrumbs>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="asset-heading">
          {f.assetCode} · {f.model}
        </Typography>
        <Chip label={t(`status.${asset.status}`)} color={asset.status === 'in_service' ? 'success' : asset.status === 'under_repair' ? 'warning' : 'default'} />
        <Chip label={t(`ownership.${f.ownership}`)} variant="outlined" />
        {asset.inOurCustody && <Chip label={t('page.held')} color="info" variant="outlined" data-testid="asset-held" />}
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<AddCircleOutlined />} component={RouterLink} to={newTicket} data-testid="asset-new-ticket">
          {t('page.newTicket')}
        </Button>
        {asset.canEdit && (
          <Button variant="outlined" startIcon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="asset-edit">
            {t('page.edit')}
          </Button>
        )}
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <Section title={t('page.tickets')} testId="asset-tickets" action={<Chip size="small" color={open.length ? 'warning' : 'default'} label={t('page.openTickets', { count: open.length })} />}>
          {asset.tickets.length === 0 ? (
            <Typography variant="body2">{t('page.ticketsNone')}</Typography>
          ) : (
            <List dense disablePadding sx={{ maxHeight: 360, overflowY: 'auto' }}>
              {asset.tickets.slice(0, 50).map((x) => (
                <ListItem key={x.id} disableGutters data-testid="asset-ticket">
                  <ListItemText
                    primary={
                      <Link component={RouterLink} to={`/tickets/${encodeURIComponent(x.number)}`}>
                        {x.number} · {x.title}
                      </Link>
                    }
                    secondary={`${x.open ? t('page.open') : t('page.closed')} · ${new Date(x.createdAt).toLocaleDateString(i18n.language)}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
        <Section title={t('page.tree')} testId="asset-place">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('page.treeHint')}
          </Typography>
          <AssetTree siteName={asset.siteName} tree={asset.tree} currentId={asset.id} path={asset.ancestors.map((a) => a.id)} />
        </Section>
        <Section title={t('page.details')} testId="asset-details">
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(3, 1fr)' }}>
            {fact(t('field.serial'), f.serial)}
            {fact(t('field.rfidTag'), f.rfidTag)}
            {fact(t('field.kind'), t(`kind.${f.kind}`))}
            {fact(t('field.productLine'), f.productLine)}
            {fact(t('field.customerId'), `${asset.customerCode} · ${asset.customerName}`)}
            {fact(t('field.siteId'), asset.siteName)}
            {fact(t('field.installDate'), date(f.installDate))}
            {fact(t('field.warrantyEnd'), f.warrantyEnd && date(f.warrantyEnd))}
            {fact(t('field.contractEnd'), f.contractEnd && date(f.contractEnd))}
          </Box>
        </Section>
        <Section
          title={t('page.lifecycle')}
          testId="asset-lifecycle"
          action={
            asset.canEdit && (
              <Button size="small" onClick={() => setDialog('lifecycle')} data-testid="asset-add-step">
                {t('page.addStep')}
              </Button>
            )
          }
        >
          <List dense disablePadding component="ol">
            {asset.lifecycle.map((s, i) => (
              <ListItem key={i} disableGutters data-testid="asset-step">
                <ListItemText primary={`${date(s.at)} · ${t(`lifecycleState.${s.state}`)}`} secondary={[s.byName && t('page.by', { name: s.byName }), s.note].filter(Boolean).join(' · ') || null} />
              </ListItem>
            ))}
          </List>
        </Section>
        <Section
          title={t('page.custody')}
          testId="asset-custody"
          action={
            asset.canEdit &&
            f.ownership === 'customer' && (
              <Button size="small" onClick={() => setDialog('custody')} data-testid="asset-add-custody">
                {t('page.addCustody')}
              </Button>
            )
          }
        >
          {asset.custody.length === 0 ? (
            <Typography variant="body2">{f.ownership === 'ours' ? t('page.custodyOurs') : t('page.custodyNone')}</Typography>
          ) : (
            <List dense disablePadding component="ol">
              {asset.custody.map((s, i) => (
                <ListItem key={i} disableGutters>
                  <ListItemText primary={`${date(s.at)} · ${t(`custodyEvent.${s.event}`)}`} secondary={[s.byName && t('page.by', { name: s.byName }), s.note].filter(Boolean).join(' · ') || null} />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
        <Section title={t('page.problems')} testId="asset-problems">
          {asset.problems.length === 0 ? (
            <Typography variant="body2">{t('page.problemsNone')}</Typography>
          ) : (
            <List dense disablePadding>
              {asset.problems.map((p) => (
                <ListItem key={p.id} disableGutters>
                  <ListItemText primary={p.title} secondary={p.status} />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
      </Box>
      {dialog === 'edit' && <AssetFormDialog asset={asset} onClose={() => setDialog(null)} />}
      {dialog === 'lifecycle' && <StepDialog kind="lifecycle" assetId={asset.id} current={asset.lifecycle.at(-1)?.state ?? null} onClose={() => setDialog(null)} />}
      {dialog === 'custody' && <StepDialog kind="custody" assetId={asset.id} onClose={() => setDialog(null)} />}
    </Stack>
  );
};
