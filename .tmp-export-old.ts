// One-off: run the package as released in v0.1.0 (the tree before the restructure) in a real n8n,
// then export what n8n stored, for the upgrade test. Not committed.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureN8n, ensureNode24, freePort, n8nCli, n8nEnv } from './scripts/n8nRuntime';
import { ACCESS_KEY, IAM_USER } from './test/helpers/fixtures';
import { startHuaweiServer } from './test/server/huaweiServer';

const OLD = '/work/v010';
const OUT = join(__dirname, 'test/e2e/fixtures/v0.1.0');
(async () => {
	const node24 = ensureNode24();
	ensureN8n(node24);
	const server = await startHuaweiServer({ port: 28563 });
	const folder = mkdtempSync(join(tmpdir(), 'n8n-old-'));
	const nodesDir = join(folder, '.n8n', 'nodes');
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-huawei-ocr': `file:${OLD}` } }));
	symlinkSync(OLD, join(nodesDir, 'node_modules', 'n8n-nodes-huawei-ocr'), 'dir');
	const env = n8nEnv(node24, folder, await freePort());
	const common = { region: 'cn-north-4', iamEndpoint: 'http://127.0.0.1:1', ocrEndpoint: 'http://127.0.0.1:1' };
	const creds = [
		{ id: 'huaweiPasswordV010', name: 'Huawei OCR (password, saved by v0.1.0)', type: 'huaweiOcrApi', data: { ...common, iamEndpoint: server.url, ocrEndpoint: server.url, authentication: 'password', userName: IAM_USER.name, password: IAM_USER.password, accountName: IAM_USER.domain } },
		{ id: 'huaweiAccessKeyV010', name: 'Huawei OCR (AK/SK, saved by v0.1.0)', type: 'huaweiOcrApi', data: { ...common, iamEndpoint: server.url, ocrEndpoint: server.url, authentication: 'accessKey', accessKeyId: ACCESS_KEY.ak, secretAccessKey: ACCESS_KEY.sk } },
	];
	writeFileSync(join(folder, 'c.json'), JSON.stringify(creds));
	await n8nCli(node24, ['import:credentials', `--input=${join(folder, 'c.json')}`], env);
	const wf = (id: string, cred: { id: string; name: string }) => ({
		id, name: `Bank card from URL (${cred.name})`, active: false, settings: {},
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {}, position: [0, 0] },
			{ id: `${id}-ocr`, name: 'Bankcard OCR', type: 'n8n-nodes-huawei-ocr.bankcardOcr', typeVersion: 1, position: [220, 0],
				parameters: { inputType: 'url', imageUrl: 'https://example.com/cards/card.jpg', options: { cardNumberFormat: 'masked', confidenceThreshold: 0.9, batchConcurrency: 2, maxRetries: 2, timeout: 30 } },
				credentials: { huaweiOcrApi: { id: cred.id, name: cred.name } } },
		],
		connections: { Start: { main: [[{ node: 'Bankcard OCR', type: 'main', index: 0 }]] } },
	});
	const wfs = [wf('upgradePasswordV010', creds[0]), wf('upgradeAccessKeyV010', creds[1])];
	writeFileSync(join(folder, 'w.json'), JSON.stringify(wfs));
	await n8nCli(node24, ['import:workflow', `--input=${join(folder, 'w.json')}`], env);
	const outputs: Record<string, unknown> = {};
	for (const w of wfs) {
		const { stdout } = await n8nCli(node24, ['execute', `--id=${w.id}`, '--rawOutput'], env);
		const start = stdout.indexOf('{\n  "data"');
		const end = stdout.slice(start).search(/\n}(\n|$)/);
		const run = JSON.parse(stdout.slice(start, start + end + 2));
		outputs[w.id] = run.data.resultData.runData['Bankcard OCR'][0].data.main[0];
	}
	await n8nCli(node24, ['export:credentials', '--all', '--decrypted', `--output=${join(OUT, 'credentials.json')}`], env);
	await n8nCli(node24, ['export:workflow', '--all', `--output=${join(OUT, 'workflows.json')}`], env);
	writeFileSync(join(OUT, 'outputs.json'), JSON.stringify(outputs, null, 2));
	console.log('stats', JSON.stringify(server.stats));
	await server.close();
	console.log(readFileSync(join(OUT, 'credentials.json'), 'utf8').slice(0, 2000));
})().catch((e) => { console.error(e); process.exit(1); });
