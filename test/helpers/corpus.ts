/**
 * Where the public test corpus is (README, Contributing): ../shared/corpus beside the repository,
 * read in place and never copied in. Absent in a plain GitHub checkout; callers say so then.
 */
import { existsSync, readdirSync, statSync } from 'fs';
import { join, resolve } from 'path';

export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

export function corpusPresent(): boolean {
	return existsSync(CORPUS_DIR) && statSync(CORPUS_DIR).isDirectory();
}

/** Every file of the corpus as "folder/name", sorted, the README and source list left out. */
export function corpusFiles(): string[] {
	const files: string[] = [];
	for (const folder of readdirSync(CORPUS_DIR).sort()) {
		const where = join(CORPUS_DIR, folder);
		if (!statSync(where).isDirectory()) continue;
		for (const name of readdirSync(where).sort()) files.push(`${folder}/${name}`);
	}
	return files;
}
