/* Reading the SMTP sink's folder. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "mailbox.h"

int mailbox_count(const char *needle, char **text)
{
	const char *dir = getenv("SPOR_MAIL");
	DIR *d = dir ? opendir(dir) : NULL;
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *data = file_read(path, &len);
		if (data && strstr(data, needle)) {
			n++;
			if (text) {
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
	if (!mailbox_wait(needle, 1, 10) || !mailbox_count(needle, &text))
		return NULL;
	snprintf(link, sizeof link, "%s?token=", path);
	char *at = strstr(text, link), *token = NULL;
	if (at) {
		at += strlen(link);
		token = strndup(at, strspn(at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"));
	}
	free(text);
	return token;
}
