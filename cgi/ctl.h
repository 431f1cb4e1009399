/* sporctl's commands, one file each (ctl_<command>.c). */
#ifndef SPOR_CTL_H
#define SPOR_CTL_H

struct conf;

/* Each returns the process exit status: 0 success, 1 failure, 2 usage. */
int ctl_migrate(const struct conf *c, int argc, char **argv);
int ctl_import(const struct conf *c, int argc, char **argv);
int ctl_gendata(const struct conf *c, int argc, char **argv);

#endif
