import { Stack, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { formDefaults, ProblemForm } from '../components/ProblemForm';

/** `#/problems/new?tickets=a,b,c`: a new problem, from a queue selection or from scratch. */
export const NewProblemPage = () => {
  const { t } = useTranslation('problems');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { data: people } = useLiveQuery('problems.people', {});
  const { data: session } = useLiveQuery('session.current', {});
  const create = useCommand('problems.create', { errors: 'inline', success: () => t('form.created') });
  const ticketIds = useMemo(() => [...new Set((search.get('tickets') ?? '').split(',').filter(Boolean))], [search]);
  const me = session?.user?.id ?? '';

  return (
    <Stack spacing={2} data-testid="new-problem-page">
      <Typography variant="h5" component="h1">
        {t('form.createTitle')}
      </Typography>
      {/* Mounted once the people are known, so the owner's default is in place. */}
      {people && (
        <ProblemForm
          mode="create"
          defaults={formDefaults({ ticketIds, ownerId: people.some((p) => p.id === me) ? me : '' })}
          people={people}
          onCancel={() => void navigate(-1)}
          onSubmit={async (values) => {
            const result = await create.run(values);
            if (result.ok) void navigate(`/problems/${result.value.id}`);
            return result;
          }}
        />
      )}
    </Stack>
  );
};
