// Shared by every process. Channels of the graph domain (filled in by its issue).
export const graphChannels = {};
