import { checkImageUrl } from '../../../../../nodes/HuaweiOcr/shared/input/imageUrl';

describe('image URL check', () => {
	it('accepts http and https and trims spaces', () => {
		expect(checkImageUrl(' https://example.com/card.jpg ')).toEqual({ url: 'https://example.com/card.jpg' });
		expect(checkImageUrl('http://example.com/a.png')).toEqual({ url: 'http://example.com/a.png' });
	});

	it.each(['<https://example.com/card.jpg>', '"https://example.com/card.jpg"', "'https://example.com/card.jpg'", '` https://example.com/card.jpg `'])(
		'takes the address out of the marks a chat or a model puts around a link: %s',
		(input) => {
			expect(checkImageUrl(input)).toEqual({ url: 'https://example.com/card.jpg' });
		},
	);

	it('leaves marks that do not wrap the whole address to the usual checks', () => {
		expect(checkImageUrl('<https://example.com/card.jpg')).toMatchObject({ problem: expect.stringMatching(/not a valid web address/) });
		expect(checkImageUrl('"ftp://example.com/card.jpg"')).toMatchObject({ problem: expect.stringMatching(/"ftp:"/) });
		expect(checkImageUrl('""')).toMatchObject({ problem: expect.stringMatching(/empty/) });
	});

	it.each([
		['', /empty/],
		['   ', /empty/],
		[undefined, /empty/],
		['card.jpg', /not a valid web address/],
		['file:///etc/passwd', /"file:"/],
		['ftp://example.com/card.jpg', /"ftp:"/],
		['data:image/png;base64,AAAA', /"data:"/],
	])('refuses %p with a reason', (input, reason) => {
		const checked = checkImageUrl(input);
		expect('problem' in checked && checked.problem).toMatch(reason);
	});
});
