import { regionCities, regionsInWords } from '../../../../credentials/common/huawei/endpoints';
import type { AdviceTable } from './advice';

/** One OCR API as its failures name it. */
export interface OcrService {
	/** As a sentence starts with it: "Bank card OCR". */
	name: string;
	/** Its name in the OCR console, where it is enabled: "Bank Card". */
	consoleName: string;
	/** The regions Huawei's API reference documents it in. */
	regions: readonly string[];
}

/**
 * "Not enabled" (ModelArts.4204) and "not at this address" (APIG.0101) for one API. Each OCR API
 * is enabled on its own, per region, in the OCR console ("Subscribing to an OCR Service",
 * https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0001.html), so the advice names the
 * API in use and the regions it is offered in rather than "the service".
 */
export function serviceAdvice(service: OcrService): AdviceTable {
	const lowerName = service.name.charAt(0).toLowerCase() + service.name.slice(1);
	return {
		'ModelArts.4204': {
			message: `${service.name} is not enabled for this account in the chosen region`,
			action: `Open the OCR console in the same region as the credential (${regionCities(service.regions, 'or')}) and enable "${service.consoleName}" (开通服务). This is needed once per region.`,
		},
		'APIG.0101': {
			message: `${service.name} is not available at this address`,
			action: `Check the credential's region: ${lowerName} is offered in ${regionsInWords(service.regions, 'and')}.`,
		},
	};
}
