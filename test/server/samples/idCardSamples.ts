/**
 * Specimen resident ID card photos for trying ID Card OCR by hand (`npm run dev`, in a folder of
 * their own) and for the e2e suites: each a painted card (idCardPicture.ts) stamped 样本 /
 * SPECIMEN that carries what the local Huawei stand-in reads on it (idCardImage.ts):
 * - a front and a back photo of one card (韩梅梅), the pair one item of two files is made of;
 * - a black-and-white photocopy of both sides of another card on one page (李雷), which Huawei's
 *   copy check flags; with Both Sides in One Photo it reads as one card;
 * - the front and back of a card that expired in 2016 (王小明).
 * The people are textbook characters; the numbers pass their GB 11643-1999 check on area codes
 * starting 99, which GB/T 2260 gives to no place, so they belong to no one.
 */
import { withIdCard, type CarriedIdCard } from '../idCardImage';
import { Canvas } from './canvas';
import { onDesk } from './cardPicture';
import { paintIdCardBackOn, paintIdCardOn, type IdCardBackPicture, type IdCardPicture } from './idCardPicture';

export interface IdCardSample {
	/** File name, also the last part of its URL on the stand-in (`/files/<file>`). */
	file: string;
	/** What it shows, in a few words, for people picking a file. */
	about: string;
	/** What the stand-in reads on it. */
	idCard: CarriedIdCard;
	paint(): Buffer;
}

interface Person {
	front: Required<CarriedIdCard>['front'];
	back: Required<CarriedIdCard>['back'];
	picture: IdCardPicture;
	backPicture: IdCardBackPicture;
}

const HAN_MEIMEI: Person = {
	front: { name: '韩梅梅', sex: '女', birth: '1992-05-14', ethnicity: '汉', address: '样本省样本市人民路2号', number: '990101199205140026' },
	back: { issue: '样本市公安局', valid_from: '2016.05.20', valid_to: '2036.05.20' },
	picture: { name: 'HAN MEIMEI', sex: 'FEMALE', born: '1992 05 14', address: ['NO 2 RENMIN ROAD', 'SPECIMEN CITY'], number: '990101199205140026' },
	backPicture: { issuer: 'SPECIMEN CITY PSB', valid: '2016.05.20-2036.05.20' },
};

const LI_LEI: Person = {
	front: { name: '李雷', sex: '男', birth: '1991-08-23', ethnicity: '汉', address: '样本省样本市光明街5号', number: '990102199108230018' },
	back: { issue: '样本市公安局样本分局', valid_from: '2018.03.15', valid_to: '2038.03.15' },
	picture: { name: 'LI LEI', sex: 'MALE', born: '1991 08 23', address: ['NO 5 GUANGMING STREET', 'SPECIMEN CITY'], number: '990102199108230018' },
	backPicture: { issuer: 'SPECIMEN CITY PSB', valid: '2018.03.15-2038.03.15' },
};

const WANG_XIAOMING: Person = {
	// Huawei may read a date as printed: the node reads 1985年11月2日 as well as 1985-11-02.
	front: { name: '王小明', sex: '男', birth: '1985年11月2日', ethnicity: '汉', address: '样本省样本县幸福村3组', number: '990103198511020039' },
	back: { issue: '样本县公安局', valid_from: '2006.03.01', valid_to: '2016.03.01' },
	picture: { name: 'WANG XIAOMING', sex: 'MALE', born: '1985 11 02', address: ['GROUP 3 XINGFU VILLAGE', 'SPECIMEN COUNTY'], number: '990103198511020039' },
	backPicture: { issuer: 'SPECIMEN COUNTY PSB', valid: '2006.03.01-2016.03.01' },
};

export const COPY_PAGE_WIDTH = 1000;
export const COPY_PAGE_HEIGHT = 1300;
/** Where the two sides lie on the copy page. */
export const COPY_PLACES = { front: { left: 72, top: 80 }, back: { left: 72, top: 700 } } as const;

const front = (person: Person) => () => onDesk((canvas, at) => paintIdCardOn(canvas, person.picture, at));
const back = (person: Person) => () => onDesk((canvas, at) => paintIdCardBackOn(canvas, person.backPicture, at));

/** Both sides on a sheet of paper, then the whole page in greys: what a photocopier gives. */
function copyPage(person: Person): Buffer {
	const canvas = new Canvas(COPY_PAGE_WIDTH, COPY_PAGE_HEIGHT, [247, 247, 244]);
	paintIdCardOn(canvas, person.picture, COPY_PLACES.front);
	paintIdCardBackOn(canvas, person.backPicture, COPY_PLACES.back);
	canvas.greyscale();
	return canvas.toPng();
}

export const ID_CARD_SAMPLES: readonly IdCardSample[] = [
	{ file: 'han-meimei-front.png', about: 'Specimen ID card, portrait side (front)', idCard: { front: HAN_MEIMEI.front }, paint: front(HAN_MEIMEI) },
	{ file: 'han-meimei-back.png', about: 'The same card, national emblem side (back)', idCard: { back: HAN_MEIMEI.back }, paint: back(HAN_MEIMEI) },
	{
		file: 'li-lei-copy-both-sides.png',
		about: 'Black-and-white photocopy of both sides on one page (the copy check flags it)',
		idCard: { front: LI_LEI.front, back: LI_LEI.back, flagged: ['copy'], scores: { copy: 97 } },
		paint: () => copyPage(LI_LEI),
	},
	{ file: 'wang-xiaoming-expired-front.png', about: 'Specimen ID card that expired in 2016, front', idCard: { front: WANG_XIAOMING.front }, paint: front(WANG_XIAOMING) },
	{ file: 'wang-xiaoming-expired-back.png', about: 'The expired card, back (valid 2006.03.01-2016.03.01)', idCard: { back: WANG_XIAOMING.back }, paint: back(WANG_XIAOMING) },
];

/** The specimen of that file name: a typo is an error, not an undefined sample. */
export function idCardSample(file: string): IdCardSample {
	const found = ID_CARD_SAMPLES.find((one) => one.file === file);
	if (!found) throw new Error(`no specimen ID card ${file} in test/server/samples`);
	return found;
}

/** Each specimen's PNG, carrying its ID card; painted once per process. */
let painted: Map<string, Buffer> | undefined;
export function idCardFiles(): ReadonlyMap<string, Buffer> {
	painted ??= new Map(ID_CARD_SAMPLES.map((sample): [string, Buffer] => [sample.file, withIdCard(sample.paint(), sample.idCard)]));
	return painted;
}
