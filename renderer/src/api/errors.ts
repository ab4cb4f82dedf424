import type { AppErrorCode, AppErrorShape } from '../../../shared/contract/errors.js';

/** An operation failed: carries the one error shape so a form can show each issue by its field. */
export class ApiError extends Error implements AppErrorShape {
  readonly code: AppErrorCode;
  readonly field?: string;
  readonly issues?: { field: string; message: string }[];

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    if (shape.field !== undefined) this.field = shape.field;
    if (shape.issues !== undefined) this.issues = shape.issues;
  }
}

/** The French message to show for any failure (an ApiError's own message, or a generic one). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Erreur inattendue\u00a0: l’opération n’a pas abouti. Réessayez ou prévenez le support.';
}

/** Any failure as an ApiError (its code and French message), for screens that keep it in state. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: errorMessage(error) });
}
