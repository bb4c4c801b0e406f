/** Where the session is kept on the device (read by the session store, and by early-start.ts before the app loads). */
export const SESSION_KEY = 'grid.session';
