/*
 * pidns conformance driver: runs `pidns` scenarios on real nested PID
 * namespaces and prints what the kernel did, one JSON line per op.
 *
 * Each scenario gets a fresh PID namespace (clone(CLONE_NEWPID)) whose PID 1
 * stands for the model's `init`; the driver stays outside it, in an ancestor
 * namespace, and sees every process. Every simulated process is a real
 * process that waits for commands on its own pipe:
 *   fork  - the process calls fork(), or clone(CLONE_NEWPID) for newns
 *   exit  - the process calls _exit()
 * `kill` is SIGKILL sent by the driver (an ancestor namespace, so it reaches
 * even a namespace's init: pid_namespaces(7)), the scenario's root init
 * included. Every process ignores SIGCHLD, so the kernel reaps children,
 * adopted orphans included, at once; the root init is the driver's child,
 * and the driver reaps it when it dies.
 *
 * The driver reads, from /proc of its own namespace: NSpid (PIDs at every
 * level) and PPid (re-parenting); `ps` asks the kernel to translate every
 * process on the machine into the namespace of `from` with the nsfs ioctl
 * NS_GET_PID_IN_PIDNS (Linux 6.11+), falling back to NS_GET_PARENT walks.
 *
 * Input (stdin), one scenario after another:
 *   [pid_max <n>]               optional: the scenario's root init writes n to
 *                               /proc/sys/kernel/pid_max before anything else,
 *                               which sets its own namespace's pid_max (Linux
 *                               6.14+; before that the value is global, so the
 *                               test only sends it on 6.14+)
 *   scenario <slots>            slots: processes named in it, init is 0
 *   fork <parent> <child> <newns 0|1>
 *   exit <p> | kill <p> | ps <p>
 *   end
 * Output (stdout): per op one JSON line, then {"final":...}; errors as {"error":...}.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef NSIO
#define NSIO 0xb7
#endif
#ifndef NS_GET_PARENT
#define NS_GET_PARENT _IO(NSIO, 0x2)
#endif
#ifndef NS_GET_PID_IN_PIDNS
#define NS_GET_PID_IN_PIDNS _IOR(NSIO, 0x8, int)
#endif

#define MAX_SLOTS 600
#define MAX_LEVELS 80

enum { CMD_FORK = 1, CMD_EXIT = 2 };
struct command { int kind, a, b; };

static int slots;
static int cmd_pipe[MAX_SLOTS][2];
static int resp_pipe[2];
static pid_t host_pid[MAX_SLOTS];   /* PID in the driver's namespace, 0 if never born */
static int pidfd[MAX_SLOTS];
static int alive[MAX_SLOTS];
static int parent_of[MAX_SLOTS];
static int level_offset;            /* NSpid entries above the scenario's root namespace */
static int root_pid_max;            /* pid_max for the next scenario's root namespace, 0: leave it */
static int use_ioctl = 1;

static void die(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	printf("{\"error\":\"");
	vprintf(fmt, ap);
	printf(" (errno %d)\"}\n", errno);
	va_end(ap);
	fflush(stdout);
	exit(1);
}

static const char *errno_name(int e) {
	switch (e) {
	case ENOSPC: return "ENOSPC";
	case ESRCH: return "ESRCH";
	case EPERM: return "EPERM";
	case ENOMEM: return "ENOMEM";
	case EAGAIN: return "EAGAIN";
	case EINVAL: return "EINVAL";
	case EUSERS: return "EUSERS";
	default: {
		static char buf[32];
		snprintf(buf, sizeof buf, "E%d", e);
		return buf;
	}
	}
}

static void write_all(int fd, const void *data, size_t size) {
	const char *p = data;
	while (size > 0) {
		ssize_t n = write(fd, p, size);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) _exit(111);
		p += n;
		size -= (size_t)n;
	}
}

/* ---- the simulated processes ------------------------------------------ */

static void serve(int self) __attribute__((noreturn));
static void serve(int self) {
	char line[64];
	char link[32];
	/* /proc here is the driver's: /proc/self is our PID in the driver's namespace. */
	ssize_t n = readlink("/proc/self", link, sizeof link - 1);
	if (n <= 0) _exit(112);
	link[n] = 0;
	int len = snprintf(line, sizeof line, "R %d %s\n", self, link);
	write_all(resp_pipe[1], line, (size_t)len);
	for (;;) {
		struct command c;
		ssize_t got = read(cmd_pipe[self][0], &c, sizeof c);
		if (got < 0 && errno == EINTR) continue;
		if (got != sizeof c) _exit(113);
		if (c.kind == CMD_EXIT) _exit(0);
		if (c.kind == CMD_FORK) {
			pid_t child = c.b
				? (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, NULL)
				: fork();
			if (child == 0) serve(c.a);
			if (child < 0) {
				len = snprintf(line, sizeof line, "E %d %d\n", self, errno);
				write_all(resp_pipe[1], line, (size_t)len);
			}
		}
	}
}

/* ---- reading the kernel's view ----------------------------------------- */

static char resp_buf[4096];
static size_t resp_len;

/* Next line from the processes, waiting at most 5 s. */
static void read_response(char *out, size_t size) {
	for (;;) {
		char *nl = memchr(resp_buf, '\n', resp_len);
		if (nl) {
			size_t len = (size_t)(nl - resp_buf);
			if (len >= size) len = size - 1;
			memcpy(out, resp_buf, len);
			out[len] = 0;
			resp_len -= (size_t)(nl - resp_buf) + 1;
			memmove(resp_buf, nl + 1, resp_len);
			return;
		}
		struct pollfd p = { .fd = resp_pipe[0], .events = POLLIN };
		int r = poll(&p, 1, 5000);
		if (r == 0) die("timed out waiting for a process");
		if (r < 0) {
			if (errno == EINTR) continue;
			die("poll");
		}
		ssize_t n = read(resp_pipe[0], resp_buf + resp_len, sizeof resp_buf - resp_len);
		if (n <= 0) die("read responses");
		resp_len += (size_t)n;
	}
}

/* Reads NSpid and PPid of a process; returns the number of NSpid entries, 0 if gone. */
static int read_status(pid_t pid, int *nspid, pid_t *ppid) {
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	int count = 0;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "PPid:", 5)) *ppid = (pid_t)atoi(line + 5);
		if (!strncmp(line, "NSpid:", 6)) {
			char *p = line + 6;
			while (*p && count < MAX_LEVELS) {
				while (*p == '\t' || *p == ' ') p++;
				if (*p < '0' || *p > '9') break;
				nspid[count++] = (int)strtol(p, &p, 10);
			}
		}
	}
	fclose(f);
	return count;
}

static int is_alive(int slot) {
	if (!host_pid[slot]) return 0;
	return syscall(SYS_pidfd_send_signal, pidfd[slot], 0, NULL, 0) == 0;
}

static int slot_of_host_pid(pid_t pid) {
	for (int i = 0; i < slots; i++)
		if (host_pid[i] == pid && alive[i]) return i;
	return -1;
}

static void sleep_briefly(void) {
	struct timespec t = { 0, 200000 };
	nanosleep(&t, NULL);
}

/* Waits until the process is gone for good (reaped), at most 5 s. */
static void wait_gone(int slot) {
	for (int i = 0; i < 25000; i++) {
		if (!is_alive(slot)) return;
		sleep_briefly();
	}
	die("process %d did not go away", slot);
}

static void print_pids(int slot) {
	int nspid[MAX_LEVELS];
	pid_t ppid = 0;
	int count = read_status(host_pid[slot], nspid, &ppid);
	printf("[");
	for (int i = level_offset; i < count; i++) printf("%s%d", i > level_offset ? "," : "", nspid[i]);
	printf("]");
}

static int open_pidns(pid_t pid) {
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/ns/pid", pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Whether the namespace open as `ns_fd` is `target` or nested in it (fallback path). */
static int ns_within(int ns_fd, ino_t target) {
	int fd = dup(ns_fd);
	for (int depth = 0; fd >= 0 && depth < MAX_LEVELS; depth++) {
		struct stat st;
		fstat(fd, &st);
		if (st.st_ino == target) {
			close(fd);
			return 1;
		}
		int up = ioctl(fd, NS_GET_PARENT);
		close(fd);
		fd = up;
	}
	if (fd >= 0) close(fd);
	return 0;
}

/* ---- ops -------------------------------------------------------------------- */

static void born(int slot, pid_t pid, int parent) {
	host_pid[slot] = pid;
	pidfd[slot] = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd[slot] < 0) die("pidfd_open %d", pid);
	alive[slot] = 1;
	parent_of[slot] = parent;
}

static void expect_birth(int slot, int parent) {
	char line[128];
	read_response(line, sizeof line);
	int who, value;
	char kind;
	if (sscanf(line, "%c %d %d", &kind, &who, &value) != 3) die("bad response %s", line);
	if (kind == 'R' && who == slot) {
		born(slot, value, parent);
		printf("{\"ok\":true,\"pids\":");
		print_pids(slot);
		printf("}\n");
	} else if (kind == 'E' && who == parent) {
		printf("{\"ok\":false,\"errno\":\"%s\"}\n", errno_name(value));
	} else {
		die("unexpected response %s", line);
	}
}

static void send_command(int slot, int kind, int a, int b) {
	struct command c = { kind, a, b };
	write_all(cmd_pipe[slot][1], &c, sizeof c);
}

static void op_fork(int parent, int child, int newns) {
	if (!is_alive(parent)) {
		printf("{\"ok\":false,\"errno\":\"ESRCH\"}\n");
		return;
	}
	send_command(parent, CMD_FORK, child, newns);
	expect_birth(child, parent);
}

static void op_end(int slot, int by_signal) {
	if (!is_alive(slot)) {
		printf("{\"ok\":false,\"errno\":\"ESRCH\"}\n");
		return;
	}
	int before[MAX_SLOTS];
	for (int i = 0; i < slots; i++) before[i] = alive[i];
	if (by_signal) {
		if (syscall(SYS_pidfd_send_signal, pidfd[slot], SIGKILL, NULL, 0) != 0) die("pidfd_send_signal");
	} else {
		send_command(slot, CMD_EXIT, 0, 0);
	}
	/* The root init is the driver's own child: it stays a zombie until the
	 * driver reaps it, and it becomes one only once zap_pid_ns_processes()
	 * has seen every other process of its namespace reaped. */
	if (slot == 0 && waitpid(host_pid[0], NULL, 0) != host_pid[0]) die("waitpid root init");
	wait_gone(slot);
	/* An init's exit returns only after zap_pid_ns_processes() has waited for
	 * every process of its namespace; still, give stragglers a moment. */
	for (int i = 0; i < slots; i++)
		if (before[i] && i != slot)
			for (int tries = 0; tries < 50 && is_alive(i) && !kill(host_pid[i], 0); tries++) {
				char path[64];
				snprintf(path, sizeof path, "/proc/%d/status", host_pid[i]);
				FILE *f = fopen(path, "r");
				char line[256];
				int dying = 0;
				while (f && fgets(line, sizeof line, f))
					if (!strncmp(line, "State:", 6) && (strchr(line, 'Z') || strchr(line, 'X'))) dying = 1;
				if (f) fclose(f);
				if (!dying) break;
				sleep_briefly();
			}
	printf("{\"ok\":true,\"exited\":[");
	int first = 1;
	for (int i = 0; i < slots; i++) {
		if (before[i] && !is_alive(i)) {
			alive[i] = 0;
			printf("%s%d", first ? "" : ",", i);
			first = 0;
		}
	}
	printf("],\"reparented\":[");
	first = 1;
	for (int i = 0; i < slots; i++) {
		if (!alive[i]) continue;
		int nspid[MAX_LEVELS];
		pid_t ppid = 0;
		if (!read_status(host_pid[i], nspid, &ppid)) continue;
		int parent = slot_of_host_pid(ppid);
		if (parent != parent_of[i]) {
			printf("%s[%d,%d]", first ? "" : ",", i, parent);
			first = 0;
			parent_of[i] = parent;
		}
	}
	printf("]}\n");
}

static void op_ps(int slot) {
	if (!is_alive(slot)) {
		printf("{\"ok\":false,\"errno\":\"ESRCH\"}\n");
		return;
	}
	int ns_fd = open_pidns(host_pid[slot]);
	if (ns_fd < 0) die("open ns of %d", slot);
	struct stat ns_stat;
	fstat(ns_fd, &ns_stat);
	int nspid[MAX_LEVELS];
	pid_t ppid;
	int ns_level = read_status(host_pid[slot], nspid, &ppid) - 1; /* index into NSpid */
	/* Every process on the machine, as the kernel sees it from that namespace. */
	printf("{\"ok\":true,\"processes\":[");
	int first = 1;
	DIR *dir = opendir("/proc");
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
		pid_t pid = (pid_t)atoi(entry->d_name);
		int inner = -1;
		if (use_ioctl) {
			inner = ioctl(ns_fd, NS_GET_PID_IN_PIDNS, pid);
			if (inner < 0 && (errno == ENOTTY || errno == EINVAL)) use_ioctl = 0;
		}
		if (!use_ioctl) {
			int fd = open_pidns(pid);
			if (fd < 0) continue;
			int count = read_status(pid, nspid, &ppid);
			inner = ns_within(fd, ns_stat.st_ino) && count > ns_level ? nspid[ns_level] : -1;
			close(fd);
		}
		if (inner <= 0) continue;
		printf("%s[%d,%d]", first ? "" : ",", inner, slot_of_host_pid(pid));
		first = 0;
	}
	closedir(dir);
	close(ns_fd);
	printf("]}\n");
}

static void print_final(void) {
	printf("{\"final\":[");
	int first = 1;
	for (int i = 0; i < slots; i++) {
		if (!alive[i] || !is_alive(i)) continue;
		int nspid[MAX_LEVELS];
		pid_t ppid = 0;
		read_status(host_pid[i], nspid, &ppid);
		printf("%s[%d,%d,", first ? "" : ",", i, slot_of_host_pid(ppid));
		print_pids(i);
		printf("]");
		first = 0;
	}
	printf("]}\n");
}

static void run_scenario(void) {
	if (pipe2(resp_pipe, O_CLOEXEC) < 0) die("pipe");
	for (int i = 0; i < slots; i++) {
		if (pipe2(cmd_pipe[i], O_CLOEXEC) < 0) die("pipe %d", i);
		host_pid[i] = 0;
		alive[i] = 0;
		pidfd[i] = -1;
		parent_of[i] = -1;
	}
	resp_len = 0;
	pid_t root = (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, NULL);
	if (root < 0) die("clone(CLONE_NEWPID)");
	if (root == 0) {
		/* PID 1 of the scenario's root namespace: dies with the driver. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGCHLD, SIG_IGN);
		if (root_pid_max > 0) {
			/* The sysctl acts on the writer's active PID namespace (kernel/pid.c
			 * pid_table_root_lookup()): this one. */
			int fd = open("/proc/sys/kernel/pid_max", O_WRONLY | O_CLOEXEC);
			char value[32];
			int len = snprintf(value, sizeof value, "%d\n", root_pid_max);
			if (fd < 0 || write(fd, value, (size_t)len) != len) {
				len = snprintf(value, sizeof value, "X 0 %d\n", errno);
				write_all(resp_pipe[1], value, (size_t)len);
				_exit(114);
			}
			close(fd);
		}
		serve(0);
	}
	char line[128];
	read_response(line, sizeof line);
	int who, pid;
	char kind;
	if (sscanf(line, "%c %d %d", &kind, &who, &pid) == 3 && kind == 'X') {
		errno = pid;
		die("cannot write pid_max %d in the scenario's root namespace", root_pid_max);
	}
	if (sscanf(line, "%c %d %d", &kind, &who, &pid) != 3 || kind != 'R' || who != 0) die("no init");
	born(0, pid, -1);
	int nspid[MAX_LEVELS];
	pid_t ppid;
	level_offset = read_status(pid, nspid, &ppid) - 1;
	printf("{\"root\":{\"outerLevels\":%d,\"pidMax\":%d}}\n", level_offset, root_pid_max);
	root_pid_max = 0;

	char op[32];
	int a, b, c;
	while (scanf("%31s", op) == 1) {
		if (!strcmp(op, "end")) break;
		if (!strcmp(op, "fork")) {
			if (scanf("%d %d %d", &a, &b, &c) != 3) die("bad fork");
			op_fork(a, b, c);
		} else if (!strcmp(op, "exit") || !strcmp(op, "kill") || !strcmp(op, "ps")) {
			if (scanf("%d", &a) != 1) die("bad op");
			if (op[0] == 'p') op_ps(a);
			else op_end(a, op[0] == 'k');
		} else {
			die("unknown op %s", op);
		}
		fflush(stdout);
	}
	print_final();
	/* Tear down: SIGKILL from outside reaches the root init, whose death
	 * kills everything else in the namespace (zap_pid_ns_processes()). */
	if (alive[0]) {
		syscall(SYS_pidfd_send_signal, pidfd[0], SIGKILL, NULL, 0);
		waitpid(root, NULL, 0);
	}
	for (int i = 0; i < slots; i++) {
		close(cmd_pipe[i][0]);
		close(cmd_pipe[i][1]);
		if (pidfd[i] >= 0) close(pidfd[i]);
	}
	close(resp_pipe[0]);
	close(resp_pipe[1]);
	printf("{\"done\":true,\"ioctl\":%s}\n", use_ioctl ? "true" : "false");
	fflush(stdout);
}

int main(void) {
	struct rlimit lim = { 4096, 4096 };
	setrlimit(RLIMIT_NOFILE, &lim);
	char word[32];
	while (scanf("%31s", word) == 1) {
		if (!strcmp(word, "pid_max")) {
			if (scanf("%d", &root_pid_max) != 1 || root_pid_max <= 0) die("bad pid_max");
			continue;
		}
		if (strcmp(word, "scenario") || scanf("%d", &slots) != 1) die("expected scenario");
		if (slots < 1 || slots > MAX_SLOTS) die("bad slot count");
		run_scenario();
	}
	return 0;
}
