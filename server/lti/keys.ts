/**
 * The tool's own signing keys (RS256). Generated on first start and kept in the
 * database, never written to a log. Rotation adds a new signing key and keeps the
 * retired one in the published JWKS for an overlap period, so that platforms still
 * holding a token or a cached JWKS can verify what the old key signed.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Db } from './db';

interface KeyRow {
	kid: string;
	private_jwk: JWK;
	public_jwk: JWK;
	created_at: Date;
	retired_at: Date | null;
}

async function newKeyRow(): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
	const { privateKey, publicKey } = await generateKeyPair('RS256', {
		modulusLength: 2048,
		extractable: true
	});
	const kid = randomUUID();
	const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
	const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
	return { kid, privateJwk, publicJwk };
}

async function insertKey(db: Db): Promise<string> {
	const key = await newKeyRow();
	await db.query('INSERT INTO tool_keys (kid, private_jwk, public_jwk) VALUES ($1, $2, $3)', [
		key.kid,
		JSON.stringify(key.privateJwk),
		JSON.stringify(key.publicJwk)
	]);
	return key.kid;
}

/** Makes sure a signing key exists (the first start creates it); safe with several processes. */
export async function ensureKeys(db: Db): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(7311002)');
		const active = await tx.query('SELECT kid FROM tool_keys WHERE retired_at IS NULL LIMIT 1');
		if (active.length === 0) await insertKey(tx);
	});
}

/**
 * Retires the current key and makes a new one; retired keys older than `overlapSeconds`
 * leave the JWKS (and the database). Returns the new key's id.
 */
export async function rotateKeys(db: Db, overlapSeconds: number): Promise<string> {
	return db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(7311002)');
		await tx.query('UPDATE tool_keys SET retired_at = now() WHERE retired_at IS NULL');
		await tx.query('DELETE FROM tool_keys WHERE retired_at < now() - make_interval(secs => $1)', [
			overlapSeconds
		]);
		return insertKey(tx);
	});
}

/** The published keys: the signing key and those retired less than `overlapSeconds` ago. */
export async function publicJwks(db: Db, overlapSeconds: number): Promise<{ keys: JWK[] }> {
	const rows = await db.query<KeyRow>(
		`SELECT public_jwk FROM tool_keys
		 WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)
		 ORDER BY created_at DESC`,
		[overlapSeconds]
	);
	return { keys: rows.map((row) => row.public_jwk) };
}

/** The newest active key, ready to sign. */
export async function signingKey(db: Db): Promise<{ kid: string; key: CryptoKey }> {
	const [row] = await db.query<KeyRow>(
		'SELECT kid, private_jwk FROM tool_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1'
	);
	if (!row) throw new Error('no signing key: ensureKeys() was not run');
	const key = (await importJWK(row.private_jwk, 'RS256')) as CryptoKey;
	return { kid: row.kid, key };
}
