// Shared by the desktop host's main and preload. The two raw IPC channels that carry the whole contract.
export const IPC_CALL = 'workbench:call';
export const IPC_EVENT = 'workbench:event';
