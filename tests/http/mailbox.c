/* Reading the SMTP sink's folder. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "mailbox.h"

/* Messages holding both needles (`also` may be NULL); the newest one's
 * text (file names sort by time) in *text unless text is NULL. */
static int find(const char *needle, const char *also, char **text)
{
	const char *dir = getenv("SPOR_MAIL");
	DIR *d = dir ? opendir(dir) : NULL;
	int n = 0;
	char newest[256] = "";
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *data = file_read(path, &len);
		if (data && strstr(data, needle) && (!also || strstr(data, also))) {
			n++;
			if (text && strcmp(e->d_name, newest) > 0) {
				snprintf(newest, sizeof newest, "%s", e->d_name);
				free(*text);
				*text = data;
				data = NULL;
			}
		}
		free(data);
	}
	if (d)
		closedir(d);
	return n;
}

int mailbox_count(const char *needle, char **text)
{
	return find(needle, NULL, text);
}

int mailbox_count_links(const char *needle, const char *path)
{
	char link[256];
	snprintf(link, sizeof link, "%s?token=", path);
	return find(needle, link, NULL);
}

bool mailbox_wait(const char *needle, int n, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		if (mailbox_count(needle, NULL) >= n)
			return true;
		usleep(100000);
	}
	return false;
}

char *mailbox_token(const char *needle, const char *path)
{
	char *text = NULL, link[256];
	snprintf(link, sizeof link, "%s?token=", path);
	for (int i = 0; i < 100 && !find(needle, link, NULL); i++)
		usleep(100000);
	if (!find(needle, link, &text))
		return NULL;
	char *at = strstr(text, link), *token = NULL;
	if (at) {
		at += strlen(link);
		token = strndup(at, strspn(at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
	}
	free(text);
	return token;
}
