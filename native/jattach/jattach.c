/*
 * nettrace-jattach: load the nettrace javaagent into a running HotSpot JVM, including one in
 * another mount and pid namespace (a container) and one owned by another user. It speaks the
 * HotSpot attach protocol the way jattach does, one function per step:
 *
 *   read the target's /proc status (euid, egid, in-namespace pid, caught signals)
 *   -> make sure it is a JVM that catches SIGQUIT and did not disable attach
 *   -> take the target's euid/egid (the JVM only talks to its own user, or root in its namespace)
 *   -> find its attach socket under /proc/PID/root/tmp, or create .attach_pid and send SIGQUIT
 *   -> send "load instrument false <jar>=<args>" and read the reply.
 *
 * Paths go through /proc/PID/root and /proc/PID/cwd, so no setns() is needed; that also keeps
 * this a single-threaded process with nothing to undo.
 *
 * Usage: nettrace-jattach PID JAR_AS_SEEN_BY_TARGET AGENT_ARGS
 * Exit: 0 loaded; 2 not an attachable JVM (nothing was sent); 3 attach mechanism did not answer
 * or refused us; 4 the JVM answered but the agent did not load; 1 anything else. One line on
 * stderr says which.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OTHER = 1, EXIT_NOT_JVM = 2, EXIT_NO_ANSWER = 3, EXIT_AGENT_FAILED = 4 };

struct target {
    pid_t pid;         /* as seen from here */
    pid_t nspid;       /* as seen by the JVM itself: names its attach files */
    uid_t euid;
    gid_t egid;
    unsigned long long caught; /* SigCgt */
};

static int fail(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("nettrace-jattach: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

/* Uid/Gid (effective = second field), NStgid (last = innermost namespace), SigCgt. */
static int read_status(struct target *t) {
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/status", (int)t->pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    t->nspid = t->pid;
    while (fgets(line, sizeof line, f)) {
        unsigned a, b;
        if (sscanf(line, "Uid: %u %u", &a, &b) == 2) t->euid = b;
        else if (sscanf(line, "Gid: %u %u", &a, &b) == 2) t->egid = b;
        else if (strncmp(line, "NStgid:", 7) == 0) {
            char *last = strrchr(line, '\t');
            if (last) t->nspid = atoi(last + 1);
        } else if (strncmp(line, "SigCgt:", 7) == 0) {
            t->caught = strtoull(line + 7, NULL, 16);
        }
    }
    fclose(f);
    return 0;
}

/* Does a file contain a string? Reads it whole (maps, cmdline and perf data are small). */
static int file_contains(const char *path, const char *needle) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    int found = 0;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) break;
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf) found = memmem(buf, len, needle, strlen(needle)) != NULL;
    free(buf);
    fclose(f);
    return found;
}

static int is_jvm(const struct target *t) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)t->pid);
    return file_contains(path, "/libjvm.so");
}

/* Only a JVM's own handler keeps SIGQUIT from killing the process. */
static int catches_sigquit(const struct target *t) {
    return (t->caught >> (SIGQUIT - 1)) & 1;
}

/* The flag on the command line, or anywhere in the JVM's perf data (JAVA_TOOL_OPTIONS, @files). */
static int attach_disabled(const struct target *t) {
    const char *flag = "-XX:+DisableAttachMechanism";
    char path[PATH_MAX];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)t->pid);
    if (file_contains(path, flag)) return 1;
    snprintf(path, sizeof path, "/proc/%d/root/tmp/hsperfdata_*/%d", (int)t->pid, (int)t->nspid);
    glob_t g;
    int disabled = 0;
    if (glob(path, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc && !disabled; i++) disabled = file_contains(g.gl_pathv[i], flag);
        globfree(&g);
    }
    return disabled;
}

/* The JVM accepts a peer with its own euid/egid; files we create must be owned by it too. */
static int become_target_user(const struct target *t) {
    if (geteuid() != 0 || t->euid == 0) return 0;
    if (setegid(t->egid) != 0 || seteuid(t->euid) != 0) return -1;
    return 0;
}

static void socket_path(const struct target *t, char *out, size_t size) {
    snprintf(out, size, "/proc/%d/root/tmp/.java_pid%d", (int)t->pid, (int)t->nspid);
}

static int connect_socket(const char *path) {
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sa.sun_path) return -1;
    strcpy(sa.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* HotSpot looks for .attach_pid<pid> in its working directory, then in its temp directory. */
static int create_trigger(const struct target *t, char *made, size_t size) {
    const char *dirs[] = {"cwd", "root/tmp"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        snprintf(made, size, "/proc/%d/%s/.attach_pid%d", (int)t->pid, dirs[i], (int)t->nspid);
        int fd = open(made, O_WRONLY | O_CREAT | O_CLOEXEC, 0660);
        if (fd >= 0) {
            close(fd);
            return 0;
        }
    }
    return -1;
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Returns a connected socket to the target's Attach Listener, starting it if needed. */
static int open_attach_socket(const struct target *t) {
    char path[PATH_MAX], trigger[PATH_MAX];
    socket_path(t, path, sizeof path);
    int fd = connect_socket(path);
    if (fd >= 0) return fd;
    if (create_trigger(t, trigger, sizeof trigger) != 0) return -1;
    if (kill(t->pid, SIGQUIT) != 0) {
        unlink(trigger);
        return -1;
    }
    for (long waited = 0, step = 20; waited < 10000 && fd < 0; waited += step, step = step < 200 ? step * 2 : step) {
        sleep_ms(step);
        fd = connect_socket(path);
    }
    unlink(trigger);
    return fd;
}

static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* "1\0load\0instrument\0false\0JAR=ARGS\0": protocol version, command and its three arguments. */
static int send_load(int fd, const char *jar, const char *args) {
    char options[PATH_MAX * 2];
    int n = snprintf(options, sizeof options, "%s=%s", jar, args);
    if (n < 0 || (size_t)n >= sizeof options) return -1;
    const char *parts[] = {"1", "load", "instrument", "false", options};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (write_all(fd, parts[i], strlen(parts[i]) + 1) != 0) return -1;
    }
    return 0;
}

/*
 * The reply is a status line, then the command's output. For load, JDK 21+ answers status 0
 * and "return code: N"; older JDKs put the agent's result on the second line.
 */
static int read_reply(int fd, const struct target *t) {
    char reply[8192];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof reply - 1 && (n = read(fd, reply + len, sizeof reply - 1 - len)) != 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        len += (size_t)n;
    }
    reply[len] = '\0';
    if (len == 0) return fail(EXIT_NO_ANSWER, "JVM %d closed the attach connection without an answer", (int)t->pid);
    char *rest = strchr(reply, '\n');
    rest = rest ? rest + 1 : reply + len;
    int status = atoi(reply);
    int result = 0;
    const char *rc = strstr(rest, "return code: ");
    if (rc) result = atoi(rc + strlen("return code: "));
    else if (*rest >= '0' && *rest <= '9') result = atoi(rest);
    if (status != 0 || result != 0) {
        rest[strcspn(rest, "\n")] = '\0';
        return fail(EXIT_AGENT_FAILED, "JVM %d did not load the agent (status %d, result %d)%s%s", (int)t->pid, status, result,
                    *rest ? ": " : "", rest);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: nettrace-jattach PID JAR_AS_SEEN_BY_TARGET AGENT_ARGS\n");
        return EXIT_OTHER;
    }
    signal(SIGPIPE, SIG_IGN);
    struct target t = {.pid = (pid_t)atoi(argv[1])};
    if (t.pid <= 0 || read_status(&t) != 0) return fail(EXIT_NOT_JVM, "no such process: %s", argv[1]);
    if (!is_jvm(&t)) return fail(EXIT_NOT_JVM, "process %d is not a JVM (no libjvm.so mapped)", (int)t.pid);
    if (!catches_sigquit(&t)) return fail(EXIT_NOT_JVM, "process %d does not handle SIGQUIT (started with -Xrs?); not sending it", (int)t.pid);
    if (attach_disabled(&t)) return fail(EXIT_NO_ANSWER, "JVM %d was started with -XX:+DisableAttachMechanism", (int)t.pid);
    if (become_target_user(&t) != 0) return fail(EXIT_OTHER, "cannot switch to uid %u gid %u: %s", t.euid, t.egid, strerror(errno));
    int fd = open_attach_socket(&t);
    if (fd < 0) {
        return fail(EXIT_NO_ANSWER, "JVM %d did not open its attach socket (%s); is it a HotSpot JVM that allows attach?",
                    (int)t.pid, strerror(errno));
    }
    if (send_load(fd, argv[2], argv[3]) != 0) {
        close(fd);
        return fail(EXIT_NO_ANSWER, "JVM %d refused the attach request: %s", (int)t.pid, strerror(errno));
    }
    int rc = read_reply(fd, &t);
    close(fd);
    return rc;
}
