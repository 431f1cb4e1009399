/* The request pipeline and the start-up every FastCGI program shares:
 * read → route → session → the headers' checks → body and fields →
 * language → CSRF → the program's before_handler → handler → render →
 * send.  A program is its definition (program.h); its main() is one call
 * of app_main. */
#ifndef SPOR_APP_H
#define SPOR_APP_H

#include "core/program.h"

/* Parse the command line (-s SOCKET -n WORKERS -c CONFIG -p PIDFILE
 * -b BACKLOG) and run the supervisor. */
int app_main(int argc, char **argv, const struct app_def *def);

#endif
