// Electron preload entry (sandboxed, context-isolated).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld('workbench', buildBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)));
