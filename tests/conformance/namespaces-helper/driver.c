/*
 * Helper for tests/conformance/namespaces.test.ts (Linux, root). Three modes:
 *
 *   driver spawn          reads one line per scenario process on stdin, up to
 *                         a line "end", and creates them (see below); prints one
 *                         JSON line with their host PIDs. The processes sleep
 *                         until stdin closes; then it kills and reaps them (the
 *                         first is PID 1 of the scenario's PID namespaces: the
 *                         kernel kills the rest with it) and exits.
 *   driver run PID UID GID CMD [ARG]
 *                         joins the namespaces and root of process PID (as
 *                         nsenter -t PID -a -r does), takes UID and GID inside
 *                         its user namespace with no supplementary groups (and
 *                         no capabilities unless UID is 0), and
 *                         runs CMD: hostname, id, ls PATH, write PATH, send ADDR.
 *                         Prints one JSON line.
 *   driver ipc HOLDER TYPE KEY [TYPE KEY]...
 *                         creates System V IPC objects (shm, msg, sem) in the IPC
 *                         namespace of process HOLDER, in order; prints their ids.
 *
 * A spawn line, its fields separated by tabs:
 *   NAME UID GID ROOT MNT UTS NET IPC USER MODE PIDNS N PID...
 * ROOT is the process's root directory, a path in the mount namespace of
 * process MNT; MNT, UTS, NET and IPC are holder processes whose namespaces it
 * joins; USER is one too, or 0 to stay in the initial user namespace. PID...
 * are its N PIDs, innermost first. MODE says how it is made:
 *   root    the first process of the scenario: clone3(CLONE_NEWPID), PID 1 of a
 *           new namespace (PIDNS is -1);
 *   init    the first process of a nested PID namespace: a helper forked into
 *           the parent namespace (that of spawned process number PIDNS, counted
 *           from 0 in this run) clones it with CLONE_NEWPID, since only a member
 *           of the parent namespace may;
 *   join    a process of the PID namespace of spawned process number PIDNS.
 * Every PID is set with clone3's set_tid, so each process gets exactly the
 * numbers of the scenario's rule whatever the helpers take.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LEVELS 40
/* A PID the helpers take in every level; the scenarios' own are far smaller. */
#define HELPER_PID 32000

static int finish(const pid_t *spawned, int count, int status);
/* In spawn mode, the processes made so far: a failure kills them. */
static pid_t spawned[1024];
static int count;

static void fail(const char *what) {
	printf("{\"error\":\"%s: %s\"}\n", what, strerror(errno));
	exit(finish(spawned, count, 1));
}

static void json_string(const char *s) {
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *errno_name(int e) {
	const char *name = strerrorname_np(e);
	return name ? name : "EUNKNOWN";
}

static pid_t clone3_tid(uint64_t flags, pid_t *tids, size_t n) {
	struct clone_args args;
	memset(&args, 0, sizeof args);
	args.flags = flags;
	args.exit_signal = SIGCHLD;
	args.set_tid = (uint64_t)(uintptr_t)tids;
	args.set_tid_size = n;
	return (pid_t)syscall(SYS_clone3, &args, sizeof args);
}

static int open_ns(pid_t pid, const char *kind) {
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/ns/%s", pid, kind);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) fail(path);
	return fd;
}

/*
 * Takes uid and gid (in the current user namespace) with no supplementary
 * groups. A uid other than 0 also loses every capability, as a process that
 * runs a program as that user has none. (setresuid() alone would not drop
 * them here: it drops them only when the old uid was the namespace's root,
 * and a process that has just joined a user namespace keeps the machine's
 * uid 0, which that namespace does not map.)
 */
static int take_credentials(uid_t uid, gid_t gid) {
	if (setgroups(0, NULL) || setresgid(gid, gid, gid) || setresuid(uid, uid, uid)) return -1;
	if (uid != 0) {
		struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
		struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
		memset(data, 0, sizeof data);
		if (syscall(SYS_capset, &header, data)) return -1;
	}
	return 0;
}

struct spec {
	char name[256], root[4096], mode[16];
	unsigned uid, gid;
	pid_t mnt, uts, net, ipc, user, pidns;
	int n;
	pid_t pids[MAX_LEVELS];
};

/* In the new process: join the namespaces, take the root and credentials, report, sleep. */
static void become(const struct spec *s, int fds[5], int report) {
	char self[32] = "0";
	ssize_t len = readlink("/proc/self", self, sizeof self - 1);
	self[len > 0 ? len : 1] = '\0';
	int null = open("/dev/null", O_RDWR);
	const char *step = "setns mnt";
	if (setns(fds[0], CLONE_NEWNS)) goto bad;
	step = "chroot";
	if (chdir(s->root) || chroot(".") || chdir("/")) goto bad;
	step = "setns uts";
	if (setns(fds[1], CLONE_NEWUTS)) goto bad;
	step = "setns net";
	if (setns(fds[2], CLONE_NEWNET)) goto bad;
	step = "setns ipc";
	if (setns(fds[3], CLONE_NEWIPC)) goto bad;
	step = "setns user";
	if (fds[4] >= 0 && setns(fds[4], CLONE_NEWUSER)) goto bad;
	step = "credentials";
	if (take_credentials(s->uid, s->gid)) goto bad;
	prctl(PR_SET_NAME, s->name);
	dprintf(report, "ok %s\n", self);
	close(report);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	/* A safety net: the test kills it long before. */
	sleep(600);
	_exit(0);
bad:
	dprintf(report, "err %s: %s\n", step, strerror(errno));
	_exit(1);
}

/* Kills the processes (the first one's PID namespace takes the rest with it) and reaps them. */
static int finish(const pid_t *spawned, int count, int status) {
	fflush(stdout);
	for (int i = 0; i < count; i++) kill(spawned[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return status;
}

static int spawn(void) {
	char line[8192];
	int self_pid = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	if (self_pid < 0) fail("open own pid namespace");
	while (fgets(line, sizeof line, stdin) && strcmp(line, "end\n")) {
		struct spec s;
		memset(&s, 0, sizeof s);
		char *save = NULL;
		char *tok[8 + 4 + MAX_LEVELS];
		int k = 0;
		for (char *t = strtok_r(line, "\t\n", &save); t && k < (int)(sizeof tok / sizeof *tok);
		     t = strtok_r(NULL, "\t\n", &save))
			tok[k++] = t;
		if (k < 13) continue;
		snprintf(s.name, sizeof s.name, "%s", tok[0]);
		s.uid = strtoul(tok[1], NULL, 10);
		s.gid = strtoul(tok[2], NULL, 10);
		snprintf(s.root, sizeof s.root, "%s", tok[3]);
		s.mnt = atoi(tok[4]);
		s.uts = atoi(tok[5]);
		s.net = atoi(tok[6]);
		s.ipc = atoi(tok[7]);
		s.user = atoi(tok[8]);
		snprintf(s.mode, sizeof s.mode, "%s", tok[9]);
		int at = atoi(tok[10]);
		if (strcmp(s.mode, "root") && (at < 0 || at >= count)) {
			errno = EINVAL;
			fail("spawn line: PIDNS");
		}
		s.pidns = at >= 0 ? spawned[at] : 0;
		s.n = atoi(tok[11]);
		if (s.n < 1 || s.n > MAX_LEVELS || k != 12 + s.n) {
			errno = EINVAL;
			fail("spawn line");
		}
		for (int i = 0; i < s.n; i++) s.pids[i] = atoi(tok[12 + i]);

		int fds[5] = {open_ns(s.mnt, "mnt"), open_ns(s.uts, "uts"), open_ns(s.net, "net"),
			      open_ns(s.ipc, "ipc"), s.user ? open_ns(s.user, "user") : -1};
		int report[2];
		if (pipe2(report, O_CLOEXEC)) fail("pipe");
		pid_t helper = 0;
		fflush(stdout);
		if (!strcmp(s.mode, "root")) {
			pid_t child = clone3_tid(CLONE_NEWPID, s.pids, 1);
			if (child < 0) fail("clone3 root");
			if (child == 0) become(&s, fds, report[1]);
		} else {
			int target = open_ns(s.pidns, "pid");
			if (setns(target, CLONE_NEWPID)) fail("setns pid");
			close(target);
			if (!strcmp(s.mode, "join")) {
				pid_t child = clone3_tid(0, s.pids, s.n);
				if (child < 0) fail("clone3 join");
				if (child == 0) become(&s, fds, report[1]);
			} else {
				/* The helper sits in the parent namespace and every one above it. */
				pid_t tids[MAX_LEVELS];
				for (int i = 0; i < s.n - 1; i++) tids[i] = HELPER_PID;
				helper = clone3_tid(0, tids, s.n - 1);
				if (helper < 0) fail("clone3 helper");
				if (helper == 0) {
					pid_t child = clone3_tid(CLONE_NEWPID, s.pids, s.n);
					if (child < 0) {
						dprintf(report[1], "err clone3 init: %s\n", strerror(errno));
						_exit(1);
					}
					if (child == 0) become(&s, fds, report[1]);
					_exit(0);
				}
			}
			if (setns(self_pid, CLONE_NEWPID)) fail("setns back");
		}
		close(report[1]);
		for (int i = 0; i < 5; i++)
			if (fds[i] >= 0) close(fds[i]);
		char got[512] = "";
		ssize_t r = read(report[0], got, sizeof got - 1);
		got[r > 0 ? r : 0] = '\0';
		close(report[0]);
		if (helper > 0) waitpid(helper, NULL, 0);
		if (strncmp(got, "ok ", 3)) {
			got[strcspn(got, "\n")] = '\0';
			printf("{\"error\":");
			json_string(*got ? got : "the process did not report");
			printf("}\n");
			return finish(spawned, count, 1);
		}
		if (count == (int)(sizeof spawned / sizeof *spawned)) {
			errno = E2BIG;
			fail("spawn");
		}
		spawned[count++] = atoi(got + 3);
	}
	printf("{\"pids\":[");
	for (int i = 0; i < count; i++) printf("%s%d", i ? "," : "", spawned[i]);
	printf("]}\n");
	fflush(stdout);
	while (fgetc(stdin) != EOF)
		;
	return finish(spawned, count, 0);
}

static void print_entry(const char *name, const struct stat *st, int first) {
	if (!first) putchar(',');
	printf("[");
	json_string(name);
	const char *type = S_ISDIR(st->st_mode)   ? "dir"
			   : S_ISREG(st->st_mode) ? "file"
			   : S_ISCHR(st->st_mode) ? "char"
			   : S_ISBLK(st->st_mode) ? "block"
						  : "other";
	printf(",\"%s\",\"%u:%u\"]", type, major(st->st_rdev), minor(st->st_rdev));
}

static int run(int argc, char **argv) {
	if (argc < 6) {
		errno = EINVAL;
		fail("run arguments");
	}
	pid_t pid = atoi(argv[2]);
	uid_t uid = strtoul(argv[3], NULL, 10);
	gid_t gid = strtoul(argv[4], NULL, 10);
	const char *cmd = argv[5];
	const char *arg = argc > 6 ? argv[6] : "";
	int mnt = open_ns(pid, "mnt"), uts = open_ns(pid, "uts"), net = open_ns(pid, "net"),
	    ipc = open_ns(pid, "ipc"), user = open_ns(pid, "user");
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/root", pid);
	int root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) fail(path);
	struct stat mine, theirs;
	if (stat("/proc/self/ns/user", &mine) || fstat(user, &theirs)) fail("stat user namespace");
	if (setns(mnt, CLONE_NEWNS)) fail("setns mnt");
	if (fchdir(root) || chroot(".") || chdir("/")) fail("chroot");
	if (setns(uts, CLONE_NEWUTS)) fail("setns uts");
	if (setns(net, CLONE_NEWNET)) fail("setns net");
	if (setns(ipc, CLONE_NEWIPC)) fail("setns ipc");
	if (mine.st_ino != theirs.st_ino && setns(user, CLONE_NEWUSER)) fail("setns user");
	if (take_credentials(uid, gid)) fail("credentials");

	if (!strcmp(cmd, "hostname")) {
		struct utsname u;
		if (uname(&u)) fail("uname");
		printf("{\"ok\":true,\"hostname\":");
		json_string(u.nodename);
		printf("}\n");
	} else if (!strcmp(cmd, "id")) {
		printf("{\"ok\":true,\"uid\":%u,\"gid\":%u}\n", getuid(), getgid());
	} else if (!strcmp(cmd, "ls")) {
		struct stat st;
		if (lstat(arg, &st)) {
			printf("{\"ok\":false,\"errno\":\"%s\"}\n", errno_name(errno));
			return 0;
		}
		if (!S_ISDIR(st.st_mode)) {
			const char *base = strrchr(arg, '/');
			printf("{\"ok\":true,\"file\":");
			json_string(base ? base + 1 : arg);
			printf("}\n");
			return 0;
		}
		DIR *dir = opendir(arg);
		if (!dir) {
			printf("{\"ok\":false,\"errno\":\"%s\"}\n", errno_name(errno));
			return 0;
		}
		printf("{\"ok\":true,\"entries\":[");
		int first = 1;
		struct dirent *d;
		while ((d = readdir(dir))) {
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..")) continue;
			struct stat child;
			if (fstatat(dirfd(dir), d->d_name, &child, AT_SYMLINK_NOFOLLOW)) fail("fstatat");
			print_entry(d->d_name, &child, first);
			first = 0;
		}
		printf("]}\n");
	} else if (!strcmp(cmd, "write")) {
		/* `echo hi > PATH` on an existing file: O_TRUNC, and no O_CREAT (the model's
		 * write creates no file). */
		int fd = open(arg, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd < 0)
			printf("{\"ok\":false,\"errno\":\"%s\"}\n", errno_name(errno));
		else
			printf("{\"ok\":true}\n");
	} else if (!strcmp(cmd, "send")) {
		/* One UDP datagram to port 9 (discard): connect() does the route lookup. */
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0) fail("socket");
		struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(9)};
		if (inet_pton(AF_INET, arg, &to.sin_addr) != 1) fail("address");
		if (connect(fd, (struct sockaddr *)&to, sizeof to)) {
			printf("{\"ok\":false,\"errno\":\"%s\"}\n", errno_name(errno));
			return 0;
		}
		struct sockaddr_in from;
		socklen_t size = sizeof from;
		if (getsockname(fd, (struct sockaddr *)&from, &size)) fail("getsockname");
		char src[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &from.sin_addr, src, sizeof src);
		if (send(fd, "x", 1, 0) < 0)
			printf("{\"ok\":false,\"errno\":\"%s\",\"src\":\"%s\"}\n", errno_name(errno), src);
		else
			printf("{\"ok\":true,\"src\":\"%s\"}\n", src);
	} else {
		errno = EINVAL;
		fail(cmd);
	}
	return 0;
}

static int ipc(int argc, char **argv) {
	if (argc < 3) {
		errno = EINVAL;
		fail("ipc arguments");
	}
	if (setns(open_ns(atoi(argv[2]), "ipc"), CLONE_NEWIPC)) fail("setns ipc");
	printf("{\"ids\":[");
	for (int i = 3; i + 1 < argc; i += 2) {
		key_t key = (key_t)strtol(argv[i + 1], NULL, 10);
		int flags = IPC_CREAT | IPC_EXCL | 0600;
		int id = !strcmp(argv[i], "shm")   ? shmget(key, 4096, flags)
			 : !strcmp(argv[i], "msg") ? msgget(key, flags)
						   : semget(key, 1, flags);
		if (id < 0) fail(argv[i]);
		printf("%s%d", i > 3 ? "," : "", id);
	}
	printf("]}\n");
	return 0;
}

int main(int argc, char **argv) {
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (argc > 1 && !strcmp(argv[1], "spawn")) return spawn();
	if (argc > 1 && !strcmp(argv[1], "run")) return run(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "ipc")) return ipc(argc, argv);
	fprintf(stderr, "usage: driver spawn | run PID UID GID CMD [ARG] | ipc HOLDER TYPE KEY...\n");
	return 2;
}
