/**
 * Who may call the stand-in: IAM users, AK/SK pairs, the projects of each region, and the tokens
 * issued so far. The IAM endpoints (iam.ts) and the OCR gateway (ocrCall.ts) read it.
 */
import { randomBytes } from 'crypto';

import type { AccessKeySpec, UserSpec } from '../helpers/fixtures';
import type { ProjectSpec } from './serverApi';

export interface Project {
	id: string;
	name: string;
	region: string;
}

export interface TokenRecord {
	user: UserSpec;
	project?: { id: string; name: string };
	expiresAt: number;
	revoked: boolean;
}

export interface IdentityOptions {
	region: string;
	users: UserSpec[];
	accessKeys: AccessKeySpec[];
	projects: Record<string, Array<string | ProjectSpec>>;
	tokenTtlMs: number;
	now: () => number;
}

export class Identities {
	readonly region: string;
	readonly users: UserSpec[];
	readonly projects: Project[] = [];
	readonly now: () => number;
	private readonly keys = new Map<string, AccessKeySpec>();
	private readonly tokens = new Map<string, TokenRecord>();
	private readonly tokenTtlMs: number;

	constructor(options: IdentityOptions) {
		this.region = options.region;
		this.users = options.users;
		for (const key of options.accessKeys) this.keys.set(key.ak, key);
		for (const [region, list] of Object.entries(options.projects)) {
			for (const entry of list) {
				const spec = typeof entry === 'string' ? { id: entry } : entry;
				this.projects.push({ id: spec.id, name: spec.name ?? region, region });
			}
		}
		this.tokenTtlMs = options.tokenTtlMs;
		this.now = options.now;
	}

	accessKey(ak: string): AccessKeySpec | undefined {
		return this.keys.get(ak);
	}

	/** A token scope's project: `{id}` or `{name}`. */
	findProject(scope: Record<string, unknown>): Project | undefined {
		if (typeof scope.id === 'string') return this.projects.find((p) => p.id === scope.id);
		if (typeof scope.name === 'string') return this.projects.find((p) => p.name === scope.name);
		return undefined;
	}

	/** A new token for `user`, valid for the configured lifetime from `issuedAt`. */
	issue(user: UserSpec, project: Project | undefined, issuedAt: number): { token: string; record: TokenRecord } {
		const token = `MIIT${randomBytes(96).toString('base64url')}`;
		return { token, record: this.remember(token, user, project, issuedAt) };
	}

	token(token: string): TokenRecord | undefined {
		return this.tokens.get(token);
	}

	/** Revoked, or past its expiry. */
	isExpired(record: TokenRecord): boolean {
		return record.revoked || this.now() >= record.expiresAt;
	}

	/** A token issued elsewhere, taken as one for the region's first project. */
	accept(token: string, user: UserSpec = this.users[0]): void {
		const project = this.projects.find((candidate) => candidate.region === this.region);
		this.remember(token, user, project, this.now());
	}

	expireAll(): number {
		let count = 0;
		for (const record of this.tokens.values()) {
			if (!record.revoked) count++;
			record.revoked = true;
		}
		return count;
	}

	issued(): string[] {
		return [...this.tokens.keys()];
	}

	private remember(token: string, user: UserSpec, project: Project | undefined, from: number): TokenRecord {
		const record: TokenRecord = {
			user,
			project: project && { id: project.id, name: project.name },
			expiresAt: from + this.tokenTtlMs,
			revoked: false,
		};
		this.tokens.set(token, record);
		return record;
	}
}
