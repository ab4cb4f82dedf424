import type { RequestSource } from '../../../../shared/contract/requests.js';

/**
 * « Portail » beside the type of a request made on Mon Espace Famille. It depends on the
 * request's source only: any type may come from the portal.
 */
export function SourceTag({ source }: { source: RequestSource }) {
  if (source !== 'portal') return null;
  return (
    <span className="tag tag--info" data-testid="request-source" data-source={source}>
      Portail
    </span>
  );
}
