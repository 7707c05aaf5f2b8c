/** Coded refusals of maintenance input (shared/domain/maintenance.ts and maintenanceSchedule.ts). */
/** Codes of refused maintenance input; the screens translate them (maintenance i18n, `errors.*`). */
export type MaintenanceIssue =
  | 'reading_not_a_number'
  | 'reading_wrong_type'
  | 'reading_unknown_choice'
  | 'reading_photo_required'
  | 'range_low_above_high'
  | 'plan_without_assets'
  | 'plan_without_model'
  | 'plan_without_site'
  | 'frequency_zero'
  | 'frequency_too_long'
  | 'plan_template_without_meter'
  | 'meter_not_hours'
  | 'meter_repeat'
  | 'window_no_days'
  | 'window_end_before_start'
  | 'assignee_not_in_team'
  | 'item_keys_repeat'
  | 'choice_values_repeat'
  | 'template_version_changed'
  | 'template_stale'
  | 'item_not_in_round'
  | 'asset_not_in_round'
  | 'round_done'
  | 'round_not_open'
  | 'signature_empty'
  | 'signer_required'
  | 'readings_missing'
  | 'not_out_of_range'
  | 'fault_already_raised';

export class MaintenanceRuleError extends Error {
  constructor(
    readonly code: MaintenanceIssue,
    readonly path: string,
  ) {
    super(`${path}: ${code}`);
  }
}

export const fail = (code: MaintenanceIssue, path: string): never => {
  throw new MaintenanceRuleError(code, path);
};
