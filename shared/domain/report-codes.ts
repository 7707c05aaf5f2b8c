/** Why a report query is refused (the API's and the HTTP error codes include these). */
export const reportErrorCodes = ['RANGE_REVERSED', 'RANGE_TOO_LONG', 'MONTH_IN_FUTURE', 'UNKNOWN_PRODUCT_LINE'] as const;
export type ReportErrorCode = (typeof reportErrorCodes)[number];
