/**
 * The check character of a resident identity number, GB 11643-1999 (公民身份号码) section 8.2:
 * ISO 7064 MOD 11-2 over the first 17 digits, weights 2^(17-i) mod 11, 10 written as X. The
 * stand-in needs it for Huawei's own `verification_result.valid_number`, the samples for numbers
 * that pass.
 */
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character for 17 digits. */
export function idCheckCharacter(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new Error(`An identity number starts with 17 digits, not "${first17}".`);
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
	return CHECK_CHARACTERS[sum % 11];
}

/** 17 digits and their check character (X in capitals). */
export function hasValidCheckCharacter(number: string): boolean {
	return /^\d{17}[\dXx]$/.test(number) && idCheckCharacter(number.slice(0, 17)) === number[17].toUpperCase();
}
