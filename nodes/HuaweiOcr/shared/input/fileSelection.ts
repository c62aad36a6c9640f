/**
 * Which files of an item the user asked for, read from the "Input Binary Field" parameter (pure):
 * one name, several names separated by commas (as n8n's Send Email node takes attachments), a
 * file object from an expression, or a list of names and file objects from an expression.
 */
import type { IDataObject } from 'n8n-workflow';

import { isFileLike } from './itemFiles';

/** A field by name, or a file (or a file's details) an expression gave. */
export type FileRequest = { name: string } | { object: IDataObject };

export type FileSelection =
	| { every: true }
	| {
			every: false;
			requests: FileRequest[];
			/** More than one file named: the item is searched for card photos among them. */
			several: boolean;
	  };

export const EVERY_FILE: FileSelection = { every: true };

function requestsOf(value: unknown): FileRequest[] | undefined {
	if (typeof value === 'string') {
		return value
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== '')
			.map((name) => ({ name }));
	}
	if (isFileLike(value)) return [{ object: value }];
	return undefined;
}

/** The requested files, or a sentence saying what the parameter should hold. */
export function parseFileSelection(value: unknown): FileSelection | { problem: string } {
	const parts = Array.isArray(value) ? (value as unknown[]).map(requestsOf) : [requestsOf(value)];
	if (parts.some((part) => part === undefined)) {
		return {
			problem:
				'"Input Binary Field" must be the name of a binary field (such as "data" or "attachment_0"), several names separated by commas, or an expression that gives a file, such as {{ $binary.data }}.',
		};
	}
	const requests: FileRequest[] = [];
	const seen = new Set<string>();
	for (const request of (parts as FileRequest[][]).flat()) {
		if ('name' in request) {
			if (seen.has(request.name)) continue;
			seen.add(request.name);
		}
		requests.push(request);
	}
	if (requests.length === 0) {
		return { problem: '"Input Binary Field" is empty. Enter the name of the binary field that holds the image, for example "data".' };
	}
	return { every: false, requests, several: requests.length > 1 };
}
