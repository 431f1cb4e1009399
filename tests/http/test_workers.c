/* Tests of the prefork supervisor under real traffic: a worker killed with
 * SIGKILL is replaced, SIGHUP replaces every worker without failing a
 * request, and when spor-public is stopped nginx answers with the portal's
 * 502 page while the other programs go on; then spor-public is started
 * again.  Runs last: it disturbs the instance. */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"

enum { MAXW = 64 };

static char run_dir[4096];
static char config[4096]; /* spor-public's own configuration file */

static pid_t supervisor(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/spor-public.pid", run_dir);
	char *s = slurp(path);
	pid_t pid = s ? (pid_t)atol(s) : 0;
	free(s);
	return pid;
}

static int children(pid_t parent, pid_t *out)
{
	char path[128];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)parent, (int)parent);
	char *s = slurp(path);
	int n = 0;
	for (char *p = s; p && *p && n < MAXW;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		out[n++] = (pid_t)v;
		p = end;
	}
	free(s);
	return n;
}

static bool contains(const pid_t *set, int n, pid_t pid)
{
	for (int i = 0; i < n; i++)
		if (set[i] == pid)
			return true;
	return false;
}

static int failed_requests(int count, const char *path)
{
	int failed = 0;
	for (int i = 0; i < count; i++) {
		struct resp r;
		if (get(path, &r) < 0 || r.status != 200)
			failed++;
		resp_free(&r);
	}
	return failed;
}

static void test_kill(pid_t sup, int workers)
{
	pid_t before[MAXW], after[MAXW];
	int n = children(sup, before);
	is_int(n, workers, "spor-public runs its workers");
	if (n == 0)
		return;
	kill(before[0], SIGKILL);
	int m = 0;
	for (int i = 0; i < 100; i++) {
		usleep(50000);
		m = children(sup, after);
		if (m == n && !contains(after, m, before[0]))
			break;
	}
	ok(m == n && !contains(after, m, before[0]), "a worker killed with SIGKILL is replaced");
	is_int(failed_requests(30, "/"), 0, "every request after the kill succeeds");
}

static void test_reload(pid_t sup, int workers)
{
	pid_t before[MAXW], after[MAXW];
	int n = children(sup, before);
	kill(sup, SIGHUP);
	int failed = 0, m = 0, fresh = 0;
	for (int i = 0; i < 100; i++) {
		failed += failed_requests(2, "/");
		m = children(sup, after);
		fresh = 0;
		for (int k = 0; k < m; k++)
			fresh += !contains(before, n, after[k]);
		if (m == workers && fresh == workers)
			break;
		usleep(50000);
	}
	ok(m == workers && fresh == workers, "SIGHUP replaces every worker");
	is_int(failed, 0, "no request fails during the reload");
}

/* A reload whose new workers could not start is refused: the old workers
 * stay and answer. */
static void test_bad_reload(pid_t sup, int workers)
{
	char *saved = slurp(config);
	if (!ok(saved != NULL, "the configuration can be read"))
		return;
	FILE *f = fopen(config, "a");
	fputs("this line has no equals sign\n", f);
	fclose(f);
	pid_t before[MAXW], after[MAXW];
	int n = children(sup, before);
	kill(sup, SIGHUP);
	usleep(1500000);
	int m = children(sup, after);
	int same = 0;
	for (int k = 0; k < m; k++)
		same += contains(before, n, after[k]);
	ok(m == workers && same == workers, "a reload with a broken configuration keeps the running workers");
	is_int(failed_requests(10, "/"), 0, "and they go on answering");
	f = fopen(config, "w");
	fputs(saved, f);
	fclose(f);
	free(saved);
}

/* Under a steady stream of requests the workers a reload replaces leave
 * promptly instead of draining forever. */
static void test_reload_under_load(pid_t sup, int workers)
{
	pid_t before[MAXW], after[MAXW];
	int n = children(sup, before);
	pid_t loader = fork();
	if (loader == 0) {
		double end = (double)time(NULL) + 4;
		while ((double)time(NULL) < end)
			failed_requests(5, "/");
		_exit(0);
	}
	usleep(300000);
	kill(sup, SIGHUP);
	bool replaced = false;
	for (int i = 0; i < 40 && !replaced; i++) {
		usleep(50000);
		int m = children(sup, after);
		int old = 0;
		for (int k = 0; k < m; k++)
			old += contains(before, n, after[k]);
		replaced = old == 0 && m == workers;
	}
	ok(replaced, "under load, a reload replaces every worker within two seconds");
	waitpid(loader, NULL, 0);
}

/* A second program on the same socket is refused and leaves the first alone. */
static void test_second_instance(int workers)
{
	const char *build = getenv("SPOR_TEST_BUILD");
	char bin[4200], sock[4200], cmd[13000];
	snprintf(bin, sizeof bin, "%s/cgi/spor-public", build ? build : ".");
	snprintf(sock, sizeof sock, "%s/spor-public.sock", run_dir);
	snprintf(cmd, sizeof cmd, "'%s' -s '%s' -n %d -c '%s' 2>/dev/null", bin, sock, workers, config);
	int status = system(cmd);
	ok(WIFEXITED(status) && WEXITSTATUS(status) != 0, "a second spor-public on the same socket refuses to start");
	is_int(failed_requests(5, "/"), 0, "the first one goes on answering");
}

static void test_outage(pid_t sup, int workers)
{
	kill(sup, SIGTERM);
	bool gone = false;
	for (int i = 0; i < 200 && !gone; i++) {
		usleep(50000);
		gone = kill(sup, 0) != 0;
	}
	ok(gone, "SIGTERM drains and stops spor-public");

	struct resp r;
	get("/?outage", &r);
	ok(r.status == 502 && body_has(&r, "Service temporarily unavailable") && body_has(&r, "Referentials") &&
		   body_has(&r, "spor.css"),
	   "with spor-public down, nginx answers the portal's 502 page");
	char *csp = header(&r, "Content-Security-Policy");
	ok(csp && strstr(csp, "object-src 'none'"), "the 502 page carries the security headers");
	free(csp);
	resp_free(&r);
	get("/login", &r);
	is_int(r.status, 200, "spor-account answers while spor-public is down");
	resp_free(&r);

	/* Start spor-public again, as script/test did. */
	const char *build = getenv("SPOR_TEST_BUILD"), *logdir = getenv("SPOR_LOG");
	if (!build || !logdir) {
		ok(false, "SPOR_TEST_BUILD and SPOR_LOG are set to restart spor-public");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		char bin[4200], sock[4200], pidf[4200], logf[4200], n[16];
		snprintf(bin, sizeof bin, "%s/cgi/spor-public", build);
		snprintf(sock, sizeof sock, "%s/spor-public.sock", run_dir);
		snprintf(pidf, sizeof pidf, "%s/spor-public.pid", run_dir);
		snprintf(logf, sizeof logf, "%s/spor-public.log", logdir);
		snprintf(n, sizeof n, "%d", workers);
		int fd = open(logf, O_WRONLY | O_APPEND | O_CREAT, 0644);
		dup2(fd, 2);
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		execl(bin, bin, "-s", sock, "-n", n, "-c", config, "-p", pidf, (char *)NULL);
		_exit(127);
	}
	bool up = false;
	for (int i = 0; i < 200 && !up; i++) {
		usleep(50000);
		get("/healthz", &r);
		up = r.status == 200;
		resp_free(&r);
	}
	ok(up, "spor-public starts again and answers");
}

int main(void)
{
	client_init();
	const char *run = getenv("SPOR_RUN");
	const char *w = getenv("SPOR_WORKERS");
	if (!run || !w)
		skip_all("SPOR_RUN or SPOR_WORKERS unset");
	snprintf(run_dir, sizeof run_dir, "%s", run);
	int workers = atoi(w);
	pid_t sup = supervisor();
	if (!ok(sup > 0 && kill(sup, 0) == 0, "spor-public's supervisor is running"))
		return done_testing();
	char *own = program_config("spor-public");
	if (!ok(own != NULL, "and its configuration file is known (%s)", own ? own : "none"))
		return done_testing();
	snprintf(config, sizeof config, "%s", own);
	free(own);
	test_kill(sup, workers);
	test_reload(sup, workers);
	test_bad_reload(sup, workers);
	test_reload_under_load(sup, workers);
	test_second_instance(workers);
	test_outage(sup, workers);
	return done_testing();
}
