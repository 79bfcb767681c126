// Shared by every process. Channels of the workflow domain (filled in by its issue).
export const workflowChannels = {};
