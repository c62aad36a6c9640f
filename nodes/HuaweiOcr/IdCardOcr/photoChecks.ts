import type { IDataObject } from 'n8n-workflow';

import { PHOTO_CHECKS, type PhotoCheck } from './idCardApi';

/** The request switches for the checks chosen: `detect_<check>: true`. */
export function photoCheckSwitches(checks: readonly PhotoCheck[]): IDataObject {
	return Object.fromEntries(checks.map((check) => [`detect_${check}`, true]));
}

export interface PhotoWarnings {
	/** The checks Huawei flagged (`detect_<check>_result` true), in the order of PHOTO_CHECKS. */
	warnings: string[];
	/** Huawei's integer score per check asked for (`score_info.<check>_score`), higher is more likely. */
	warning_scores: IDataObject;
}

/** One side's flags and scores, for the checks asked for. */
export function photoWarnings(side: IDataObject, checks: readonly PhotoCheck[]): PhotoWarnings {
	const scores = (side.score_info && typeof side.score_info === 'object' ? side.score_info : {}) as IDataObject;
	const warning_scores: IDataObject = {};
	for (const check of checks) {
		const score = Number(scores[`${check}_score`]);
		if (Number.isFinite(score)) warning_scores[check] = Math.round(score);
	}
	return {
		warnings: PHOTO_CHECKS.filter((check) => checks.includes(check) && side[`detect_${check}_result`] === true),
		warning_scores,
	};
}

/** What Huawei's answer holds about photo checks, which warnings and warning_scores replace. */
export function isPhotoCheckKey(key: string): boolean {
	return key === 'score_info' || /^detect_[a-z_]+_result$/.test(key);
}

/** Both sides' warnings as one list, in check order. */
export function mergedWarnings(...lists: string[][]): string[] {
	const all = new Set(lists.flat());
	return PHOTO_CHECKS.filter((check) => all.has(check));
}
