/** How text beside a document's own fields appears on an item; see maskedBeside. */
export type Shown = <T>(value: T) => T;

const asItIs: Shown = (value) => value;

/**
 * With masking on, text an item carries beside the document's fields, such as a file named after
 * the card ("6222 0202 0011 2340 128.jpg") or Huawei's words about a document it could not read,
 * would bring the full number back beside the masked one: the node's masker runs over it too.
 * Otherwise it shows as it is.
 */
export function maskedBeside(masked: boolean, masker: Shown): Shown {
	return masked ? masker : asItIs;
}
