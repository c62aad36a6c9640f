import type { IDataObject } from 'n8n-workflow';

/**
 * The json of an item that failed under "Continue On Fail": the message and advice, plus the
 * codes a workflow can branch on (Huawei's code, the HTTP status, Huawei's request id).
 */
export function errorItemJson(error: unknown): IDataObject {
	const failed = (error ?? {}) as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
		errorResponse?: IDataObject;
	};
	const json: IDataObject = { error: failed.message ?? 'Unknown error' };
	if (failed.description) json.description = failed.description;
	const response = failed.errorResponse ?? {};
	if (typeof response.error_code === 'string') json.error_code = response.error_code;
	if (failed.httpCode && /^\d{3}$/.test(failed.httpCode)) json.http_code = Number(failed.httpCode);
	if (typeof response.request_id === 'string') json.request_id = response.request_id;
	return json;
}
