/* Descriptor-call constants for --close (x86_64 values; strace 6.1's names and order). */
#include "decode/xlat.h"

/* dup3 flags (open(2) flags); O_SYNC before O_DSYNC and O_TMPFILE before O_DIRECTORY */
static const struct xlat_pair open_mode_flags_pairs[] = {
	{ 0100, "O_CREAT" },
	{ 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },
	{ 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },
	{ 04000000, "__O_SYNC" },
	{ 010000, "O_DSYNC" },
	{ 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" },
	{ 0400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
	{ 020200000, "O_TMPFILE" },
	{ 020000000, "__O_TMPFILE" },
	{ 0200000, "O_DIRECTORY" },
	{ 020000, "FASYNC" },
};
const struct xlat xlat_open_mode_flags = XLAT_TABLE(open_mode_flags_pairs);

/* fcntl commands */
static const struct xlat_pair fcntlcmds_pairs[] = {
	{ 0, "F_DUPFD" },
	{ 1, "F_GETFD" },
	{ 2, "F_SETFD" },
	{ 3, "F_GETFL" },
	{ 4, "F_SETFL" },
	{ 5, "F_GETLK" },
	{ 6, "F_SETLK" },
	{ 7, "F_SETLKW" },
	{ 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },
	{ 10, "F_SETSIG" },
	{ 11, "F_GETSIG" },
	{ 15, "F_SETOWN_EX" },
	{ 16, "F_GETOWN_EX" },
	{ 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" },
	{ 37, "F_OFD_SETLK" },
	{ 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" },
	{ 1025, "F_GETLEASE" },
	{ 1026, "F_NOTIFY" },
	{ 1029, "F_CANCELLK" },
	{ 1030, "F_DUPFD_CLOEXEC" },
	{ 1031, "F_SETPIPE_SZ" },
	{ 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" },
	{ 1034, "F_GET_SEALS" },
};
const struct xlat xlat_fcntlcmds = XLAT_TABLE(fcntlcmds_pairs);

/* F_SETFD flags */
static const struct xlat_pair fdflags_pairs[] = {
	{ 1, "FD_CLOEXEC" },
};
const struct xlat xlat_fdflags = XLAT_TABLE(fdflags_pairs);
