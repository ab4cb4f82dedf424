import type { ReactNode } from 'react';

/**
 * The frame of every family page: server-rendered HTML that works without JavaScript, phone first.
 * One stylesheet (`/famille.css`), no script, no inline style (the CSP allows neither).
 */
export interface Viewer {
  firstName: string;
  csrf: string;
}

export function Layout(props: { title: string; viewer?: Viewer | null; children: ReactNode }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Mon Espace Famille`}</title>
        <link rel="stylesheet" href="/famille.css" />
      </head>
      <body>
        <a className="skip" href="#contenu">
          Aller au contenu
        </a>
        <header className="top">
          <p className="brand">
            <a href={props.viewer ? '/mon-accueil' : '/'}>Mon Espace Famille</a>
            <span>Caisse des écoles du 11<sup>e</sup> arrondissement</span>
          </p>
          {props.viewer ? (
            <nav aria-label="Mon espace">
              <ul>
                <li>
                  <a href="/mon-accueil">Mon accueil</a>
                </li>
                <li>
                  <a href="/ma-famille">Ma famille</a>
                </li>
                <li>
                  <a href="/mon-espace">Mon espace</a>
                </li>
                <li>
                  <form method="post" action="/deconnexion">
                    <input type="hidden" name="_csrf" value={props.viewer.csrf} />
                    <button type="submit" className="link">
                      Se déconnecter
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="contenu">{props.children}</main>
        <footer className="bottom">
          <p>
            Caisse des écoles du 11<sup>e</sup> arrondissement de Paris — <a href="/#contact">Contacter la CDE</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
