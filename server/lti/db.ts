/**
 * The LTI server's storage: an embedded PostgreSQL (PGlite, in a data folder) by
 * default, or a real PostgreSQL server when a connection URL is given. Both run the
 * same SQL and the same migrations, so every query here is plain PostgreSQL.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Db {
	/** Runs one statement with $1… parameters and returns its rows. */
	query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
	/** Runs `work` in one transaction (rolled back when it throws). */
	transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
	close(): Promise<void>;
	/** 'pglite' or 'postgres', for messages. */
	kind: 'pglite' | 'postgres';
}

export interface DbOptions {
	/** PGlite data folder; ignored when `databaseUrl` is set. Undefined means in memory. */
	dataDir?: string;
	/** postgres://… of a real PostgreSQL server. */
	databaseUrl?: string;
	/** A schema to create and use (tests use one per run on a shared server). */
	schema?: string;
}

export async function openDb(options: DbOptions): Promise<Db> {
	const db = options.databaseUrl ? openPostgres(options) : await openPglite(options);
	await migrate(db);
	return db;
}

async function openPglite(options: DbOptions): Promise<Db> {
	const lite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
	await lite.waitReady;
	if (options.schema) {
		await lite.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}`);
		await lite.exec(`SET search_path TO ${ident(options.schema)}`);
	}
	// PGlite is one connection: queue transactions so that two requests never interleave
	// their statements inside one BEGIN…COMMIT.
	let queue: Promise<unknown> = Promise.resolve();
	const inTransaction = { active: false };
	const direct: Db = {
		kind: 'pglite',
		async query<Row>(sql: string, params: unknown[] = []) {
			if (!inTransaction.active) await queue;
			return (await lite.query<Row>(sql, params)).rows;
		},
		transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
			const run = queue.then(async () => {
				inTransaction.active = true;
				try {
					return await lite.transaction(async (tx) =>
						work({
							...direct,
							async query<Row>(sql: string, params: unknown[] = []) {
								return (await tx.query<Row>(sql, params)).rows;
							}
						})
					);
				} finally {
					inTransaction.active = false;
				}
			});
			queue = run.catch(() => undefined);
			return run;
		},
		async close() {
			await queue;
			await lite.close();
		}
	};
	return direct;
}

function openPostgres(options: DbOptions): Db {
	const pool = new pg.Pool({
		connectionString: options.databaseUrl,
		max: 10,
		...(options.schema && { options: `-c search_path=${options.schema}` })
	});
	// An idle client losing its connection must not crash the server.
	pool.on('error', () => undefined);
	let schemaReady: Promise<unknown> | null = options.schema
		? pool.query(`CREATE SCHEMA IF NOT EXISTS ${ident(options.schema)}`)
		: null;
	const ready = async () => {
		if (schemaReady) await schemaReady;
		schemaReady = null;
	};
	return {
		kind: 'postgres',
		async query<Row>(sql: string, params: unknown[] = []) {
			await ready();
			return (await pool.query(sql, params)).rows as Row[];
		},
		async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
			await ready();
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await work({
					kind: 'postgres',
					async query<Row>(sql: string, params: unknown[] = []) {
						return (await client.query(sql, params)).rows as Row[];
					},
					transaction: (inner) => inner(this as unknown as Db),
					close: async () => undefined
				});
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw error;
			} finally {
				client.release();
			}
		},
		async close() {
			await pool.end();
		}
	};
}

function ident(name: string): string {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a schema name: ${name}`);
	return `"${name}"`;
}

/**
 * Schema changes, in order; each runs once, in a transaction, recorded in
 * schema_migrations. Never edit a released migration: add the next one.
 */
export const MIGRATIONS: string[] = [
	`CREATE TABLE tool_keys (
		kid text PRIMARY KEY,
		private_jwk jsonb NOT NULL,
		public_jwk jsonb NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now(),
		retired_at timestamptz
	);
	CREATE TABLE platforms (
		id serial PRIMARY KEY,
		issuer text NOT NULL,
		client_id text NOT NULL,
		auth_url text NOT NULL,
		token_url text NOT NULL,
		jwks_url text NOT NULL,
		name text NOT NULL DEFAULT '',
		created_at timestamptz NOT NULL DEFAULT now(),
		UNIQUE (issuer, client_id)
	);
	CREATE TABLE deployments (
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		deployment_id text NOT NULL,
		PRIMARY KEY (platform_id, deployment_id)
	);
	CREATE TABLE login_states (
		state text PRIMARY KEY,
		nonce text NOT NULL,
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		storage_target text,
		login_params jsonb NOT NULL,
		expires_at timestamptz NOT NULL
	);
	CREATE TABLE used_nonces (
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		nonce text NOT NULL,
		expires_at timestamptz NOT NULL,
		PRIMARY KEY (platform_id, nonce)
	);
	CREATE TABLE launches (
		id text PRIMARY KEY,
		token_hash text NOT NULL UNIQUE,
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		deployment_id text NOT NULL,
		message_type text NOT NULL,
		subject text,
		resource_link_id text,
		target jsonb NOT NULL DEFAULT '{}',
		lineitem_url text,
		score_scope boolean NOT NULL DEFAULT false,
		deep_linking jsonb,
		progress jsonb,
		last_score jsonb,
		used_at timestamptz,
		created_at timestamptz NOT NULL DEFAULT now(),
		expires_at timestamptz NOT NULL
	);
	CREATE TABLE line_items (
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		url text NOT NULL,
		resource_link_id text,
		first_seen timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (platform_id, url)
	);
	CREATE TABLE score_queue (
		id bigserial PRIMARY KEY,
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		lineitem_url text NOT NULL,
		payload jsonb NOT NULL,
		status text NOT NULL DEFAULT 'pending',
		attempts integer NOT NULL DEFAULT 0,
		next_attempt_at timestamptz NOT NULL DEFAULT now(),
		last_error text,
		created_at timestamptz NOT NULL DEFAULT now(),
		sent_at timestamptz
	);
	CREATE INDEX score_queue_due ON score_queue (next_attempt_at) WHERE status = 'pending';
	CREATE TABLE rate_limits (
		bucket text NOT NULL,
		window_start timestamptz NOT NULL,
		hits integer NOT NULL,
		PRIMARY KEY (bucket, window_start)
	);`,
	// A learner's progress in one course link outlives the launch: a relaunch resumes it,
	// so a review visit can never send the LMS less than it already holds. Rows are seeded
	// from the launches made before this migration, keeping each learner's best graded one.
	`CREATE TABLE link_progress (
		platform_id integer NOT NULL REFERENCES platforms ON DELETE CASCADE,
		deployment_id text NOT NULL,
		resource_link_id text NOT NULL,
		subject text NOT NULL,
		progress jsonb NOT NULL,
		last_score jsonb,
		last_lineitem_url text,
		updated_at timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (platform_id, deployment_id, resource_link_id, subject)
	);
	INSERT INTO link_progress (platform_id, deployment_id, resource_link_id, subject, progress, last_score, last_lineitem_url)
	SELECT DISTINCT ON (platform_id, deployment_id, resource_link_id, subject)
		platform_id, deployment_id, resource_link_id, subject, progress, last_score,
		CASE WHEN last_score IS NULL THEN NULL ELSE lineitem_url END
	FROM launches
	WHERE message_type = 'LtiResourceLinkRequest' AND subject IS NOT NULL
		AND resource_link_id IS NOT NULL AND progress IS NOT NULL
	ORDER BY platform_id, deployment_id, resource_link_id, subject,
		coalesce(last_score->>'gradingProgress' = 'FullyGraded', false) DESC,
		(last_score->>'scoreGiven')::numeric DESC NULLS LAST,
		created_at DESC`
];

/** Applies the migrations not yet applied; several processes may start at once. */
export async function migrate(db: Db): Promise<void> {
	await db.transaction(async (tx) => {
		// One migrator at a time across processes sharing a server.
		await tx.query('SELECT pg_advisory_xact_lock(7311001)');
		await tx.query(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
		);
		const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
		const applied = new Set(done.map((row) => Number(row.version)));
		for (const [index, sql] of MIGRATIONS.entries()) {
			const version = index + 1;
			if (applied.has(version)) continue;
			for (const statement of sql.split(/;\s*(?:\n|$)/).filter((s) => s.trim())) {
				await tx.query(statement);
			}
			await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
		}
	});
}
