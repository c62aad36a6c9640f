import { Lexer, MAX_NESTING } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/lexer';
import { Dict, Name, PdfDamage, PdfString, Ref, type PdfObject } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/objects';

function parse(text: string): PdfObject {
	return new Lexer(Buffer.from(text, 'latin1')).object();
}

function damage(text: string): string {
	try {
		parse(text);
	} catch (error) {
		if (error instanceof PdfDamage) return error.reason;
		throw error;
	}
	throw new Error(`parsed: ${text}`);
}

describe('PDF objects (ISO 32000-1 §7.3)', () => {
	it('reads numbers, booleans and null', () => {
		expect(parse('42')).toBe(42);
		expect(parse('-17')).toBe(-17);
		expect(parse('+3.5')).toBe(3.5);
		expect(parse('.25')).toBe(0.25);
		expect(parse('4.')).toBe(4);
		expect(parse('true')).toBe(true);
		expect(parse('false')).toBe(false);
		expect(parse('null')).toBeNull();
	});

	it('reads names with #xx escapes (§7.3.5)', () => {
		expect(parse('/Image')).toEqual(new Name('Image'));
		expect(parse('/A#20B')).toEqual(new Name('A B'));
		expect(parse('/')).toEqual(new Name(''));
	});

	it('reads literal strings with nesting and every escape (§7.3.4.2)', () => {
		const value = parse('(a (b) \\(c\\) \\n\\r\\t\\b\\f\\\\ \\101\\60x \\\r\nd\\q)') as PdfString;
		expect(value.bytes.toString('latin1')).toBe('a (b) (c) \n\r\t\b\f\\ A0x dq');
	});

	it('reads hexadecimal strings, a lone last digit counting as x0 (§7.3.4.3)', () => {
		expect((parse('<48 65 6C6c6F>') as PdfString).bytes.toString('latin1')).toBe('Hello');
		expect([...(parse('<ABC>') as PdfString).bytes]).toEqual([0xab, 0xc0]);
	});

	it('reads arrays, dictionaries and references, skipping comments', () => {
		const dict = parse('<< /Type /Page % a comment\n /Kids [1 0 R 2 0 R 3] /N null /Deep << /A [[]] >> >>') as Dict;
		expect(dict).toBeInstanceOf(Dict);
		expect(dict.get('Type')).toEqual(new Name('Page'));
		expect(dict.get('Kids')).toEqual([new Ref(1, 0), new Ref(2, 0), 3]);
		// §7.3.7: a null value is the same as leaving the entry out.
		expect(dict.has('N')).toBe(false);
		expect((dict.get('Deep') as Dict).get('A')).toEqual([[]]);
	});

	it('does not read "1 0" followed by something else as a reference', () => {
		expect(parse('[1 0 obj]'.replace(' obj', ''))).toEqual([1, 0]);
		expect(parse('[1 2 3 R]')).toEqual([1, new Ref(2, 3)]);
	});

	it.each([
		['(never closed', 'a text string is never closed'],
		['<4142', 'a hexadecimal string is never closed'],
		['<41G2>', 'a hexadecimal string holds a character that is not a hex digit'],
		['<< /A 1', 'a dictionary is never closed'],
		['<< 1 2 >>', 'a dictionary key is not a name'],
		['[1 2', 'it ends in the middle of an object'],
		['endobj', 'an object is expected where the word "endobj" stands'],
		[')', 'a ")" stands where no text string is open'],
	])('refuses %j with a reason', (text, reason) => {
		expect(damage(text)).toBe(reason);
	});

	it(`stops at ${MAX_NESTING} levels of nesting instead of exhausting the stack`, () => {
		expect(parse(`${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`)).toBeDefined();
		expect(damage('['.repeat(100000))).toMatch(/nested more than/);
		expect(damage('<< /A '.repeat(100000))).toMatch(/nested more than/);
	});

	it('reads only up to its end, as object streams need', () => {
		const lexer = new Lexer(Buffer.from('[1 2] [3 4]', 'latin1'), 0, 5);
		expect(lexer.object()).toEqual([1, 2]);
		expect(lexer.next()).toEqual({ kind: 'end' });
	});
});
