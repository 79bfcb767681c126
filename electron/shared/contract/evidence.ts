// Shared by every process. Channels of the evidence domain (filled in by its issue).
export const evidenceChannels = {};
