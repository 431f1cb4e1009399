/* nginx's page cache in front of spor-public: anonymous pages are kept for
 * the time the program allows and served from the cache; a signed-in
 * visitor's requests (the spor_session cookie) never read or fill it; error
 * pages, exports and the other programs are never cached. */
#include "config.h"

#include "../tap.h"
#include "client.h"

static char *cache_status(const char *path, const char *const *headers, long *status)
{
	struct resp r;
	request("GET", path, NULL, 0, headers, &r);
	*status = r.status;
	char *v = header(&r, "X-Cache");
	resp_free(&r);
	return v;
}

int main(void)
{
	client_init();
	client_anonymous = true;
	long st;
	char *a = cache_status("/rms/lists?size=20&cache-test=1", NULL, &st);
	char *b = cache_status("/rms/lists?size=20&cache-test=1", NULL, &st);
	ok(a && b && (strcmp(a, "MISS") == 0 || strcmp(a, "EXPIRED") == 0) && strcmp(b, "HIT") == 0,
	   "an anonymous page is cached: MISS then HIT");
	free(a);
	free(b);

	struct resp r;
	get("/rms/lists?size=20&cache-test=1", &r);
	char *cc = header(&r, "Cache-Control");
	ok(cc && strstr(cc, "public, max-age="), "spor-public says how long a page may be kept");
	free(cc);
	resp_free(&r);

	const char *const signed_in[] = {"Cookie: spor_session=abc", NULL};
	a = cache_status("/rms/lists?size=20&cache-test=1", signed_in, &st);
	ok(a && strcmp(a, "BYPASS") == 0, "a signed-in visitor bypasses the cache");
	free(a);
	a = cache_status("/rms/lists?size=20&cache-test=2", signed_in, &st);
	b = cache_status("/rms/lists?size=20&cache-test=2", NULL, &st);
	ok(b && strcmp(b, "HIT") != 0, "and never fills it");
	free(a);
	free(b);

	a = cache_status("/rms/terms/999999999995", NULL, &st);
	b = cache_status("/rms/terms/999999999995", NULL, &st);
	ok(st == 404 && b && strcmp(b, "HIT") != 0, "error pages are not cached");
	free(a);
	free(b);
	static const char *const exports[] = {"/rms/lists/900000000001/export.csv",
					      "/rms/lists/900000000001/export.xlsx", "/oms/export.xlsx"};
	for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++) {
		free(cache_status(exports[i], NULL, &st));
		b = cache_status(exports[i], NULL, &st);
		ok(st == 200 && b && strcmp(b, "HIT") != 0, "exports are not cached: %s", exports[i]);
		free(b);
	}
	a = cache_status("/login", NULL, &st);
	ok(a == NULL, "spor-account's pages never pass through the cache");
	free(a);
	return done_testing();
}
