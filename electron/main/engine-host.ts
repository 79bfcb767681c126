// Electron utility process hosting the engine (to come).
