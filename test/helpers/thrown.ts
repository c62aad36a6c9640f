/**
 * The error `fn` throws, checked to be of `type`: a test then looks at its message. Anything else
 * thrown is thrown on, and no throw at all fails the test.
 */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E = Error as never): E {
	try {
		fn();
	} catch (error) {
		if (error instanceof type) return error;
		throw error;
	}
	throw new Error(`expected ${type.name === 'Error' ? 'an error' : `a ${type.name}`} to be thrown`);
}
