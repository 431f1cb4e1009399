/* The prefork supervisor each FastCGI program runs: it opens the listening
 * socket, forks the workers, restarts a worker that dies, replaces all
 * workers on SIGHUP (a reload, after checking that a new worker can start)
 * and drains them on SIGTERM or SIGINT. */
#ifndef SPOR_PREFORK_H
#define SPOR_PREFORK_H

#include <fcgiapp.h>
#include <sys/types.h>

struct prefork_conf {
	const char *socket_path;
	int backlog;
	int workers;
	const char *pidfile; /* or NULL */
	const char *group;   /* give the UNIX socket to this group (nginx's), or NULL */
	int drain_seconds;   /* how long SIGTERM waits before SIGKILL */
};

struct prefork_ops {
	/* In each new worker: open what the worker keeps (templates, database).
	 * NULL stops the worker (the supervisor retries after a pause). */
	void *(*worker_init)(void *ctx);
	void (*handle)(void *worker, FCGX_Request *req);
	void (*worker_done)(void *worker);
};

/* Run until SIGTERM or SIGINT; 0 after a clean drain, 1 on a start-up error. */
int prefork_run(const struct prefork_conf *pc, const struct prefork_ops *ops, void *ctx);

/* The listening socket: a UNIX socket at `path` (mode 0660, group `group`
 * when given; a stale socket file is replaced, a live one refused, and its
 * inode returned in `ino`) or, for "host:port", TCP.  Non-blocking.  -1 on
 * error (logged). */
int prefork_listen(const char *path, int backlog, const char *group, ino_t *ino);

#endif
