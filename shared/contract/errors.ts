/**
 * The one error shape that crosses every transport (IPC, HTTP, CLI).
 * `message` is French and shown to the agent as is; `field` names the input at fault
 * (a dotted path such as `guardians.0.email`) so a form can put the message beside it.
 */
/**
 * UNAUTHENTICATED: nobody is logged in on this desk (the screens show the login);
 * LOCKED: the session is locked (idle, or « Verrouiller »): only the password opens it again.
 */
export type AppErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'LOCKED' | 'TOO_MANY_ATTEMPTS' | 'INTERNAL';

export interface AppErrorShape {
  code: AppErrorCode;
  message: string;
  field?: string;
  /** Every field problem when there are several (forms show them all at once). */
  issues?: { field: string; message: string }[];
}

export class AppError extends Error implements AppErrorShape {
  readonly code: AppErrorCode;
  readonly field?: string;
  readonly issues?: { field: string; message: string }[];

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    if (shape.field !== undefined) this.field = shape.field;
    if (shape.issues !== undefined) this.issues = shape.issues;
  }

  toJSON(): AppErrorShape {
    const out: AppErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.issues !== undefined) out.issues = this.issues;
    return out;
  }

  static notFound(message: string): AppError {
    return new AppError({ code: 'NOT_FOUND', message });
  }

  static invalid(field: string, message: string): AppError {
    return new AppError({ code: 'VALIDATION', message, field, issues: [{ field, message }] });
  }

  /** The refusal of an action that needs a role the account lacks (`roleLabel`: its French name, « Régie »). */
  static forbidden(roleLabel: string): AppError {
    return new AppError({ code: 'FORBIDDEN', message: `Cette action demande le rôle «\u00a0${roleLabel}\u00a0», que votre compte n’a pas.` });
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}
