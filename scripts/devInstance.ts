/**
 * Dev mode, as `npm run dev` starts it and the editor test drives it: a real n8n 2.x with this
 * package loaded, a folder of sample card photos that n8n may read, and (unless turned off) the
 * local Huawei stand-in with a ready credential, serving the same photos over HTTP.
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

import { IAM_USER } from '../test/helpers/fixtures';
import { startHuaweiServer, type HuaweiServer } from '../test/server/huaweiServer';
import { ID_CARD_SAMPLES, idCardFiles } from '../test/server/samples/idCardSamples';
import { SAMPLE_PHOTOS, sampleFiles } from '../test/server/samples/samples';
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
	/** Start the local Huawei stand-in and import a credential for it; default true. */
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
	/** What N8N_RESTRICT_FILE_ACCESS_TO is set to for this n8n. */
	allowedFolders: string;
	standIn?: HuaweiServer;
	/** Each sample: its file on disk and, with the stand-in, its URL. */
	samples: Array<{ file: string; path: string; url?: string; about: string }>;
	/** `<filesFolder>/id-cards`, holding the specimen ID card photos: a folder of their own, so `cards/*.png` picks none. */
	idCardsFolder: string;
	idCards: Array<{ file: string; path: string; url?: string; about: string }>;
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

/** Writes the sample photos into `<filesFolder>/<subfolder>` (default `cards`), next to whatever else is there. */
export function writeSamples(filesFolder: string, subfolder = 'cards', files = sampleFiles()): string {
	const folder = join(filesFolder, subfolder);
	mkdirSync(folder, { recursive: true });
	for (const [name, bytes] of files) writeFileSync(join(folder, name), bytes);
	return folder;
}

async function importStandInCredential(node24: string, env: NodeJS.ProcessEnv, standIn: HuaweiServer, folder: string): Promise<void> {
	const file = join(folder, 'local-credential.json');
	writeFileSync(
		file,
		JSON.stringify([
			{
				...STAND_IN_CREDENTIAL,
				type: 'huaweiOcrApi',
				data: {
					authentication: 'password',
					region: 'cn-north-4',
					userName: IAM_USER.name,
					password: IAM_USER.password,
					accountName: IAM_USER.domain,
					iamEndpoint: standIn.url,
					ocrEndpoint: standIn.url,
				},
			},
		]),
	);
	// Imported on every start: the stand-in listens on a new port each time.
	await n8nCli(node24, ['import:credentials', `--input=${file}`], env);
}

export async function startDev(options: DevOptions): Promise<DevInstance> {
	const node24 = ensureNode24();
	ensureN8n(node24);
	prepareUserFolder(options.userFolder, options.freshUserFolder ?? false);
	const samplesFolder = writeSamples(options.filesFolder);
	const idCardsFolder = writeSamples(options.filesFolder, 'id-cards', idCardFiles());
	const port = options.port || (await freePort());
	const allowed = allowedFolders(options.filesFolder);
	const env = n8nEnv(node24, options.userFolder, port, { N8N_RESTRICT_FILE_ACCESS_TO: allowed });

	let standIn: HuaweiServer | undefined;
	let n8n: ChildProcess | undefined;
	try {
		if (options.standIn ?? true) {
			standIn = await startHuaweiServer({ files: new Map([...sampleFiles(), ...idCardFiles()]) });
			await importStandInCredential(node24, env, standIn, options.userFolder);
		}
		n8n = await startN8n(node24, env);
		await setupOwner(port);
	} catch (error) {
		if (n8n) await stopN8n(n8n);
		await standIn?.close();
		throw error;
	}

	const listed = (folder: string) => (sample: { file: string; about: string }) => ({
		file: sample.file,
		path: join(folder, sample.file),
		url: standIn && `${standIn.url}/files/${encodeURIComponent(sample.file)}`,
		about: sample.about,
	});
	const samples = SAMPLE_PHOTOS.map(listed(samplesFolder));
	const idCards = ID_CARD_SAMPLES.map(listed(idCardsFolder));
	const running = n8n;
	const url = `http://localhost:${port}`;
	return {
		url,
		port,
		userFolder: options.userFolder,
		filesFolder: options.filesFolder,
		samplesFolder,
		allowedFolders: allowed,
		standIn,
		samples,
		idCardsFolder,
		idCards,
		n8n: running,
		banner: () => banner({ url, userFolder: options.userFolder, samplesFolder, allowed, standIn, samples, idCardsFolder, idCards }),
		async stop() {
			try {
				await stopN8n(running);
			} finally {
				await standIn?.close();
			}
		},
	};
}

function banner(info: {
	url: string;
	userFolder: string;
	samplesFolder: string;
	allowed: string;
	standIn?: HuaweiServer;
	samples: DevInstance['samples'];
	idCardsFolder: string;
	idCards: DevInstance['idCards'];
}): string {
	const [first] = info.samples;
	const lines = [
		'',
		`n8n is ready at ${info.url}`,
		`  Sign in as ${OWNER.email} / ${OWNER.password}`,
		`  User folder (SQLite database): ${info.userFolder}`,
		'',
		`Sample card photos: ${info.samplesFolder}`,
		...info.samples.map((sample) => `  ${sample.file.padEnd(30)} ${sample.about}`),
		`  n8n may read and write files only in: ${info.allowed.split(';').join(', ')}`,
		`  (N8N_RESTRICT_FILE_ACCESS_TO; outside dev mode n8n 2.x allows only ${DEFAULT_FILES_ACCESS} by default).`,
		`  Read/Write Files from Disk > File(s) Selector: ${join(info.samplesFolder, '*.png')}`,
		'',
		`Specimen ID card photos (样本 / SPECIMEN, for ID Card OCR): ${info.idCardsFolder}`,
		...info.idCards.map((sample) => `  ${sample.file.padEnd(32)} ${sample.about}`),
	];
	if (info.standIn && first?.url) {
		lines.push(
			'',
			`Huawei stand-in at ${info.standIn.url}; the credential "${STAND_IN_CREDENTIAL.name}" points at it.`,
			'  It answers each sample with that card, and serves the samples for Input Type "Image URL", e.g.',
			`  ${first.url}`,
		);
	} else {
		lines.push('', 'No Huawei stand-in (--no-mock): create a Huawei OCR API credential with your Huawei account.');
	}
	lines.push(
		'',
		`Example workflow: ${relative(process.cwd(), EXAMPLE_WORKFLOW) || EXAMPLE_WORKFLOW}`,
		"  In n8n: Create Workflow, then the workflow's ... menu > Import > From file.",
		'',
		'Ctrl-C stops everything. After a code change: stop, then npm run dev again (it rebuilds).',
		'',
	);
	return lines.join('\n');
}
