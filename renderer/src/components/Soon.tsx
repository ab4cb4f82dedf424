import type { ReactNode } from 'react';

/**
 * A feature that comes soon (the PDF documents): a disabled button saying « bientôt », kept in
 * place so the screen does not move when it arrives.
 */
export function SoonButton({
  children,
  testId,
  variant = 'secondary',
}: {
  children: ReactNode;
  testId?: string;
  variant?: 'primary' | 'secondary' | 'ghost';
}) {
  return (
    <span className="soon" title="bientôt">
      <button type="button" className={`btn btn--${variant}`} disabled aria-disabled="true" title="bientôt" data-testid={testId} data-soon="true">
        {children}
        <span className="soon__tag">bientôt</span>
      </button>
    </span>
  );
}
