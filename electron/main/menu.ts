// Electron main. The application menu; each item with a keyboard shortcut. Items that act on the
// case are performed by the renderer (it owns the flow), so they are sent as menu events.
import type { MenuItemConstructorOptions } from 'electron';
import type { WorkbenchEvent } from '../shared/contract';

type MenuCommand = Extract<WorkbenchEvent, { type: 'menu' }>['command'];

export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({ label, accelerator, click: () => send(command) });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New Case…', 'CmdOrCtrl+N', 'case.new'),
        item('Open Case…', 'CmdOrCtrl+O', 'case.open'),
        item('Import Files…', 'CmdOrCtrl+I', 'import'),
        item('Analyse…', 'CmdOrCtrl+Shift+A', 'analyse'),
        { type: 'separator' },
        item('Close Case', 'CmdOrCtrl+W', 'case.close'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'CmdOrCtrl+Z', 'undo'),
        item('Redo', 'CmdOrCtrl+Shift+Z', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find…', 'CmdOrCtrl+K', 'search'),
      ],
    },
    {
      label: 'View',
      submenu: [item('Toggle Dark Theme', 'CmdOrCtrl+Shift+L', 'theme'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'F1', 'shortcuts')] },
  ];
}
