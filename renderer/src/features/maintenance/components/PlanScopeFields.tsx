import { Checkbox, FormControlLabel, FormGroup, FormLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PlanOptions } from '../../../../../shared/api/maintenance';
import { PLAN_SCOPES, type PlanScope } from '../../../../../shared/schema/records/maintenance';

export interface ScopeValue {
  scope: PlanScope;
  /** `customerId|siteId` of the chosen site ('' none). */
  siteKey: string;
  /** The customer of a model plan. */
  customerId: string;
  model: string;
  chosen: ReadonlySet<string>;
}

/**
 * What a plan covers: chosen assets of a site, every asset in service at a site, or every asset
 * of a model at a customer (the last two found by the server for each round).
 */
export const PlanScopeFields = ({ value, options, onChange }: { value: ScopeValue; options: PlanOptions | undefined; onChange: (v: ScopeValue) => void }) => {
  const { t } = useTranslation('maintenance');
  const customers = [...new Map((options?.sites ?? []).map((s) => [s.customerId, s.customerName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const models = (options?.models ?? []).filter((m) => m.customerId === value.customerId);
  return (
    <>
      <TextField
        size="small"
        select
        label={t('plan.scope')}
        value={value.scope}
        onChange={(e) => onChange({ ...value, scope: e.target.value as PlanScope, chosen: new Set() })}
        slotProps={{ htmlInput: { 'data-testid': 'plan-scope' } }}
      >
        {PLAN_SCOPES.map((s) => (
          <MenuItem key={s} value={s}>
            {t(`plan.scopes.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      {value.scope === 'model' ? (
        <Stack direction="row" spacing={2}>
          <TextField size="small" select fullWidth label={t('plan.customer')} value={value.customerId} onChange={(e) => onChange({ ...value, customerId: e.target.value, model: '' })} slotProps={{ htmlInput: { 'data-testid': 'plan-customer' } }}>
            {customers.map(([id, name]) => (
              <MenuItem key={id} value={id}>
                {name}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" select fullWidth label={t('plan.model')} value={value.model} onChange={(e) => onChange({ ...value, model: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'plan-model' } }}>
            {models.map((m) => (
              <MenuItem key={m.model} value={m.model}>
                {m.model}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      ) : (
        <TextField size="small" select label={t('plan.site')} value={value.siteKey} onChange={(e) => onChange({ ...value, siteKey: e.target.value, chosen: new Set() })} slotProps={{ htmlInput: { 'data-testid': 'plan-site' } }}>
          {(options?.sites ?? []).map((x) => (
            <MenuItem key={x.siteId} value={`${x.customerId}|${x.siteId}`}>
              {x.customerName} · {x.siteName}
            </MenuItem>
          ))}
        </TextField>
      )}
      {value.scope === 'assets' && value.siteKey && (
        <FormGroup data-testid="plan-assets">
          <FormLabel>{t('plan.assets')}</FormLabel>
          <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
            {(options?.assets ?? []).map((a) => (
              <FormControlLabel
                key={a.id}
                control={
                  <Checkbox
                    checked={value.chosen.has(a.id)}
                    onChange={(e) => {
                      const next = new Set(value.chosen);
                      if (e.target.checked) next.add(a.id);
                      else next.delete(a.id);
                      onChange({ ...value, chosen: next });
                    }}
                  />
                }
                label={`${a.assetCode} (${a.model})`}
              />
            ))}
          </Stack>
        </FormGroup>
      )}
    </>
  );
};
