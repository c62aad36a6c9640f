/**
 * What is particular to Huawei's RecognizeAutoClassification API (智能分类识别), which finds every
 * document of the types asked for in one photo: its path, the images it takes, the regions that
 * offer it and the wording of its failures. Each node passes the document it reads. Sources:
 * - Huawei Cloud OCR API Reference, "智能分类识别 - RecognizeAutoClassification"
 *   (https://support.huaweicloud.com/api-ocr/ocr_03_0113.html; English:
 *   https://support.huaweicloud.com/en-us/api-ocr/ocr_03_0113.html): POST
 *   /v2/{project_id}/ocr/auto-classification, `image` or `url`, `type_list`, each side 15 to 8000
 *   pixels, at most 10 MB of base64; only documents read successfully are billed.
 * - The endpoints page (https://support.huaweicloud.com/api-ocr/ocr_03_0062.html), which lists
 *   智能分类识别 / Auto Classification OCR under cn-north-4 (Beijing4) only.
 * - The official SDKs' models: huaweicloud-sdk-python-v3
 *   huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/auto_classification_request_body.py, whose list
 *   of document types names the bank card `bankcard` and the ID card `id_card`.
 */
import { PROJECT_ID_PLACEHOLDER, regionsInWords } from '../../../../credentials/common/huawei/endpoints';
import type { ImageLimits } from '../input/imageCheck';
import type { PhotoRules } from '../input/itemPhotos';
import type { AdviceTable } from '../transport/advice';
import { imageSizeAdvice } from '../transport/imageAdvice';

export function autoClassificationPath(projectId: string = PROJECT_ID_PLACEHOLDER): string {
	return `/v2/${projectId}/ocr/auto-classification`;
}

/** The only regions Huawei's endpoints page lists the API under. */
export const AUTO_CLASSIFICATION_REGIONS: readonly string[] = ['cn-north-4'];

/**
 * The API page says each side may be 15 to 8000 pixels (newer SDK comments say 8192); the lower
 * figure is kept, so a photo is never sent that the page says Huawei refuses.
 */
export function autoClassificationImageLimits(documentApi: ImageLimits): ImageLimits {
	return {
		...documentApi,
		service: 'auto-classification OCR',
		accepted: 'Auto-classification OCR accepts JPEG, PNG, BMP or TIFF images.',
		maxSide: 8000,
	};
}

/** A photo too small to hold one readable document holds no several. */
export function autoClassificationPhotos(documentApi: PhotoRules): PhotoRules {
	return { limits: autoClassificationImageLimits(documentApi.limits), minimum: documentApi.minimum };
}

/** The document a node reads through this API, for the wording of its failures. */
export interface ClassifiedDocument {
	/** The failures' wording of the node's own API, over which this API's is laid. */
	advice: AdviceTable;
	/** The images the node's own API takes (see autoClassificationImageLimits). */
	limits: ImageLimits;
	/** The document in the plural, as the switch names it: "cards". */
	plural: string;
	/** The name of the node's own API in the OCR console: "Bank Card". */
	consoleName: string;
	/** The switch that sends photos here, as the editor shows it. */
	switchName: string;
	/** What the node reads with the switch off. */
	oneEach: string;
}

const OFFERED_IN = regionsInWords(AUTO_CLASSIFICATION_REGIONS, 'and');

/**
 * The wording of this API's failures. Where the region is the likely cause, the message names
 * the credential's region next to the one that offers the API, so a user with a Shanghai1
 * credential (fine for single documents) learns why several per photo fails there.
 */
export function autoClassificationAdvice(credentialRegion: string, document: ClassifiedDocument): AdviceTable {
	const elsewhere = AUTO_CLASSIFICATION_REGIONS.includes(credentialRegion)
		? ''
		: ` The credential is set to ${regionsInWords([credentialRegion], 'and')}: use a credential for ${OFFERED_IN}.`;
	return {
		...document.advice,
		'AIS.0103': imageSizeAdvice(autoClassificationImageLimits(document.limits)),
		'AIS.0104': {
			message: 'Huawei OCR could not find a card or document it can read in the image',
			action: `Use a sharp, well-lit photo in which every ${document.plural.replace(/s$/, '')} is whole and not covered by another, without glare.`,
		},
		'ModelArts.4204': {
			message: `Auto-classification OCR (several ${document.plural} per photo) is not enabled for this account in the chosen region`,
			action: `Open the OCR console in ${OFFERED_IN} and enable "Auto Classification" (智能分类识别, 开通服务); it is enabled apart from "${document.consoleName}".${elsewhere}`,
		},
		'APIG.0101': {
			message: `Auto-classification OCR (several ${document.plural} per photo) is not available at this address`,
			action: `Huawei offers it in ${OFFERED_IN} only.${elsewhere} Or turn off "${document.switchName}" to read ${document.oneEach}.`,
		},
	};
}
