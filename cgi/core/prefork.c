/* Prefork supervisor and worker loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/prefork.h"

/* A worker ends with _exit (its parent's atexit handlers are not its own),
 * which skips LeakSanitizer's check at exit: a sanitizer build runs it
 * explicitly once the worker has freed what it holds. */
#include "core/asan.h"
#ifdef SPOR_ASAN
#include <sanitizer/lsan_interface.h>
#define WORKER_LEAK_CHECK() __lsan_do_leak_check()
#else
#define WORKER_LEAK_CHECK() ((void)0)
#endif

enum { WORKERS_MAX = 256 };

struct slot {
	pid_t pid;
	bool retiring;	   /* replaced by a reload; not restarted */
	time_t started;
};

/* How a worker was asked to stop: retire (a reload: the new workers take the
 * queue) or drain (a stop: answer what is queued first, for a while). */
enum { RUN = 0, RETIRE = 1, DRAIN = 2, DRAIN_SECONDS = 5 };
static volatile sig_atomic_t worker_stop;

static void on_worker_signal(int sig)
{
	worker_stop = sig == SIGUSR1 ? RETIRE : DRAIN;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is a program already listening on the UNIX socket at `path`? */
static bool socket_in_use(const struct sockaddr_un *sun)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool used = fd >= 0 && connect(fd, (const struct sockaddr *)sun, sizeof *sun) == 0;
	if (fd >= 0)
		close(fd);
	return used;
}

static int listen_tcp(const char *path, const char *colon)
{
	char host[256];
	snprintf(host, sizeof host, "%.*s", (int)(colon - path), path);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
	struct addrinfo *ai;
	if (getaddrinfo(host, colon + 1, &hints, &ai) != 0) {
		log_error("%s: cannot resolve", path);
		return -1;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		log_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static int listen_unix(const char *path, const char *group, ino_t *ino)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof sun.sun_path) {
		log_error("%s: socket path too long", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("%s: exists and is not a socket", path);
			return -1;
		}
		if (socket_in_use(&sun)) {
			log_error("%s: another program is listening there", path);
			return -1;
		}
		unlink(path); /* left behind by a program that died */
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof sun) < 0 || chmod(path, 0660) < 0 ||
	    lstat(path, &st) < 0) {
		log_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*ino = st.st_ino;
	if (group) {
		/* nginx's workers reach the socket through this group. */
		struct group *g = getgrnam(group);
		if (!g || chown(path, (uid_t)-1, g->gr_gid) < 0) {
			log_error("%s: cannot give the socket to group %s", path, group);
			close(fd);
			return -1;
		}
	}
	return fd;
}

int prefork_listen(const char *path, int backlog, const char *group, ino_t *ino)
{
	const char *colon = strrchr(path, ':');
	*ino = 0;
	int fd = colon && path[0] != '/' ? listen_tcp(path, colon) : listen_unix(path, group, ino);
	if (fd < 0)
		return -1;
	if (listen(fd, backlog) < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		log_error("%s: listen: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Remove the socket file, unless another program has replaced it since. */
static void unlink_own(const char *path, ino_t ino)
{
	struct stat st;
	if (ino && lstat(path, &st) == 0 && st.st_ino == ino)
		unlink(path);
}

/* Serve one connection if one is waiting.  Returns false when none was. */
static bool serve_one(int listen_fd, FCGX_Request *req, const struct prefork_ops *ops, void *w)
{
	int rc = FCGX_Accept_r(req);
	if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
		return false; /* another worker took it */
	if (rc < 0) {
		log_error("accept on fd %d: %s", listen_fd, strerror(-rc));
		return false;
	}
	ops->handle(w, req);
	/* A request read to its end is closed at once.  libfcgi's own close
	 * shuts its side and then reads until nginx closes the other, so that
	 * a body refused unread cannot make nginx lose the answer: a wait and
	 * a wake-up more for every request.  A request without a body has only
	 * its empty end left, sent with its parameters. */
	const char *length = FCGX_GetParam("CONTENT_LENGTH", req->envp);
	bool bodiless = !length || !*length || strcmp(length, "0") == 0;
	if (FCGX_HasSeenEOF(req->in) || (bodiless && FCGX_GetChar(req->in) == EOF))
		req->detached = 1;
	FCGX_Finish_r(req);
	/* The answer is out: the time this takes is no visitor's. */
	mem_give_back();
	return true;
}

static void worker_main(int listen_fd, const struct prefork_ops *ops, void *ctx, const sigset_t *blocked)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	struct sigaction sa = {.sa_handler = on_worker_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGINT, SIG_IGN); /* Ctrl-C reaches the whole group; the supervisor decides */
	signal(SIGHUP, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	sigset_t waitmask = *blocked;
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGUSR1);

	mem_worker_start();
	void *w = ops->worker_init(ctx);
	if (!w)
		_exit(3);
	FCGX_Request req;
	FCGX_InitRequest(&req, listen_fd, 0);
	/* One idle worker woken for each connection, not all of them (each
	 * woken worker but one found nothing to accept: a wake-up for nothing). */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev) < 0) {
		log_error("epoll: %s", strerror(errno));
		_exit(3);
	}
	while (!worker_stop) {
		/* Signals are delivered only while waiting, never inside a request. */
		int rc = epoll_pwait(ep, &ev, 1, -1, &waitmask);
		if (rc < 0 && errno != EINTR) {
			log_error("epoll_pwait: %s", strerror(errno));
			break;
		}
		if (rc > 0 && !worker_stop)
			serve_one(listen_fd, &req, ops, w);
	}
	/* Drain: answer the connections already queued, for a bounded time. */
	double deadline = now_seconds() + DRAIN_SECONDS;
	while (worker_stop == DRAIN && now_seconds() < deadline) {
		struct pollfd p = {.fd = listen_fd, .events = POLLIN};
		if (poll(&p, 1, 0) <= 0 || !serve_one(listen_fd, &req, ops, w))
			break;
	}
	ops->worker_done(w);
	WORKER_LEAK_CHECK();
	_exit(0);
}

static void spawn(struct slot *s, int listen_fd, const struct prefork_ops *ops, void *ctx, const sigset_t *blocked)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0)
		worker_main(listen_fd, ops, ctx, blocked);
	s->pid = pid;
	s->retiring = false;
	s->started = time(NULL);
}

static void write_pidfile(const char *path)
{
	if (!path)
		return;
	FILE *f = fopen(path, "w");
	if (!f) {
		log_error("%s: %s", path, strerror(errno));
		return;
	}
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
}

static int live_workers(const struct slot *slots, int n)
{
	int live = 0;
	for (int i = 0; i < n; i++)
		live += slots[i].pid > 0;
	return live;
}

static void signal_all(struct slot *slots, int n, int sig)
{
	for (int i = 0; i < n; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, sig);
}

/* Collect dead workers.  A worker that died within a second of its start
 * holds back restarts for a second, or a broken worker would be restarted in
 * a tight loop. */
static void reap(struct slot *slots, int n, bool stopping, time_t *hold_until)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < n; i++) {
			if (slots[i].pid != pid)
				continue;
			slots[i].pid = 0;
			if (stopping || slots[i].retiring)
				break;
			if (WIFSIGNALED(status))
				log_error("worker %ld killed by signal %d; restarting", (long)pid, WTERMSIG(status));
			else
				log_error("worker %ld exited with status %d; restarting", (long)pid, WEXITSTATUS(status));
			time_t t = time(NULL);
			if (t - slots[i].started < 1)
				*hold_until = t + 1;
			break;
		}
	}
}

/* Start one worker's set-up in a child and report whether it worked, so that
 * a reload never replaces good workers with ones that cannot start. */
static bool probe(const struct prefork_ops *ops, void *ctx)
{
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		void *w = ops->worker_init(ctx);
		if (w)
			ops->worker_done(w);
		_exit(w ? 0 : 3);
	}
	int status;
	double deadline = now_seconds() + 30;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_seconds() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return false;
		}
		usleep(10000);
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int prefork_run(const struct prefork_conf *pc, const struct prefork_ops *ops, void *ctx)
{
	int n = pc->workers;
	if (n < 1 || n > WORKERS_MAX / 2) {
		log_error("workers must be between 1 and %d", WORKERS_MAX / 2);
		return 1;
	}
	ino_t ino;
	int listen_fd = prefork_listen(pc->socket_path, pc->backlog, pc->group, &ino);
	if (listen_fd < 0)
		return 1;
	if (FCGX_Init() != 0) {
		log_error("FastCGI initialisation failed");
		return 1;
	}
	write_pidfile(pc->pidfile);

	sigset_t blocked;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGCHLD);
	sigaddset(&blocked, SIGHUP);
	sigaddset(&blocked, SIGTERM);
	sigaddset(&blocked, SIGINT);
	sigaddset(&blocked, SIGUSR1);
	sigprocmask(SIG_BLOCK, &blocked, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* Twice the slots: during a reload old and new workers overlap. */
	struct slot slots[WORKERS_MAX] = {{0}};
	int nslots = 2 * n;
	for (int i = 0; i < n; i++)
		spawn(&slots[i], listen_fd, ops, ctx, &blocked);
	log_info("listening on %s with %d workers", pc->socket_path, n);

	bool stopping = false;
	double stop_deadline = 0;
	time_t hold_until = 0;
	for (;;) {
		struct timespec tick = {0, 250 * 1000 * 1000};
		siginfo_t si;
		int sig = sigtimedwait(&blocked, &si, &tick);
		if (sig == SIGCHLD || sig < 0)
			reap(slots, nslots, stopping, &hold_until);
		if (sig == SIGHUP && !stopping) {
			if (probe(ops, ctx)) {
				log_info("reload: replacing %d workers", live_workers(slots, nslots));
				for (int i = 0; i < nslots; i++)
					if (slots[i].pid > 0 && !slots[i].retiring) {
						slots[i].retiring = true;
						kill(slots[i].pid, SIGUSR1);
					}
				/* The loop below starts the new generation. */
			} else {
				log_error("reload refused: a new worker could not start (configuration or templates); "
					  "the running workers stay");
			}
		}
		if ((sig == SIGTERM || sig == SIGINT) && !stopping) {
			stopping = true;
			stop_deadline = now_seconds() + pc->drain_seconds;
			log_info("stopping: draining %d workers", live_workers(slots, nslots));
			/* New connections are refused from now; queued ones are drained. */
			unlink_own(pc->socket_path, ino);
			signal_all(slots, nslots, SIGTERM);
		}
		if (stopping) {
			if (live_workers(slots, nslots) == 0)
				break;
			if (now_seconds() > stop_deadline) {
				log_error("workers still busy after %d s; killing them", pc->drain_seconds);
				signal_all(slots, nslots, SIGKILL);
				stop_deadline = now_seconds() + 5;
			}
			continue;
		}
		/* Keep n workers running (retiring ones do not count). */
		if (time(NULL) < hold_until)
			continue;
		int wanted = n;
		for (int i = 0; i < nslots; i++)
			if (slots[i].pid > 0 && !slots[i].retiring)
				wanted--;
		for (int i = 0; i < nslots && wanted > 0; i++)
			if (slots[i].pid == 0) {
				spawn(&slots[i], listen_fd, ops, ctx, &blocked);
				wanted--;
			}
	}
	close(listen_fd);
	if (pc->pidfile)
		unlink(pc->pidfile);
	log_info("stopped");
	return 0;
}
