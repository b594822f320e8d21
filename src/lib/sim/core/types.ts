/**
 * The trace contract shared by every model (docs/scenarios.md, docs/trace-format.md).
 * A frame is a complete picture of one moment: a renderer draws frame i from frame i alone.
 */

/**
 * Every errno name Linux defines, so a model may give any of them without a
 * change here: the kernel's include/uapi/asm-generic/errno-base.h and errno.h
 * (the numbering x86, Arm and RISC-V use; checked against Linux 6.1's headers),
 * in their order, EWOULDBLOCK (EAGAIN) and EDEADLOCK (EDEADLK) among them, and
 * ENOTSUP, which errno(3) lists and glibc defines as EOPNOTSUPP. Kernel-internal
 * codes that never reach a program (ERESTARTSYS and the like) are not errnos.
 */
export const ERRNO_NAMES = [
	'EPERM',
	'ENOENT',
	'ESRCH',
	'EINTR',
	'EIO',
	'ENXIO',
	'E2BIG',
	'ENOEXEC',
	'EBADF',
	'ECHILD',
	'EAGAIN',
	'ENOMEM',
	'EACCES',
	'EFAULT',
	'ENOTBLK',
	'EBUSY',
	'EEXIST',
	'EXDEV',
	'ENODEV',
	'ENOTDIR',
	'EISDIR',
	'EINVAL',
	'ENFILE',
	'EMFILE',
	'ENOTTY',
	'ETXTBSY',
	'EFBIG',
	'ENOSPC',
	'ESPIPE',
	'EROFS',
	'EMLINK',
	'EPIPE',
	'EDOM',
	'ERANGE',
	'EDEADLK',
	'ENAMETOOLONG',
	'ENOLCK',
	'ENOSYS',
	'ENOTEMPTY',
	'ELOOP',
	'EWOULDBLOCK',
	'ENOMSG',
	'EIDRM',
	'ECHRNG',
	'EL2NSYNC',
	'EL3HLT',
	'EL3RST',
	'ELNRNG',
	'EUNATCH',
	'ENOCSI',
	'EL2HLT',
	'EBADE',
	'EBADR',
	'EXFULL',
	'ENOANO',
	'EBADRQC',
	'EBADSLT',
	'EDEADLOCK',
	'EBFONT',
	'ENOSTR',
	'ENODATA',
	'ETIME',
	'ENOSR',
	'ENONET',
	'ENOPKG',
	'EREMOTE',
	'ENOLINK',
	'EADV',
	'ESRMNT',
	'ECOMM',
	'EPROTO',
	'EMULTIHOP',
	'EDOTDOT',
	'EBADMSG',
	'EOVERFLOW',
	'ENOTUNIQ',
	'EBADFD',
	'EREMCHG',
	'ELIBACC',
	'ELIBBAD',
	'ELIBSCN',
	'ELIBMAX',
	'ELIBEXEC',
	'EILSEQ',
	'ERESTART',
	'ESTRPIPE',
	'EUSERS',
	'ENOTSOCK',
	'EDESTADDRREQ',
	'EMSGSIZE',
	'EPROTOTYPE',
	'ENOPROTOOPT',
	'EPROTONOSUPPORT',
	'ESOCKTNOSUPPORT',
	'EOPNOTSUPP',
	'EPFNOSUPPORT',
	'EAFNOSUPPORT',
	'EADDRINUSE',
	'EADDRNOTAVAIL',
	'ENETDOWN',
	'ENETUNREACH',
	'ENETRESET',
	'ECONNABORTED',
	'ECONNRESET',
	'ENOBUFS',
	'EISCONN',
	'ENOTCONN',
	'ESHUTDOWN',
	'ETOOMANYREFS',
	'ETIMEDOUT',
	'ECONNREFUSED',
	'EHOSTDOWN',
	'EHOSTUNREACH',
	'EALREADY',
	'EINPROGRESS',
	'ESTALE',
	'EUCLEAN',
	'ENOTNAM',
	'ENAVAIL',
	'EISNAM',
	'EREMOTEIO',
	'EDQUOT',
	'ENOMEDIUM',
	'EMEDIUMTYPE',
	'ECANCELED',
	'ENOKEY',
	'EKEYEXPIRED',
	'EKEYREVOKED',
	'EKEYREJECTED',
	'EOWNERDEAD',
	'ENOTRECOVERABLE',
	'ERFKILL',
	'EHWPOISON',
	'ENOTSUP'
] as const;

/** A Linux errno name: a misspelt one is a type error. */
export type Errno = (typeof ERRNO_NAMES)[number];

export type OkResult = { ok: true } & Record<string, unknown>;
export type ErrResult = { ok: false; errno: Errno };
export type Result = OkResult | ErrResult;

/** Fields every frame carries; the model's state is spread beside them. */
export interface FrameBase {
	/** Index of this frame in `frames`. */
	step: number;
	/** Index of the operation this frame belongs to; null for the opening frame. */
	op: number | null;
	/** One sentence a screen reader can speak. */
	text: string;
}

export type Frame<S extends object = Record<string, unknown>> = FrameBase & S;

export interface Trace<
	S extends object = Record<string, unknown>,
	F = unknown,
	R extends Result = Result
> {
	model: string;
	frames: Frame<S>[];
	results: R[];
	final: F;
}

/** The outcome of turning untrusted input into a trace. */
export type RunOutcome =
	{ ok: true; trace: Trace<Record<string, unknown>> } | { ok: false; errors: string[] };

/** Thrown inside the core for a scenario that is invalid; never escapes `runScenario`. */
export class ScenarioError extends Error {
	constructor(public readonly messages: string[]) {
		super(messages.join('\n'));
		this.name = 'ScenarioError';
	}
}
