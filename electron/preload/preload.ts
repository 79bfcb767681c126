// Electron preload (to come).
