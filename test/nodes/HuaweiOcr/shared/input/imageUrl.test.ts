import { checkImageUrl } from '../../../../../nodes/HuaweiOcr/shared/input/imageUrl';

describe('image URL check', () => {
	it('accepts http and https and trims spaces', () => {
		expect(checkImageUrl(' https://example.com/card.jpg ')).toEqual({ url: 'https://example.com/card.jpg' });
		expect(checkImageUrl('http://example.com/a.png')).toEqual({ url: 'http://example.com/a.png' });
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
