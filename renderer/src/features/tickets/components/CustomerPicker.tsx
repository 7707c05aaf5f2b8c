import { Autocomplete, Box, Chip, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerOption } from '../../../../../shared/api/intake';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** A customer from the local store, or a first-time caller recorded by name. */
export type PickedCustomer = { kind: 'known'; customer: CustomerOption } | { kind: 'new'; name: string };

interface Props {
  value: PickedCustomer | null;
  onChange: (value: PickedCustomer | null) => void;
  error?: string;
}

const label = (option: PickedCustomer) => (option.kind === 'known' ? option.customer.name : option.name);

/**
 * Customer by search over the local customers (a live query: customers arriving by sync
 * appear while the list is open). Key accounts are marked: their SLA is tighter.
 */
export const CustomerPicker = ({ value, onChange, error }: Props) => {
  const { t } = useTranslation('tickets');
  const [text, setText] = useState('');
  const { data, loading } = useLiveQuery('intake.customers', { text: text.trim(), limit: 20 });
  const found: PickedCustomer[] = (data ?? []).map((customer) => ({ kind: 'known', customer }));
  const typed = text.trim();
  const exact = (data ?? []).some((c) => c.name.toLowerCase() === typed.toLowerCase());
  // "New customer" only once the search has answered: offered earlier, it would stand first in
  // the list and a quick pick would record a known customer as a first-time caller.
  const options = typed && !loading && !exact && value?.kind !== 'new' ? [...found, { kind: 'new', name: typed } as const] : found;

  return (
    <Autocomplete<PickedCustomer>
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={text}
      onInputChange={(_, next) => setText(next)}
      options={options}
      // Main has already matched the text; MUI must not filter again.
      filterOptions={(x) => x}
      getOptionLabel={label}
      isOptionEqualToValue={(a, b) => a.kind === b.kind && (a.kind === 'known' && b.kind === 'known' ? a.customer.id === b.customer.id : label(a) === label(b))}
      loading={loading}
      loadingText={t('intake.searching')}
      noOptionsText={t('intake.noCustomers')}
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props} data-testid="customer-option">
          {option.kind === 'known' ? (
            <Box sx={{ minWidth: 0 }}>
              <Typography component="div" sx={{ overflowWrap: 'anywhere' }}>
                {option.customer.name}
                {option.customer.tier === 'key' && <Chip size="small" color="secondary" label={t('intake.keyAccount')} sx={{ ml: 1 }} />}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {[option.customer.code, option.customer.nameZh, option.customer.region].filter(Boolean).join(' · ')}
              </Typography>
            </Box>
          ) : (
            <Box>
              <Typography sx={{ overflowWrap: 'anywhere' }}>{t('intake.newCustomer', { name: option.name })}</Typography>
              <Typography variant="caption" color="text.secondary">
                {t('intake.newCustomerHint')}
              </Typography>
            </Box>
          )}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          required
          label={t('intake.customer')}
          error={!!error}
          helperText={error ?? t('intake.customerHint')}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'ticket-customer' } }}
        />
      )}
    />
  );
};
