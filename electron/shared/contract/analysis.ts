// Shared by every process. Channels of the analysis domain (filled in by its issue).
export const analysisChannels = {};
