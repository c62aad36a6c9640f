/**
 * The age an ID card item should show, worked out apart from the node: whole years since `birth`
 * (YYYY-MM-DD), today in China (UTC+8), where the card's dates apply.
 */
export function ageInChina(birth: string, now = Date.now()): number {
	const today = new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
	const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
	return today.slice(5) < birth.slice(5) ? years - 1 : years;
}
