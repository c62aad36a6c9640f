/**
 * Credentials the way n8n's server handles them (packages/cli `CredentialsHelper`), minus the
 * database, encryption, external secrets and dynamic credentials: a `CredentialStore` plays the
 * row in the credentials table, `HarnessCredentialsHelper` the server's helper around it.
 *
 * What must behave exactly like the server, because nodes depend on it:
 * - `getDecrypted` returns a new object per call, with the type's defaults applied (so an unset
 *   hidden expirable field reads `''`, which is what triggers preAuthentication);
 * - `preAuthentication` runs only when the expirable field is `''`, when n8n-core reports the
 *   credential expired (401), or on a credential test; its output is persisted and merged;
 * - `authenticate` runs a function as is, or resolves a generic definition's `={{ }}` values
 *   through the workflow's expression engine with `$credentials` bound.
 */
import {
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** A stored credential, like a row in n8n's credentials table. Persists across runs. */
export class CredentialStore {
	/** Saved data as n8n would hold it (decrypted); replaced whenever n8n saves the credential. */
	data: ICredentialDataDecryptedObject;
	/** Every data object saved through `updateCredentials`, oldest first. */
	updates: ICredentialDataDecryptedObject[] = [];
	/** How many times the credential type's `preAuthentication` actually ran. */
	preAuthCalls = 0;
	readonly name: string;

	constructor(
		readonly type: ICredentialType,
		data: ICredentialDataDecryptedObject,
		readonly id: string = '1',
	) {
		this.data = { ...data };
		this.name = `${type.displayName} account`;
	}

	/** The reference a workflow node carries in `node.credentials[type]`. */
	get reference(): INodeCredentialsDetails {
		return { id: this.id, name: this.name };
	}

	save(data: ICredentialDataDecryptedObject): void {
		this.data = { ...data };
		this.updates.push({ ...data });
	}
}

/** The server's `Credentials` entity wrapper (n8n-core), backed by a store instead of ciphertext. */
class StoredCredentials extends ICredentials {
	constructor(private readonly store: CredentialStore) {
		super(store.reference, store.type.name);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.store.data };
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.store.id, name: this.store.name, type: this.store.type.name, data: JSON.stringify(this.store.data) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.save(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: Array<keyof ICredentialDataDecryptedObject> = [],
	): Promise<void> {
		const next: ICredentialDataDecryptedObject = { ...this.store.data };
		for (const [key, value] of Object.entries(toUpdate)) if (value !== undefined) next[key] = value;
		for (const key of toDelete) delete next[key];
		this.store.save(next);
	}
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly stores = new Map<string, CredentialStore>();

	constructor(stores: CredentialStore[] = []) {
		super();
		for (const store of stores) this.stores.set(store.type.name, store);
	}

	private getType(typeName: string): ICredentialType {
		const store = this.stores.get(typeName);
		// n8n's CredentialTypes throws UnrecognizedCredentialTypeError for unknown types.
		if (!store) throw new UnexpectedError(`Unknown credential type "${typeName}" in the test harness`);
		return store.type;
	}

	private getStore(nodeCredentials: INodeCredentialsDetails, typeName: string): CredentialStore {
		const store = this.stores.get(typeName);
		if (!nodeCredentials.id) {
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${typeName}" has no ID.`);
		}
		if (!store || store.id !== nodeCredentials.id) {
			throw new UserError(`Credential with ID "${nodeCredentials.id}" does not exist for type "${typeName}".`);
		}
		return store;
	}

	getParentTypes(typeName: string): string[] {
		// Parents can only be resolved for types the harness knows; like n8n, walk `extends` deeply.
		const direct = this.stores.get(typeName)?.type.extends ?? [];
		return direct.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.stores.get(credentialType)?.type;
		if (!type?.restrictToSupportedNodes) return true;
		// The server compares against fully qualified names built from the short ones in `supportedNodes`.
		return (type.supportedNodes ?? []).some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			}
			requestOptions.headers ??= {};
			// Same walk as the server: each of headers/qs/body/auth, keys and values may be expressions.
			const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolvedKey = resolveValue(key, credentials, workflow, node);
					const resolvedValue = resolveValue(value, credentials, workflow, node);
					// In place, like the server: the node's own headers/qs object gets the entry.
					(target[section] ??= {})[resolvedKey] = resolvedValue;
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;

		// The credential-test endpoint runs the test request on a temporary noOp node with a `temp`
		// parameter; the server recognises a test by exactly that and always refreshes then.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;

		const store = this.stores.get(typeName);
		if (store) store.preAuthCalls++;
		const output = await type.preAuthentication.call(restrictToCredentialDomains(helpers, credentials), credentials);

		// Without the expirable key the server neither saves nor merges anything.
		if (output[expirable.name] === undefined || !node.credentials) return undefined;

		const nodeCredentials = node.credentials[type.name];
		const stored = await (await this.getCredentials(nodeCredentials, type.name)).getData();
		// Persist over the *stored* data (not the resolved one), and never overwrite a field the
		// user stored as an expression with this run's resolved value, except the token itself.
		const toPersist: ICredentialDataDecryptedObject = { ...stored };
		for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	/** OAuth2 path only: transform in memory, no expirable guard, nothing persisted. */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const store = this.stores.get(typeName);
		if (store) store.preAuthCalls++;
		const output = await type.preAuthentication.call(restrictToCredentialDomains(helpers, credentials), credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new StoredCredentials(this.getStore(nodeCredentials, type));
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		// A fresh object per call: n8n decrypts anew every time, so a node mutating what it got
		// (or n8n-core merging a refreshed token into it) never touches the saved row.
		const stored = { ...this.getStore(nodeCredentials, type).data };
		if (raw === true) return stored;
		return this.applyDefaults(type, stored);
	}

	/** The server's `applyDefaultsAndOverwrites` without overwrites and expression resolution. */
	applyDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// Fields the server keeps although they are not declared properties.
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (withDefaults[key] === undefined && data[key] !== undefined) withDefaults[key] = data[key];
		}
		return withDefaults;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await (await this.getCredentials(nodeCredentials, type)).setData(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await (await this.getCredentials(nodeCredentials, type)).updateData({ oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getType(typeName);
		if (type.extends === undefined) return type.properties;
		// Parent properties first, the child's own win (as in the server); unknown parents are skipped.
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			if (this.stores.has(parent)) NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}
}

/**
 * The server hands preAuthentication a helper whose only method is `httpRequest`, wrapped so
 * the credential's own domain allowlist (if the user set one) applies to the token request.
 */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	const httpRequest = (async (options: IHttpRequestOptions) => {
		const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
		if (allowedDomains === undefined) return await helpers.helpers.httpRequest(options);
		if (options.allowedDomains !== undefined) {
			throw new UserError(
				'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
			);
		}
		return await helpers.helpers.httpRequest({ ...options, allowedDomains });
	}) as IHttpRequestHelper['helpers']['httpRequest'];
	return { helpers: { httpRequest } };
}

/** `={{ $credentials.x }}` -> value, through the same expression engine a workflow uses. */
function resolveValue(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
	if (!isExpression(value)) return value as string;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	return resolved ? resolved.toString() : '';
}
