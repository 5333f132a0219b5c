/* fork: the child connects and talks while the parent waits; then the parent accepts. */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	/* SIGCHLD carries the children's CPU times, which vary: keep it pending, never delivered. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	char buf[32];
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	bind(lfd, (struct sockaddr *)&a, sizeof(a));
	listen(lfd, 4);
	getsockname(lfd, (struct sockaddr *)&a, &len);

	for (int i = 0; i < 2; i++) {
		pid_t child = fork();
		if (child == 0) {
			int c = socket(AF_INET, SOCK_STREAM, 0);
			connect(c, (struct sockaddr *)&a, sizeof(a));
			send(c, i ? "second child" : "first child", i ? 12 : 11, 0);
			_exit(i);
		}
		int status;
		waitpid(child, &status, 0);
		int s = accept(lfd, NULL, NULL);
		recv(s, buf, sizeof(buf), 0);
		shutdown(s, SHUT_RDWR);
	}
	/* A grandchild: fork inside a fork, each level with its own call. */
	pid_t child = fork();
	if (child == 0) {
		socket(AF_INET6, SOCK_DGRAM, 0);
		pid_t grandchild = fork();
		if (grandchild == 0) {
			socket(AF_UNIX, SOCK_DGRAM, 0);
			_exit(0);
		}
		waitpid(grandchild, NULL, 0);
		socket(AF_INET, SOCK_DGRAM, 0);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return 0;
}
