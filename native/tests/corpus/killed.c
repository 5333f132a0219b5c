/* A process that dies by a signal in the middle of its work: strace's "+++ killed by SIGKILL +++". */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/socket.h>

int main(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "last words", 10, 0);
	raise(SIGKILL);
	socket(AF_INET, SOCK_STREAM, 0);
	return 0;
}
