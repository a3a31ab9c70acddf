/**
 * Residual personal data in Chinese, Japanese and Korean text (and names after a cue in Hindi and
 * Arabic): names after a form label or an introduction, names before an honorific, postal
 * addresses and phone numbers after a phone cue. Written apart from the redaction's `script-pii`
 * detector (nothing is imported from it) and on purpose more simply: a cue and the short run of
 * letters after it, a handful of the most frequent family names, and the shapes of a postcode or
 * of an address's last parts (a road and a house number, a block number). It is the check on that
 * detector, so it must not share its lists or its mistakes.
 *
 * Severity: a human reads what it finds (`residual_script_pii`), except for strong evidence — a
 * name right after a form label (姓名：, 氏名：, 성명：, नाम:, الاسم:) or a 〒 postcode followed by
 * an address — which blocks (`residual_script_pii_strong`). Apart from those: a redacted value in
 * these scripts left glued to other letters is a survival (`gluedScriptSurvivors`).
 */

/** Arabic, Devanagari, kana, CJK ideographs or Hangul syllables: nothing to look for without one. */
const SCRIPTS = /[\u0621-\u06d3\u0904-\u097f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/**
 * Hindi and Arabic: "my name is", Mrs./Ms., Mr./Mrs. and the word after them (one space: a
 * stripped placeholder leaves more; not the copula that follows a placeholder, not an article).
 */
const OTHER_SCRIPTS =
  /(?:मेरा नाम|श्रीमती|सुश्री) (?!है|हूँ|हैं)[\u0900-\u097f]{2,}|(?:اسمي|إسمي|السيدة|السيد) (?!ال)[\u0621-\u064a]{2,}/u;
const OTHER_LABELLED = /(?:नाम|الاسم)\s?[:：] ?(?:[\u0900-\u097f]{2,}|[\u0621-\u064a]{2,})/u;

const HAN = String.raw`\u3400-\u9fff`;
const KANA = String.raw`\u30a1-\u30fa\u30fc・`;
const RUN = String.raw`(?:[${HAN}]{2,4}|[가-힣]{2,4}|[${KANA}]{2,12})`;

/**
 * A form label and a name after it: `姓名：李华`, `氏名：山田太郎`, `성명: 김민준`. At most one space
 * after the colon (a placeholder the review strips leaves a space of its own), and not the next
 * label (`姓名： 性别：女`).
 */
const LABELLED = new RegExp(
  String.raw`(?:姓名|联系人|聯絡人|聯繫人|收件人|收货人|收貨人|寄件人|署名|负责人|負責人|氏名|お名前|担当者?|성명|이름|성함|담당자)\s?[:：][ \t\u3000]?` +
    String.raw`${RUN}(?![${HAN}가-힣${KANA}]*\s?[:：])`,
  "u",
);
/** An introduction and a name right after it (not a question word, not a verb's object, not a copula). */
const INTRODUCED = new RegExp(
  [
    String.raw`(?:我叫|我的名字是|我的名字叫|名叫)(?![什麼么啥谁誰了他她你它这這那])[${HAN}]{2,4}`,
    String.raw`(?:私の名前は|僕の名前は)(?!何)(?:[${HAN}]{2,6}|[${KANA}]{2,12})`,
    String.raw`제\s?이름은\s?(?!입니다|이에요|예요|뭐)[가-힣]{2,4}`,
  ].join("|"),
  "u",
);
const KO_SELF = /저는\s*[김이박최정강조윤장임오서신권황안송][가-힣]{2}입니다/u;
/** Family names frequent enough to stand for the rest (Chinese, Japanese, Korean). */
const HONORIFIC = new RegExp(
  [
    String.raw`[王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅郑鄭梁谢謝宋唐韩韓冯馮][${HAN}]{0,2}(?:先生|女士|小姐)`,
    String.raw`(?:佐藤|鈴木|高橋|田中|伊藤|渡辺|山本|中村|小林|加藤|吉田|山田|佐々木|山口|松本|井上|木村|斎藤|清水)[${HAN}]{0,3}\s?[${HAN}]{0,3}(?:さん|様|氏|先生|と申します)`,
    String.raw`[\u30a1-\u30fa\u30fc]{2,}・[\u30a1-\u30fa\u30fc]{2,}(?:さん|様|氏)`,
    String.raw`(?:^|[^가-힣])[김이박최정강조윤장임한오서신권황안송][가-힣]{2}\s?(?:씨|님|선생님)`,
    // "我是黄志强。": a frequent surname and one or two characters ending the phrase.
    String.raw`我是[王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅郑鄭梁谢謝宋唐韩韓冯馮][${HAN}]{1,2}[，。！,.!]`,
  ].join("|"),
  "u",
);

const POSTCODE = /〒\s?[0-9０-９]{3}[-－−]?[0-9０-９]{4}/u;
/** A postcode followed by a place with a number: the whole address. */
const POSTCODE_ADDRESS = new RegExp(
  String.raw`〒\s?[0-9０-９]{3}[-－−]?[0-9０-９]{4}\s*[^\n。]{0,16}?[都道府県市区町村][^\n。]{0,16}?[0-9０-９]`,
  "u",
);
const ADDRESS = new RegExp(
  [
    // Chinese: a place, then a road and a house number.
    String.raw`[省市区區县縣][^\s，。,;；]{0,12}?(?:路|街|道|巷|弄)(?:[一二三四五六七八九十]段)?\s*[0-9０-９]+\s*[号號]`,
    // Japanese: a place, then a block number.
    String.raw`[都道府県市区町村][^\s、。]{0,10}?[0-9０-９]+(?:丁目|番地|[-－][0-9０-９]+[-－][0-9０-９]+)`,
    // Korean: a city, district or county, then a road or a neighbourhood and a number.
    String.raw`[가-힣](?:시|도|구|군)\s+[가-힣0-9]{1,10}(?:로|길|동)\s?[0-9]+(?:-[0-9]+)?(?:번지)?(?![0-9배개명을를이가은는의와과로으번회차시분초년월일])`,
    // Chinese: a housing estate and a building number.
    String.raw`(?:小区|小區)\s*[0-9０-９]+\s*(?:栋|棟|号楼|號樓|幢)`,
  ].join("|"),
  "u",
);

/** A phone cue and, a few characters on, seven digits or more: "电话：13800138000", "전화번호: 010-…". */
const PHONE = /(?:电话|電話|手机|手機|携帯|전화|휴대폰|핸드폰)[^0-9\n⟦]{0,6}[0-9][0-9 -]{5,}[0-9]/u;

export interface ScriptPiiHit {
  strong: boolean;
  what: string;
}

/**
 * Literals every match of a pattern holds one of (read off the patterns above: keep them in step).
 * A text with none of them cannot match, and looking for them costs a fraction of the patterns'
 * own scans of a long text in these scripts (the family names and the negated classes make them
 * try at almost every position): one pass notes which of the literals' first characters occur
 * (`CUES`), then a literal is searched for only when its first character is there, and a pattern
 * runs only on a text holding one of its literals.
 */
const LABEL_WORDS = ["名", "人", "担当", "성명", "이름", "성함", "담당자"]; // LABELLED, after a colon
const OTHER_LABEL_WORDS = ["नाम", "الاسم"]; // OTHER_LABELLED, after a colon
const COLONS = [":", "："];
const INTRODUCTIONS = ["叫", "名字是", "の名前は", "이름은"]; // INTRODUCED
const KO_COPULA = ["입니다"]; // KO_SELF
const OTHER_INTRODUCTIONS = ["मेरा नाम", "श्रीमती", "सुश्री", "اسمي", "إسمي", "السيد"]; // OTHER_SCRIPTS
const HONORIFICS = ["先生", "女士", "小姐", "さん", "様", "氏", "と申します", "씨", "님", "我是"]; // HONORIFIC
const POSTCODE_MARK = ["〒"]; // POSTCODE, POSTCODE_ADDRESS
/** ADDRESS: a Chinese house number, a Korean road, an estate; or a Japanese place and block number. */
const ADDRESS_ENDS = ["号", "號", "로", "길", "동", "小区", "小區"];
const PLACES = ["都", "道", "府", "県", "市", "区", "町", "村"];
const BLOCK_ENDS = ["丁目", "番地", "-", "－"];
const PHONE_CUES = ["电话", "電話", "手机", "手機", "携帯", "전화", "휴대폰", "핸드폰"]; // PHONE

const LABEL = 1;
const OTHER_LABEL = 2;
const COLON = 4;
const INTRODUCTION = 8;
const KO = 16;
const OTHER_INTRODUCTION = 32;
const HONORIFIC_CUE = 64;
const POSTCODE_CUE = 128;
const ADDRESS_CUE = 256;
const PLACE = 512;
const BLOCK = 1024;
const PHONE_CUE = 2048;
/** For each code unit, the bits of the lists above holding a literal that starts with it. */
const CUES = new Uint16Array(65536);
for (const [bit, literals] of [
  [LABEL, LABEL_WORDS],
  [OTHER_LABEL, OTHER_LABEL_WORDS],
  [COLON, COLONS],
  [INTRODUCTION, INTRODUCTIONS],
  [KO, KO_COPULA],
  [OTHER_INTRODUCTION, OTHER_INTRODUCTIONS],
  [HONORIFIC_CUE, HONORIFICS],
  [POSTCODE_CUE, POSTCODE_MARK],
  [ADDRESS_CUE, ADDRESS_ENDS],
  [PLACE, PLACES],
  [BLOCK, BLOCK_ENDS],
  [PHONE_CUE, PHONE_CUES],
] as const)
  for (const l of literals) CUES[l.charCodeAt(0)]! |= bit;

/** Does `text` hold one of `literals` (given that its `bit` is among the text's `cues`)? */
function holds(text: string, cues: number, bit: number, literals: readonly string[]): boolean {
  if ((cues & bit) === 0) return false;
  for (let i = 0; i < literals.length; i++) if (text.includes(literals[i]!)) return true;
  return false;
}

/** What looks like a name or an address in these scripts in `text` (at most one of each kind). */
export function findScriptPii(text: string): ScriptPiiHit[] {
  if (!SCRIPTS.test(text)) return [];
  let cues = 0;
  for (let i = 0; i < text.length; i++) cues |= CUES[text.charCodeAt(i)]!;
  const hits: ScriptPiiHit[] = [];
  const colon = holds(text, cues, COLON, COLONS);
  if (
    (colon && holds(text, cues, LABEL, LABEL_WORDS) && LABELLED.test(text)) ||
    (colon && holds(text, cues, OTHER_LABEL, OTHER_LABEL_WORDS) && OTHER_LABELLED.test(text))
  )
    hits.push({ strong: true, what: "a name after a form label" });
  else if (
    (holds(text, cues, INTRODUCTION, INTRODUCTIONS) && INTRODUCED.test(text)) ||
    (holds(text, cues, KO, KO_COPULA) && KO_SELF.test(text)) ||
    (holds(text, cues, OTHER_INTRODUCTION, OTHER_INTRODUCTIONS) && OTHER_SCRIPTS.test(text))
  )
    hits.push({ strong: false, what: "a name after an introduction" });
  if (holds(text, cues, HONORIFIC_CUE, HONORIFICS) && HONORIFIC.test(text))
    hits.push({ strong: false, what: "a family name before an honorific" });
  if (holds(text, cues, POSTCODE_CUE, POSTCODE_MARK)) {
    if (POSTCODE_ADDRESS.test(text)) hits.push({ strong: true, what: "a postcode and an address" });
    else if (POSTCODE.test(text)) hits.push({ strong: false, what: "a postcode" });
  }
  if (
    (holds(text, cues, ADDRESS_CUE, ADDRESS_ENDS) ||
      ((cues & PLACE) !== 0 && holds(text, cues, BLOCK, BLOCK_ENDS))) &&
    ADDRESS.test(text)
  )
    hits.push({ strong: false, what: "a street or block address" });
  if (holds(text, cues, PHONE_CUE, PHONE_CUES) && PHONE.test(text))
    hits.push({ strong: false, what: "a phone number after a phone cue" });
  return hits;
}

/** The patterns, for the tests that check the literals above against them. */
export const SCRIPT_PII_PATTERNS = {
  SCRIPTS,
  LABELLED,
  OTHER_LABELLED,
  INTRODUCED,
  KO_SELF,
  OTHER_SCRIPTS,
  HONORIFIC,
  POSTCODE_ADDRESS,
  POSTCODE,
  ADDRESS,
  PHONE,
} as const;

/** A letter of a script written without spaces between words (CJK, kana) or gluing particles (Hangul). */
const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/**
 * Paths of the strings where a redacted value written in Chinese, Japanese or Korean survives as
 * it is, whatever stands beside it. The survival check looks for values as words (not glued to
 * other letters), which these scripts never delimit: "王小明" redacted in the prompt and left in
 * "所以王小明想写信" in the reasoning, "김민준" in "김민준이". Values of two characters count here
 * (a two-character name says as much as a six-letter one). `texts` are the strings without their
 * placeholders.
 */
export function gluedScriptSurvivors(
  strings: readonly { path: string }[],
  texts: readonly string[],
  values: readonly string[],
): string[] {
  const needles: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t.length >= 2 && UNSPACED.test(t)) needles.push(t);
  }
  if (needles.length === 0) return [];
  const paths: string[] = [];
  for (let i = 0; i < strings.length; i++) {
    const text = texts[i]!;
    if (!UNSPACED.test(text)) continue;
    if (needles.some((n) => text.includes(n))) paths.push(strings[i]!.path);
  }
  return paths;
}
