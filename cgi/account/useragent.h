/* A short, readable name of the browser and the system a session was
 * started from, guessed from its User-Agent header, for its owner to tell
 * their devices apart at /account/sessions ("Firefox on Linux").  Only a
 * guess: any client sends what it likes, so the name decides nothing.  The
 * answers are keys of interface strings (Lang.sessions.browsers.<key>,
 * Lang.sessions.systems.<key>); the raw text is never shown. */
#ifndef SPOR_USERAGENT_H
#define SPOR_USERAGENT_H

/* The browser's key ("firefox", "chrome", "edge", ...), or NULL. */
const char *useragent_browser(const char *ua);

/* The system's key ("windows", "macos", "linux", "android", ...), or NULL. */
const char *useragent_system(const char *ua);

#endif
