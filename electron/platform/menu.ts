import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/api/app';
import { menuLabels } from '../i18n/menu';

export const buildMenu = (locale: Locale): Menu => {
  const l = menuLabels[locale];
  const template: MenuItemConstructorOptions[] = [
    { label: l.file, submenu: [{ label: l.quit, role: 'quit' }] },
    {
      label: l.edit,
      submenu: [
        { label: l.undo, role: 'undo' },
        { label: l.redo, role: 'redo' },
        { type: 'separator' },
        { label: l.cut, role: 'cut' },
        { label: l.copy, role: 'copy' },
        { label: l.paste, role: 'paste' },
        { label: l.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.reload, role: 'reload' },
        { type: 'separator' },
        { label: l.resetZoom, role: 'resetZoom' },
        { label: l.zoomIn, role: 'zoomIn' },
        { label: l.zoomOut, role: 'zoomOut' },
        { type: 'separator' },
        { label: l.fullscreen, role: 'togglefullscreen' },
      ],
    },
    { label: l.window, submenu: [{ label: l.minimize, role: 'minimize' }, { label: l.close, role: 'close' }] },
    {
      label: l.help,
      submenu: [
        {
          label: l.about,
          click: () => void dialog.showMessageBox({ type: 'info', title: l.about, message: `CIMS ${app.getVersion()}` }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
};
