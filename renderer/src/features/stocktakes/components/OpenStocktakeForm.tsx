import { Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** An asset manager opens a stocktake for a site (the usual case) or a whole region. */
export const OpenStocktakeForm = () => {
  const { t } = useTranslation('stocktakes');
  const navigate = useNavigate();
  const scopes = useLiveQuery('stocktakes.scopes', {});
  const open = useCommand('stocktakes.open', { success: (s) => t('open.opened', { title: s.title, count: s.expected }) });
  const [scope, setScope] = useState<'site' | 'region'>('site');
  const [siteId, setSiteId] = useState('');
  const [region, setRegion] = useState('');
  const [title, setTitle] = useState('');
  const sites = scopes.data?.sites ?? [];
  const regions = scopes.data?.regions ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const site = sites.find((s) => s.siteId === siteId);
    if (scope === 'site' && !site) return;
    if (scope === 'region' && region === '') return;
    const r = await open.run(scope === 'site' ? { scope, customerId: site!.customerId, siteId, title } : { scope, region, title });
    if (r.ok) void navigate(`/stocktakes/${r.value.id}`);
  };

  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="open-stocktake-heading">
      <Typography id="open-stocktake-heading" variant="h6" component="h2" gutterBottom>
        {t('open.heading')}
      </Typography>
      <Stack component="form" direction={{ xs: 'column', md: 'row' }} spacing={2} noValidate onSubmit={(e) => void submit(e)} sx={{ alignItems: 'flex-start' }}>
        <TextField select label={t('open.scope')} value={scope} onChange={(e) => setScope(e.target.value as 'site' | 'region')} sx={{ minWidth: 140 }} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'open-scope' } }}>
          <option value="site">{t('open.scopeSite')}</option>
          <option value="region">{t('open.scopeRegion')}</option>
        </TextField>
        {scope === 'site' ? (
          <TextField select label={t('open.site')} value={siteId} onChange={(e) => setSiteId(e.target.value)} sx={{ minWidth: 380 }} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'open-site' }, inputLabel: { shrink: true } }}>
            <option value="" />
            {sites.map((s) => (
              <option key={s.siteId} value={s.siteId}>
                {t('open.siteOption', { customer: s.customerName, site: s.siteName, count: s.assets })}
              </option>
            ))}
          </TextField>
        ) : (
          <TextField select label={t('open.region')} value={region} onChange={(e) => setRegion(e.target.value)} sx={{ minWidth: 240 }} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'open-region' }, inputLabel: { shrink: true } }}>
            <option value="" />
            {regions.map((r) => (
              <option key={r.region} value={r.region}>
                {t('open.regionOption', { region: r.region, count: r.assets })}
              </option>
            ))}
          </TextField>
        )}
        <TextField label={t('open.title')} value={title} onChange={(e) => setTitle(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'open-title' } }} />
        <Button type="submit" variant="contained" disabled={open.pending || (scope === 'site' ? siteId === '' : region === '')} data-testid="open-submit" sx={{ mt: 1, whiteSpace: 'nowrap' }}>
          {t('open.submit')}
        </Button>
      </Stack>
    </Paper>
  );
};
