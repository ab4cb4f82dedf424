import type { PortalSettings } from '../config.js';

/**
 * The mails of an espace, in French, plain text (every client reads it; a link is on its own
 * line). Links are built from the configured public address, never from a request's Host header.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const SIGNATURE = `\n\n--\nCaisse des écoles du 11e arrondissement\nMon Espace Famille\nCe message est automatique\u00a0: merci de ne pas y répondre. Pour nous écrire\u00a0: dossier@cdeparis11.fr`;

export function activationMail(settings: PortalSettings, to: string, firstName: string, secret: string, hours: number): Mail {
  return {
    to,
    subject: 'Activez votre espace famille',
    text: `Bonjour ${firstName},\n\nVotre espace famille de la Caisse des écoles du 11e est créé. Pour l’activer, ouvrez ce lien (valable ${hours}\u00a0heures, une seule fois)\u00a0:\n\n${settings.publicUrl}/activer?jeton=${secret}\n\nSi vous n’avez pas demandé la création de cet espace, ignorez ce message\u00a0: sans activation, il ne sert à rien.${SIGNATURE}`,
  };
}

/** Someone (the parent, or anyone) asked to create an espace with an address that already has one. */
export function alreadyRegisteredMail(settings: PortalSettings, to: string, firstName: string): Mail {
  return {
    to,
    subject: 'Vous avez déjà un espace famille',
    text: `Bonjour ${firstName},\n\nUne demande de création d’espace a été faite avec votre adresse, qui a déjà un espace famille. Rien n’a été changé.\n\nSi vous avez oublié votre mot de passe, choisissez-en un nouveau ici\u00a0:\n\n${settings.publicUrl}/mot-de-passe-oublie\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.${SIGNATURE}`,
  };
}

export function resetMail(settings: PortalSettings, to: string, firstName: string, secret: string, hours: number): Mail {
  return {
    to,
    subject: 'Choisissez un nouveau mot de passe',
    text: `Bonjour ${firstName},\n\nPour choisir un nouveau mot de passe de votre espace famille, ouvrez ce lien (valable ${hours}\u00a0heures, une seule fois)\u00a0:\n\n${settings.publicUrl}/nouveau-mot-de-passe?jeton=${secret}\n\nSi vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe reste le même.${SIGNATURE}`,
  };
}

export function passwordChangedMail(settings: PortalSettings, to: string, firstName: string): Mail {
  return {
    to,
    subject: 'Votre mot de passe a été changé',
    text: `Bonjour ${firstName},\n\nLe mot de passe de votre espace famille vient d’être changé, et toute autre connexion a été fermée.\n\nSi ce n’est pas vous, choisissez-en un nouveau tout de suite\u00a0:\n\n${settings.publicUrl}/mot-de-passe-oublie\n\net prévenez-nous\u00a0: dossier@cdeparis11.fr${SIGNATURE}`,
  };
}

export function emailChangeMail(settings: PortalSettings, to: string, firstName: string, secret: string, hours: number): Mail {
  return {
    to,
    subject: 'Confirmez votre nouvelle adresse',
    text: `Bonjour ${firstName},\n\nPour que cette adresse devienne l’identifiant de votre espace famille, ouvrez ce lien (valable ${hours}\u00a0heures, une seule fois)\u00a0:\n\n${settings.publicUrl}/confirmer-adresse?jeton=${secret}\n\nSi vous n’avez rien demandé, ignorez ce message.${SIGNATURE}`,
  };
}

export function emailChangeAskedMail(settings: PortalSettings, to: string, firstName: string): Mail {
  return {
    to,
    subject: 'Changement d’adresse demandé',
    text: `Bonjour ${firstName},\n\nUn changement de l’adresse e-mail de votre espace famille vient d’être demandé. Il ne prendra effet qu’une fois confirmé depuis la nouvelle adresse.\n\nSi ce n’est pas vous, changez votre mot de passe tout de suite\u00a0:\n\n${settings.publicUrl}/mot-de-passe-oublie\n\net prévenez-nous\u00a0: dossier@cdeparis11.fr${SIGNATURE}`,
  };
}
