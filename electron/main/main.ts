// Electron main (to come).
