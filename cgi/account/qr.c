/* QR codes for templates. */
#include "config.h"

#include <qrencode.h>
#include <stdio.h>

#include "account/qr.h"
#include "core/http.h"
#include "core/page.h"

enum { QUIET = 4 };

int qr_put(struct req *r, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	HDF *top = page_node(r, "Page.qr");
	if (!qr || !top) {
		QRcode_free(qr);
		return -1;
	}
	int w = qr->width;
	char num[16];
	snprintf(num, sizeof num, "%d", w + 2 * QUIET);
	page_put(top, "size", num);
	size_t n = 0;
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			/* Bit 0 of each module's byte: dark. */
			if (!(qr->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int start = x;
			while (x < w && (qr->data[y * w + x] & 1))
				x++;
			HDF *run = page_subitem(top, "runs", n++);
			snprintf(num, sizeof num, "%d", start + QUIET);
			page_put(run, "x", num);
			snprintf(num, sizeof num, "%d", y + QUIET);
			page_put(run, "y", num);
			snprintf(num, sizeof num, "%d", x - start);
			page_put(run, "w", num);
		}
	}
	QRcode_free(qr);
	return 0;
}
