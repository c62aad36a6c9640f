/**
 * Dev mode, as `npm run dev` starts it and the editor test drives it: a real n8n 2.x with this
 * package loaded, folders of samples that n8n may read (card photos, a PDF scan, one email's
 * attachments with a workflow that reads them as one item), and (unless turned off) the local
 * Huawei stand-in with a ready credential, serving the card photos over HTTP, and the local
 * stand-in chat model with a ready OpenAI credential, for README's AI Agent recipe.
 *
 * The Huawei stand-in answers a photo it does not know (one of the user's own, a blank picture,
 * an address it does not serve) with "no bank card found", not with its default card: a person
 * trying the node would take that card for what OCR read (test/server/unknownPhoto.ts).
 *
 * Why a files folder of its own: n8n 2.x lets *Read/Write Files from Disk* read and write only
 * below N8N_RESTRICT_FILE_ACCESS_TO, which defaults to `~/.n8n-files` (a `;`-separated list, `~`
 * meaning the home folder of the user running n8n; docs.n8n.io/hosting/configuration/environment-variables/security/).
 * Dev mode adds its own folder to that list, keeps `~/.n8n-files` and whatever the variable
 * already says, so files in the usual place keep working too.
 */
import type { ChildProcess } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join, relative } from 'path';

import { cardReadingModel } from '../test/e2e/services/cardReadingModel';
import { startChatModel, type ChatModelServer } from '../test/e2e/services/chatModel';
import { CREDENTIAL_TYPE, OPENAI_CREDENTIAL, credentialData, openAiCredentialForImport } from '../test/e2e/services/workflows';
import { startHuaweiServer, type HuaweiServer } from '../test/server/huaweiServer';
import { idCardFiles } from '../test/server/samples/idCardSamples';
import { SAMPLE_PHOTOS, sampleFiles, sampleFolders } from '../test/server/samples/samples';
import { EMAIL_WORKFLOW, emailSampleWorkflow } from './devSampleWorkflow';
import {
	OWNER,
	PROJECT_ROOT,
	ensureN8n,
	ensureNode24,
	freePort,
	n8nCli,
	n8nEnv,
	prepareUserFolder,
	setupOwner,
	startN8n,
	stopN8n,
} from './n8nRuntime';

export const STAND_IN_CREDENTIAL = { id: 'huaweiLocalDemo', name: 'Huawei OCR (local stand-in)' };
export const DEFAULT_FILES_ACCESS = '~/.n8n-files';
export const EXAMPLE_WORKFLOW = join(PROJECT_ROOT, 'examples', 'bankcard-files-to-spreadsheet.json');

export interface DevOptions {
	/** n8n's user folder (its SQLite database and settings). */
	userFolder: string;
	/** The folder n8n may read and write in dev mode; the samples go to its `cards/`, the specimen ID cards to `id-cards/`. */
	filesFolder: string;
	/** n8n's port; default: a free one. */
	port?: number;
	/**
	 * Start the local Huawei stand-in and the stand-in chat model, and import a credential for
	 * each; default true.
	 */
	standIn?: boolean;
	/** Start from an empty user folder; default false (keep workflows between runs). */
	freshUserFolder?: boolean;
}

export interface DevInstance {
	/** http://localhost:<port>, as a browser on this machine opens it. */
	url: string;
	port: number;
	userFolder: string;
	filesFolder: string;
	/** `<filesFolder>/cards`, holding the sample photos. */
	samplesFolder: string;
	/** Every sample folder (`cards`, `scans`, `email`, `id-cards`): where it is, what it holds. */
	folders: Array<{ folder: string; path: string; about: string; list: ReadonlyArray<{ file: string; about: string }> }>;
	/** What N8N_RESTRICT_FILE_ACCESS_TO is set to for this n8n. */
	allowedFolders: string;
	standIn?: HuaweiServer;
	/** The stand-in chat model the OpenAI credential points at (with the Huawei stand-in). */
	chatModel?: ChatModelServer;
	/** Each sample: its file on disk and, with the stand-in, its URL. */
	samples: Array<{ file: string; path: string; url?: string; about: string }>;
	n8n: ChildProcess;
	/** What dev mode prints once n8n is ready: where everything is and what to do first. */
	banner(): string;
	stop(): Promise<void>;
}

/** The folders n8n may read: dev mode's own first, then what was allowed before (default ~/.n8n-files). */
export function allowedFolders(filesFolder: string, current = process.env.N8N_RESTRICT_FILE_ACCESS_TO): string {
	// An empty value lifts the restriction altogether: the user chose that, so it stays.
	if (current !== undefined && current.trim() === '') return current;
	const folders = [filesFolder, ...(current ?? DEFAULT_FILES_ACCESS).split(';').map((folder) => folder.trim())];
	return [...new Set(folders.filter(Boolean))].join(';');
}

/** Writes each sample folder (cards, scans, email, id-cards) into `filesFolder`, next to whatever else is there. */
export function writeSamples(filesFolder: string): DevInstance['folders'] {
	return sampleFolders().map(({ folder, about, files, list }) => {
		const path = join(filesFolder, folder);
		mkdirSync(path, { recursive: true });
		for (const [name, bytes] of files) writeFileSync(join(path, name), bytes);
		return { folder, path, about, list };
	});
}

/**
 * The credentials for the stand-ins, and the email sample's workflow, imported on every start:
 * the stand-ins listen on new ports each time, and the sample workflow is put back as it was
 * (README says so: save a copy to change it).
 */
async function importForStandIns(
	node24: string,
	env: NodeJS.ProcessEnv,
	servers: { huawei: HuaweiServer; chatModel: ChatModelServer },
	folder: string,
	emailFolder: string,
): Promise<void> {
	const credentials = join(folder, 'local-credentials.json');
	writeFileSync(
		credentials,
		JSON.stringify([
			{ ...STAND_IN_CREDENTIAL, type: CREDENTIAL_TYPE, data: credentialData(servers.huawei.url, 'password') },
			openAiCredentialForImport(servers.chatModel.baseUrl),
		]),
	);
	await n8nCli(node24, ['import:credentials', `--input=${credentials}`], env);
	const workflow = join(folder, 'sample-workflows.json');
	writeFileSync(workflow, JSON.stringify([emailSampleWorkflow(emailFolder, STAND_IN_CREDENTIAL)]));
	await n8nCli(node24, ['import:workflow', `--input=${workflow}`], env);
}

export async function startDev(options: DevOptions): Promise<DevInstance> {
	const node24 = ensureNode24();
	ensureN8n(node24);
	prepareUserFolder(options.userFolder, options.freshUserFolder ?? false);
	const folders = writeSamples(options.filesFolder);
	const folderOf = (name: string) => folders.find((folder) => folder.folder === name)!.path;
	const samplesFolder = folderOf('cards');
	const port = options.port || (await freePort());
	const allowed = allowedFolders(options.filesFolder);
	const env = n8nEnv(node24, options.userFolder, port, { N8N_RESTRICT_FILE_ACCESS_TO: allowed });

	let standIn: HuaweiServer | undefined;
	let chatModel: ChatModelServer | undefined;
	let n8n: ChildProcess | undefined;
	const closeStandIns = async () => {
		await standIn?.close();
		await chatModel?.close();
	};
	try {
		if (options.standIn ?? true) {
			standIn = await startHuaweiServer({ files: new Map([...sampleFiles(), ...idCardFiles()]), unknownPhotos: 'noCard' });
			chatModel = await startChatModel(cardReadingModel);
			await importForStandIns(node24, env, { huawei: standIn, chatModel }, options.userFolder, folderOf('email'));
		}
		n8n = await startN8n(node24, env);
		await setupOwner(port);
	} catch (error) {
		if (n8n) await stopN8n(n8n);
		await closeStandIns();
		throw error;
	}

	const samples = SAMPLE_PHOTOS.map((sample) => ({
		file: sample.file,
		path: join(samplesFolder, sample.file),
		url: standIn && `${standIn.url}/files/${encodeURIComponent(sample.file)}`,
		about: sample.about,
	}));
	const running = n8n;
	const url = `http://localhost:${port}`;
	return {
		url,
		port,
		userFolder: options.userFolder,
		filesFolder: options.filesFolder,
		samplesFolder,
		folders,
		allowedFolders: allowed,
		standIn,
		chatModel,
		samples,
		n8n: running,
		banner: () => banner({ url, port, userFolder: options.userFolder, samplesFolder, folders, allowed, standIn, chatModel, samples }),
		async stop() {
			try {
				await stopN8n(running);
			} finally {
				await closeStandIns();
			}
		},
	};
}

function banner(info: {
	url: string;
	port: number;
	userFolder: string;
	samplesFolder: string;
	folders: DevInstance['folders'];
	allowed: string;
	standIn?: HuaweiServer;
	chatModel?: ChatModelServer;
	samples: DevInstance['samples'];
}): string {
	const [first] = info.samples;
	const lines = [
		'',
		`n8n is ready at ${info.url} (its task broker uses port ${info.port + 1})`,
		`  Sign in as ${OWNER.email} / ${OWNER.password}`,
		`  User folder (SQLite database): ${info.userFolder}`,
	];
	for (const folder of info.folders) {
		lines.push('', `${folder.path}: ${folder.about}`, ...folder.list.map((file) => `  ${file.file.padEnd(32)} ${file.about}`));
	}
	lines.push(
		'',
		`n8n may read and write files only in: ${info.allowed.split(';').join(', ')}`,
		`  (N8N_RESTRICT_FILE_ACCESS_TO; outside dev mode n8n 2.x allows only ${DEFAULT_FILES_ACCESS} by default).`,
		`  Read/Write Files from Disk > File(s) Selector: ${join(info.samplesFolder, '*.png')}`,
	);
	if (info.standIn && first?.url) {
		lines.push(
			'',
			`Huawei stand-in at ${info.standIn.url}; the credential "${STAND_IN_CREDENTIAL.name}" points at it.`,
			'  It answers each sample with its card (the sample carries it), and serves the card photos for Input Type "Image URL", e.g.',
			`  ${first.url}`,
			'  Any other photo is answered "no bank card found" (AIS.0104): it is not Huawei and reads no picture.',
			'  To try a photo of your own, tag it with a card: see test/server/README.md.',
		);
	} else {
		lines.push('', 'No Huawei stand-in (--no-mock): create a Huawei OCR API credential with your Huawei account.');
	}
	if (info.chatModel && first?.url) {
		lines.push(
			'',
			`Stand-in chat model at ${info.chatModel.baseUrl}; the credential "${OPENAI_CREDENTIAL.name}" points at it.`,
			"  For README's AI Agent recipe: an OpenAI Chat Model with that credential (any model, either API). It has",
			'  Bankcard OCR read the address in your message and answers from the card, e.g.',
			`  "Read the card at ${first.url}"`,
		);
	}
	lines.push(
		'',
		`Example workflow: ${relative(process.cwd(), EXAMPLE_WORKFLOW) || EXAMPLE_WORKFLOW}`,
		"  In n8n: Create Workflow, then the workflow's ... menu > Import > From file.",
		`Sample workflow "${EMAIL_WORKFLOW.name}" (in Overview): the email folder as one item, read by Bankcard OCR.`,
		'',
		'Ctrl-C stops everything. After a code change: stop, then npm run dev again (it rebuilds).',
		'',
	);
	return lines.join('\n');
}
