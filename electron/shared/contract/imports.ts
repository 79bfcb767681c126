// Shared by every process. Channels of the imports domain (filled in by its issue).
export const importChannels = {};
