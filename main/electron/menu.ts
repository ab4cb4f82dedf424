import type { MenuItemConstructorOptions } from 'electron';

/**
 * The French application menu. A pure template (type-only electron import) so its content is
 * unit-tested without Electron; main.ts builds it with Menu.buildFromTemplate.
 */
export interface MenuOptions {
  isMac: boolean;
  isPackaged: boolean;
}

export function buildMenuTemplate({ isMac, isPackaged }: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Guichet',
      submenu: [
        { role: 'about', label: 'À propos de Guichet' },
        { type: 'separator' },
        { role: 'hide', label: 'Masquer Guichet' },
        { role: 'hideOthers', label: 'Masquer les autres' },
        { role: 'unhide', label: 'Tout afficher' },
        { type: 'separator' },
        { role: 'quit', label: 'Quitter Guichet' },
      ],
    });
  }
  template.push({
    label: 'Fichier',
    submenu: [isMac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter' }],
  });
  template.push({
    label: 'Édition',
    submenu: [
      { role: 'undo', label: 'Annuler' },
      { role: 'redo', label: 'Rétablir' },
      { type: 'separator' },
      { role: 'cut', label: 'Couper' },
      { role: 'copy', label: 'Copier' },
      { role: 'paste', label: 'Coller' },
      { role: 'selectAll', label: 'Tout sélectionner' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'reload', label: 'Recharger' }];
  if (!isPackaged) view.push({ role: 'toggleDevTools', label: 'Outils de développement' });
  view.push(
    { type: 'separator' },
    { role: 'resetZoom', label: 'Taille réelle' },
    { role: 'zoomIn', label: 'Zoom avant' },
    { role: 'zoomOut', label: 'Zoom arrière' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Plein écran' },
  );
  template.push({ label: 'Affichage', submenu: view });
  return template;
}
