/* A QR code (libqrencode, error correction M) as data for a template to
 * draw, without JavaScript and without markup made in C: Page.qr.size
 * (modules across, with the 4-module quiet zone the standard asks for) and
 * Page.qr.runs.<i>.x, .y, .w: each horizontal run of dark modules (the
 * template draws each as a w×1 rectangle of an SVG path). */
#ifndef SPOR_QR_H
#define SPOR_QR_H

struct req;

/* 0, or -1 when `text` cannot be encoded. */
int qr_put(struct req *r, const char *text);

#endif
