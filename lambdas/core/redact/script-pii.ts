/**
 * Person names and postal addresses written in Chinese, Japanese and Korean, and names in Hindi
 * and Arabic (the name lexicon and the capital-letter cues of `person.ts`, and the street words of
 * `address.ts`, are Latin).
 *
 * Written here, cue-based with small lexicons: the NER libraries that know these scripts are
 * Python or need model weights (none fit a pure, synchronous Lambda core), and the segmenters
 * available for JavaScript (`Intl.Segmenter`) split words, not names — "王小明" is one word or
 * three depending on the dictionary, and nothing says it is a person. What makes a name here is
 * its context, so that is what is looked for:
 *
 * - Chinese: a common surname (the ~200 most frequent single-character ones, simplified and
 *   traditional, and the compound ones: 欧阳, 司马, 诸葛…) with one or two given-name characters,
 *   (a) after an introduction or a form label (我叫, 名叫, 姓名：, 联系人：, 收件人：…), or (b) before
 *   a title or a form of address (先生, 女士, 小姐, 老师, 同学, 经理, 医生…). Before a title the given
 *   name must be made of characters common in given names (a list of ~300: 伟, 芳, 小, 明…) and
 *   the name must start a word (the character before it is not a letter, or a word that ends
 *   before a name: 是, 和, 给, 请, 联系…), so that "项目经理", "历史老师", "语文老师", "学生和老师"
 *   hold no name; a surname alone before a title ("王老师") is redacted like "Mr. Rogers".
 * - Japanese: a kanji run that starts with one of ~130 common family names (佐藤, 鈴木, 山田…),
 *   with at most three kanji of a given name, before さん, 様, 氏, 君, くん, ちゃん, 先生, 殿 or
 *   と申します; a katakana name before the same honorifics; any name after 名前は or 氏名：.
 *   お客様, 皆さん, 同様, 神様, お母さん hold no family name.
 * - Korean: a common surname (김, 이, 박, 최…) and one or two given-name syllables (a list:
 *   민, 준, 서, 연…) before 씨, 님, 선생님, 교수님, 과장님…, or after 제 이름은, 저는 … 입니다,
 *   이름：, 성명：. "우리 선생님", "국어 선생님", "이 선생님" (this teacher) hold no name.
 * - Addresses: a Chinese road and house number (路/街/道/巷/弄 + digits + 号, with the unit, floor
 *   and room after it and the province, city and district before it), a Chinese estate and
 *   building number (小区 3 栋), a Japanese 〒 postcode with the address that follows it, a
 *   Japanese block number (丁目, 番地, 1-2-3) after a city, ward, town or village, a Korean road
 *   or lot address after a province or city (서울특별시, 경기도…) or a known district (강남구…).
 *
 * - Hindi and Arabic (names only, after a cue): after मेरा नाम / नाम: / श्री, श्रीमती, सुश्री, डॉ.,
 *   up to three words until a function word (है, का, ने…); a word before one of ~40 common
 *   family names (राहुल शर्मा); after اسمي / الاسم: / السيد, السيدة, الدكتور… up to two or three
 *   words, not a role with the article after a title (السيد الرئيس), ending before "و" glued to
 *   the next verb (وأسكن). Addresses in these scripts are not looked for.
 *
 * - Phone numbers after a phone cue in these scripts (电话, 手机号, 電話番号, 전화번호…), which the
 *   phone detector, whose cues are English, misses when the number has no shape of its own.
 *
 * What is kept, on purpose: ordinary words made of surname characters (王国, 张开, 高兴, 周末,
 * 李子: no cue, no name), place names on their own (北京是中国的首都: not personal data, as for
 * Latin text), and a name without any cue ("王小明住在…" alone: without a cue a surname and two
 * characters are too often ordinary words). A name found with a cue is redacted wherever else it
 * stands in the same string. In a word problem a surname before a title ("王老师有5个苹果") is a
 * fictional person; it is redacted all the same (a title is strong evidence, as "Mr. Rogers" is in
 * English): over-redaction of a character is the safe side.
 *
 * Cost: one regex test for an Arabic, Devanagari, kana, CJK or Hangul code point gates
 * everything; Latin-only text pays that test and nothing else.
 */
import { CATEGORY, type Detector, type Span } from "./types";

const P = CATEGORY.person;
const A = CATEGORY.address;
const DETECTOR = "script-pii";

/** Arabic letters, Devanagari, kana, CJK ideographs (with extension A) or Hangul syllables. */
const GATE = /[\u0621-\u06d3\u0904-\u097f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}
function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7af;
}
function isKatakana(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
}
/** A letter of these scripts or a Latin letter/digit: something a name would be glued to. */
function isWordChar(c: number): boolean {
  return (
    isHan(c) ||
    isHangul(c) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122)
  );
}

function chars(s: string): Set<string> {
  return new Set(s.replace(/\s+/g, ""));
}

// ---------------------------------------------------------------- Chinese names

/** The most frequent single-character surnames (simplified, then traditional forms). */
const ZH_SURNAMES = chars(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈" +
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔" +
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌" +
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦" +
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩" +
    "明佘池查麻苑迟邝" +
    "陳張劉楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔錢嚴湯溫齊喬龐顏聶魯歐關蘭紀畢單駱藍遊" +
    "鮑華饒車項連蘆婁竇費衛鄺",
);
const ZH_COMPOUND = new Set(
  "欧阳 司马 上官 诸葛 东方 皇甫 慕容 令狐 夏侯 尉迟 公孙 长孙 宇文 司徒 端木 轩辕 歐陽 司馬 諸葛 東方 長孫".split(
    " ",
  ),
);
/** Characters common in given names (a name before a title must be made of them). */
const ZH_GIVEN = chars(
  "大伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉萍红建国文辉力志鹏飞宇浩然子轩梓涵欣怡雨思晨博" +
    "俊佳嘉琪鑫琳晓小婷雪倩颖丹春兰梅凤燕玲晶慧莉云斌波宁龙峰海成东林亮健凯鸣辰瑞泽昊天翔睿哲毅诚帆" +
    "航楠杨昕悦彤妍萱蕾璐露瑶薇媛菲蓉琴翠珍淑芬素荣庆生福贵德祥义忠仁礼智信安康宏伦坤鸿钢锋光耀振兴" +
    "旺民武新永长少丰山川江河清源松柏青岚鹤琦璇瑜璐蔚婉婧姗妮娅娇媚馨茜芸芝莲荷菊桃杏晴阳春秋冬夏冰" +
    "洁芮蕊若依诗语嫣然梦琳琼瑾瑗璟琰玮珊珂宝贝佩珮彬杉森楷栋梁桐枫柳竹苗蓝紫彩霖霏雯霓丝静怡婕妤" +
    "立达远进克胜利治宁安邦家庭兵斌勋骏驰骁腾豪杰雄威武军毅刚强坚磊石岩峻峥嵘崇高尚贤良善宏伟" +
    "偉華國輝鵬飛軒涵倫鋒剛鳳燕蘭雲寧龍鳴澤昊翔睿誠帆航楊悅彤萱蕾璐瑤薇媛菲蓉琴翠珍淑芬榮慶貴德祥義" +
    "忠禮智信康宏鴻鋼耀振興" +
    "靖彪虎晖炜烨煜昭晗曦旭晟昱朗聪勤淳澄澜洪湘溪潇漪蓓蕴茹芷曼秀艺娴雅姝婵娥琬琛瑛璋",
);
/** Forms of address after a name. */
const ZH_TITLES = [
  "先生",
  "女士",
  "小姐",
  "老师",
  "老師",
  "同学",
  "同學",
  "经理",
  "經理",
  "医生",
  "醫生",
  "教授",
  "博士",
  "律师",
  "律師",
  "主任",
  "师傅",
  "師傅",
  "阿姨",
  "叔叔",
  "太太",
  "夫人",
  "总经理",
  "董事长",
  "校长",
  "局长",
  "处长",
  "科长",
  "部长",
  "院长",
  "护士",
  "大夫",
];
/** Words that end right before a name: a name may start after them. */
const ZH_BEFORE_NAME = chars(
  "是和与跟给对向找问请叫让被把由位名见称从同及或系诉谢致为您我你他她的了在有说讲到去来看等令派据",
);
/** Characters that end a name after an introduction. */
const ZH_STOP = chars("的是在了和与跟说住有也就都把被给对从到今年我你他她们这那吗呢吧啊，。、！？：；（）");
const ZH_TITLE_RE = new RegExp([...ZH_TITLES].sort((a, b) => b.length - a.length).join("|"), "gu");
/** Introductions and form labels: a name follows (any characters for the strong ones). */
const ZH_INTRO_STRONG =
  /(?:我叫|我的名字(?:是|叫)|本人(?:是|叫)|(?:姓名|联系人|聯繫人|聯絡人|收件人|收货人|收貨人|寄件人|签名|簽名|署名|负责人|負責人|经办人|經辦人|申请人|申請人|患者姓名|客户姓名|客戶姓名)\s*[:：]|姓名(?:是|为|為))\s*/gu;
/** Introductions that a word problem or a definition also uses ("这叫做加法"): a surname must open the name. */
const ZH_INTRO_WEAK = /(?:名叫|叫做|名字叫|名字是|他叫|她叫|这位是|這位是)\s*/gu;
const ZH_QUESTION = /^(?:什么|什麼|啥|谁|誰|多少)/u;

function zhIntroName(text: string, at: number, strong: boolean): [number, number] | undefined {
  let end = at;
  while (end < text.length && end - at < 6 && isHan(text.charCodeAt(end)) && !ZH_STOP.has(text[end]!)) end++;
  // Stop before a title ("我叫王小明先生" is unusual, but "联系人：王经理" is not).
  const run = text.slice(at, end);
  for (const t of ZH_TITLES) {
    const i = run.indexOf(t);
    if (i >= 0) end = Math.min(end, at + i);
  }
  if (end - at < 1 || ZH_QUESTION.test(text.slice(at))) return undefined;
  const compound = ZH_COMPOUND.has(text.slice(at, at + 2));
  const surname = compound || ZH_SURNAMES.has(text[at]!);
  if (!strong && !surname) return undefined;
  const sLen = compound ? 2 : 1;
  let len = end - at;
  if (len > sLen + 2) {
    // The name runs on into the sentence without punctuation: keep the surname and one or two
    // given characters (two when the second is a common given-name character).
    len = surname && ZH_GIVEN.has(text[at + sLen + 1]!) ? sLen + 2 : sLen + 1;
    if (!surname) len = Math.min(end - at, 3);
  }
  if (len < 2 && !(surname && len === 1 && strong)) return undefined;
  return [at, at + len];
}

/** Strong forms of address: any given name before them (with a word boundary) is a name. */
const ZH_HONORIFICS = new Set(["先生", "女士", "小姐"]);

function zhTitleName(text: string, t: number, title: string): [number, number] | undefined {
  // Candidates: compound surname + 1–2 given, surname + 2 given, surname + 1 given, surname alone.
  const cands: [number, number][] = [];
  for (const g of [2, 1]) {
    const s = t - 2 - g;
    if (s >= 0 && ZH_COMPOUND.has(text.slice(s, s + 2))) cands.push([s, 2]);
  }
  for (const g of [2, 1, 0]) {
    const s = t - 1 - g;
    if (s >= 0 && ZH_SURNAMES.has(text[s]!)) cands.push([s, 1]);
  }
  for (const [s, sLen] of cands) {
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    if (isWordChar(before) && !ZH_BEFORE_NAME.has(text[s - 1]!)) continue;
    // Before 先生/女士/小姐 any given name ("陈奕迅先生"); before a role ("经理", "老师") only
    // characters common in given names ("项目经理" holds none).
    let ok = ZH_HONORIFICS.has(title);
    if (!ok) {
      ok = true;
      for (let i = s + sLen; i < t; i++) if (!ZH_GIVEN.has(text[i]!)) ok = false;
    }
    if (ok && !ZH_WORDS.has(text.slice(s, t))) return [s, t];
  }
  return undefined;
}

/** Ordinary words made of a surname and a common given-name character. */
const ZH_WORDS = new Set(
  (
    "高兴 明天 明白 明年 明星 明显 文明 安静 安全 平安 成长 成功 成立 高明 金子 李子 王国 周末 张开 高级 高中 方便 " +
    "江山 林子 石子 黄金 白天 时间 常常 和平 童年 温和 温柔 房子 华丽 高山 高峰 于是 车子 包子 曲子 应该 全国 全家 " +
    "万一 方面 方向 文化 文字 明亮 安排 安心 高手 高大 高度 高速 孔子 庄子 孟子 老子 向东 向西 向南 向北 东方 " +
    "金华 江南 江北 于是乎 明明 常明 宁静 和谐 关心 齐心 石头 田野 路上 游戏 司机 商品 师傅 农民 龙凤 凤凰 毛衣"
  ).split(" "),
);

/** "我是张伟。": a surname and a common given name ending the phrase. */
const ZH_SELF = /我是\s*/gu;
/** A role or relation before a name ("客户王芳的手机号", "用户王小明想写信"). */
const ZH_ROLE =
  /(?:客户|客戶|用户|用戶|顾客|顧客|患者|病人|员工|員工|同事|会员|會員|乘客|房东|房東|租客|学生|學生|同学|同學|儿子|兒子|女儿|女兒|丈夫|妻子|老公|老婆|朋友|联系人|聯繫人|负责人|負責人)\s*/gu;
/** What may follow a bare name: the end of the phrase or a word that cannot continue a name. */
const ZH_AFTER_NAME = chars(
  "，。！？、,.!?;；:：的说說是在和与與想要也都给給让讓对對把被从從今已来來去到走问問打买買卖賣用看叫找写寫做吃",
);

/** A surname and one or two common given-name characters at `at`, followed by the end of a word. */
function zhBareName(text: string, at: number): [number, number] | undefined {
  const sLen = ZH_COMPOUND.has(text.slice(at, at + 2)) ? 2 : ZH_SURNAMES.has(text[at]!) ? 1 : 0;
  if (sLen === 0) return undefined;
  for (const g of [2, 1]) {
    const e = at + sLen + g;
    if (e > text.length) continue;
    let ok = true;
    for (let i = at + sLen; i < e; i++) if (!ZH_GIVEN.has(text[i]!)) ok = false;
    if (!ok || ZH_WORDS.has(text.slice(at, e))) continue;
    const next = e < text.length ? text[e]! : "。";
    if (isHan(next.charCodeAt(0)) && !ZH_AFTER_NAME.has(next) && g === 1) continue;
    if (g === 2 || !isWordChar(next.charCodeAt(0)) || ZH_AFTER_NAME.has(next)) return [at, e];
  }
  return undefined;
}

// ---------------------------------------------------------------- Japanese names

const JA_SURNAMES = new Set(
  (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 渡邉 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 斉藤 清水 " +
    "山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 " +
    "西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 " +
    "横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 高田 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 " +
    "菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井 渡部 佐野 杉本 古川 大西 浅野 服部 市川 北村 " +
    "小島 水野 西田 吉川 樋口 川口 辻 関 荒木 黒田 中西 永井 小池 秋山 片山 須藤 大橋 星野 宮田 本田 久保田 飯田 " +
    "大谷 菅野 堀 矢野 吉村 望月 松下 川村 榎本 岩田 平田 細川 熊谷 西川 松岡 北川 川崎 足立 小松 安田 早川 " +
    "堀内 中田 三上 桑原 大石 内藤 西山 野田 松浦 本間 菊池 岡崎 鎌田 河合 福島 木内 上原 浅井 川上 東 南 北 西"
  ).split(" "),
);
/** Single-kanji family names that also open place names and words: a name only on their own. */
const JA_SHORT_AMBIGUOUS = new Set(["東", "南", "北", "西", "原", "関", "森", "林", "堀", "辻"]);
/** Last kanji of many given names (太郎, 花子, 由美, 大介, 和也, 春香…). */
const JA_GIVEN_END = chars("郎子美介助也彦雄夫恵香奈菜代江翔斗輔平太樹");
const JA_HONORIFIC = /(?:さん|様|さま|氏(?!名)|君|くん|ちゃん|先生|殿|と申します|といいます|と言います)/gu;
const JA_KATAKANA_NOT_NAMES = new Set([
  "ママ",
  "パパ",
  "サンタ",
  "コック",
  "オーナー",
  "ゲスト",
  "ユーザー",
  "スタッフ",
]);
const JA_READING = /[（(][ぁ-ゖァ-ヺー\s・]{2,24}[）)]/gu;
const JA_INTRO =
  /(?:私の名前は|僕の名前は|名前は|(?:氏名|お名前|担当者?|署名|申請者|差出人|宛名)\s*[:：]|氏名は)\s*/gu;
const JA_SELF = /(?:私は|僕は|わたしは|わたくしは)\s*/gu;

/** A Japanese name ending at `end` (before an honorific), or undefined. */
function jaNameBefore(text: string, end: number): [number, number] | undefined {
  let s = end;
  while (s > 0 && isHan(text.charCodeAt(s - 1)) && end - s < 8) s--;
  if (s < end) {
    // One space may separate the family name from the given name ("山田 太郎様").
    if (s > 1 && (text[s - 1] === " " || text[s - 1] === "\u3000") && isHan(text.charCodeAt(s - 2))) {
      let s2 = s - 1;
      while (s2 > 0 && isHan(text.charCodeAt(s2 - 1)) && s - s2 < 4) s2--;
      const f = familyStart(text, s2, s - 1);
      if (f !== undefined) return [f, end];
    }
    // A family name and at most three kanji of a given name ("担当者山田様" → 山田).
    for (let i = s; i < end; i++) {
      const f = surnameAt(text, i, end);
      if (f === undefined || end - (i + f) > 3) continue;
      // 東, 西, 森, 林… open place names and words (東京, 西口, 森林): alone only ("森さん").
      // (Unless a given name's usual ending closes the run: "林太郎さん".)
      if (JA_SHORT_AMBIGUOUS.has(text.slice(i, i + f)) && i + f !== end && !JA_GIVEN_END.has(text[end - 1]!))
        continue;
      return [i, end];
    }
    return undefined;
  }
  // A katakana name ("マリアさん", "ジョン・スミス様").
  while (s > 0 && (isKatakana(text.charCodeAt(s - 1)) || text[s - 1] === "・")) s--;
  if (end - s >= 2 && text[s] !== "・" && !JA_KATAKANA_NOT_NAMES.has(text.slice(s, end))) return [s, end];
  return undefined;
}

/** Where a family name that ends at `e` starts within `[s, e)`. */
function familyStart(text: string, s: number, e: number): number | undefined {
  for (let i = s; i < e; i++) if (JA_SURNAMES.has(text.slice(i, e))) return i;
  return undefined;
}
/** The length of the longest family name at `i` (within `end`), or undefined. */
function surnameAt(text: string, i: number, end: number): number | undefined {
  for (let l = Math.min(4, end - i); l >= 1; l--) if (JA_SURNAMES.has(text.slice(i, i + l))) return l;
  return undefined;
}

function jaIntroName(text: string, at: number, needSurname: boolean): [number, number] | undefined {
  let e = at;
  // (Nothing is read past the end, where `at` may stand: that read deoptimised this scan.)
  if (at < text.length && isKatakana(text.charCodeAt(at))) {
    if (needSurname) return undefined;
    while (e < text.length && (isKatakana(text.charCodeAt(e)) || text[e] === "・") && e - at < 16) e++;
    return e - at >= 2 ? [at, e] : undefined;
  }
  while (e < text.length && e - at < 8) {
    const c = text.charCodeAt(e);
    if (isHan(c)) e++;
    else if (
      (text[e] === " " || text[e] === "\u3000") &&
      e > at &&
      e + 1 < text.length &&
      isHan(text.charCodeAt(e + 1))
    )
      e++;
    else break;
  }
  if (e - at < 1 || text[at] === "何") return undefined;
  if (needSurname) {
    const f = surnameAt(text, at, e);
    if (f === undefined) return undefined;
    // "私は山田です", "私は山田太郎と申します": the name must end the phrase.
    if (!/^(?:です|と申します|といいます|と言います|だ|。|、)/u.test(text.slice(e, e + 5))) return undefined;
  }
  return e - at >= 2 || needSurname ? [at, e] : undefined;
}

// ---------------------------------------------------------------- Korean names

const KO_SURNAMES = chars(
  "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시",
);
/** Surnames that are also a determiner or a number before a title ("이 선생님" is "this teacher"). */
const KO_SURNAME_ALONE_NOT = chars("이한전두우제여남구주사");
const KO_GIVEN = chars(
  "민준서연지우현수영진호은윤성희재하예도원주정혜경소유동상승태석훈환철용종기미숙순자옥선인아나채린빈율건시규혁범찬결솔별람슬름보효형완근식일광명남길봉섭욱웅열택한강중창걸협권화란애향",
);
const KO_TITLE =
  /(?:선생님|교수님|박사님|과장님|부장님|대리님|사장님|팀장님|실장님|원장님|대표님|회장님|고객님|선배님|씨|님)/gu;
const KO_AGE = /[(（]\s?(?:만\s?)?\d{1,3}\s?(?:세|살)\s?[)）]|,\s?\d{1,3}(?:세|살)(?![가-힣])/gu;
const KO_INTRO =
  /(?:제\s?이름은|내\s?이름은|이름은|(?:이름|성명|성함|서명)\s*[:：]|(?:담당자|신청인)\s*[:：]?)\s*/gu;
const KO_SELF = /(?:저는|나는)\s*/gu;
const KO_COPULA = /^(?:입니다|이에요|예요|이야|이고|이며|라고|이라고|\s|[,.!?，。]|$)/u;
const KO_NOT_NAMES = new Set([
  "우리",
  "저희",
  "이번",
  "지금",
  "오늘",
  "모두",
  "여러",
  "다른",
  "모든",
  "한국",
]);

function koNameBefore(text: string, t: number): [number, number] | undefined {
  const spaced = t > 0 && text[t - 1] === " ";
  const e = spaced ? t - 1 : t;
  let s = e;
  while (s > 0 && isHangul(text.charCodeAt(s - 1)) && e - s < 5) s--;
  const len = e - s;
  if (len < 1 || len > 3) return undefined;
  if (s > 0 && isWordChar(text.charCodeAt(s - 1))) return undefined;
  const word = text.slice(s, e);
  if (!KO_SURNAMES.has(word[0]!) || KO_NOT_NAMES.has(word)) return undefined;
  for (let i = 1; i < len; i++) if (!KO_GIVEN.has(word[i]!)) return undefined;
  // A surname alone, or with one syllable, only with a space before the title ("김 씨", "김구 선생님").
  if (len < 3 && !spaced) return undefined;
  if (len === 1 && KO_SURNAME_ALONE_NOT.has(word)) return undefined;
  return [s, e];
}

function koIntroName(text: string, at: number, needSurname: boolean): [number, number] | undefined {
  let e = at;
  while (e < text.length && isHangul(text.charCodeAt(e)) && e - at < 7) e++;
  const word = text.slice(at, e);
  // The copula or a particle is glued on: "김민준입니다", "김민준이에요", "김민준이라고 합니다".
  const m = /^([가-힣]{2,4}?)(?:입니다|이에요|예요|이라고|라고|이고|이며|이야)/u.exec(word);
  const name = m ? m[1]! : word.length >= 2 && word.length <= 4 ? word : undefined;
  if (name === undefined || !KO_COPULA.test(text.slice(at + name.length))) return undefined;
  if (needSurname) {
    if (name.length !== 3 || !KO_SURNAMES.has(name[0]!) || !m) return undefined;
    for (let i = 1; i < 3; i++) if (!KO_GIVEN.has(name[i]!)) return undefined;
  }
  return [at, at + name.length];
}

// ---------------------------------------------------------------- addresses

const D = "[0-9０-９]";
/**
 * What follows a house or building number: a building's name and its numbered parts (tower, unit,
 * floor, room), and a bare room number at the end ("3栋2单元501"). (Bounded runs, nothing nested:
 * a quantifier inside a repeated group backtracked exponentially on a long run of digits.)
 */
const ZH_UNITS =
  String.raw`(?:\s*[\u4e00-\u9fff]{0,8}?\s*[0-9０-９A-Za-z一二三四五六七八九十]{1,6}\s*(?:号楼|號樓|号院|號院|栋|棟|幢|座|单元|單元|层|層|楼|樓|室|号|號|户|戶))*` +
  String.raw`(?:(?<=单元|單元|栋|棟|幢|座|层|層|楼|樓)\s*${D}{1,6}(?![0-9０-９]))?`;
const ZH_ROAD_NO = new RegExp(
  String.raw`(?:大道|大街|胡同|路|街|巷|弄|道|里)(?:[一二三四五六七八九十0-9]{1,3}段)?\s*${D}{1,6}(?:[-－之]${D}{1,6})?\s*[号號](?![线線码碼])` +
    ZH_UNITS,
  "gu",
);
const ZH_ESTATE_NO = new RegExp(
  String.raw`(?:小区|小區|花园|花園|公寓|大厦|大廈|新村|家园|家園|苑)\s*${D}{1,6}\s*(?:号楼|號樓|栋|棟|幢|座)` +
    ZH_UNITS,
  "gu",
);
/** Characters an address does not hold: the left edge of one stops there. */
const ADDR_STOP = chars("在住于於是到的往至寄送址为為和与與我你他她从從去来來了近离離这這那个個条條第");
const JA_POSTCODE = /〒\s?[0-9０-９]{3}[-－−‐]?[0-9０-９]{4}/gu;
const JA_BLOCK = new RegExp(
  String.raw`(?:${D}{1,6}丁目(?:\s*${D}{1,6}(?:番地?|[-－−‐]))?(?:\s*${D}{1,6}号?)?|${D}{1,6}番地(?:\s*${D}{1,6}号?)?|${D}{1,6}番\s*${D}{1,6}号)`,
  "gu",
);
const JA_DASHED = new RegExp(String.raw`${D}{1,4}[-－−‐]${D}{1,4}(?:[-－−‐]${D}{1,4})?`, "gu");
const JA_UNIT = /[市区町村郡都道府県]/u;
const KO_SIDO =
  "(?:(?:서울|부산|대구|인천|광주|대전|울산|세종)(?:특별자치시|특별시|광역시|시)?|(?:경기|강원|충청북|충청남|전라북|전라남|경상북|경상남|충북|충남|전북|전남|경북|경남|제주)(?:특별자치)?도)";
const KO_GU =
  "(?:강남|강동|강북|강서|관악|광진|구로|금천|노원|도봉|동대문|동작|마포|서대문|서초|성동|성북|송파|양천|영등포|용산|은평|종로|중랑|해운대|수영|부산진|사하|연제|수성|달서|미추홀|연수|남동|부평|계양|유성)구";
const KO_ADDRESS = new RegExp(
  String.raw`(?:${KO_SIDO}\s*(?:[가-힣]{1,5}(?:시|군|구)\s*){0,2}|(?:[가-힣]{1,5}시\s*)?${KO_GU}\s*)` +
    String.raw`(?:[가-힣0-9]{1,8}(?:읍|면)\s*)?` +
    String.raw`(?:[가-힣0-9]{1,10}(?:대로|로|길)\s*\d{1,6}(?:-\d{1,6})?(?:번길\s*\d{1,6}(?:-\d{1,6})?)?|[가-힣0-9]{1,8}(?:동|리|가)\s*\d{1,6}(?:-\d{1,6})?(?:번지)?)` +
    String.raw`(?:\s*,?\s*(?:\d{1,6}동\s*)?\d{1,6}(?:호|층))?`,
  "gu",
);

/** Extends a found address core left over the place names before it (province, city, district). */
function leftEdge(text: string, start: number, max: number, japanese: boolean): number {
  let s = start;
  while (s > 0 && start - s < max) {
    const c = text.charCodeAt(s - 1);
    const ch = text[s - 1]!;
    if (isHan(c) || (c >= 48 && c <= 57)) {
      if (!japanese && ADDR_STOP.has(ch)) break;
      if (japanese && "在住は".includes(ch)) break;
      s--;
    } else if (japanese && (isKatakana(c) || ch === "ヶ" || ch === "ケ")) s--;
    else if (japanese && (ch === "の" || ch === "が") && s > 1 && isHan(text.charCodeAt(s - 2))) s--;
    else break;
  }
  return s;
}

function addressSpans(text: string, out: Span[], kana: boolean, hangul: boolean): void {
  for (const re of [ZH_ROAD_NO, ZH_ESTATE_NO]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = leftEdge(text, m.index, 24, false);
      // The road or estate needs a name of its own ("这条路3号" has none).
      if (m.index - s < 1) continue;
      out.push({ start: s, end: m.index + m[0].length, category: A, detector: DETECTOR });
    }
  }
  JA_POSTCODE.lastIndex = 0;
  for (let m = JA_POSTCODE.exec(text); m; m = JA_POSTCODE.exec(text)) {
    // The address after the postcode: place names, block numbers and building words, to the end
    // of the phrase (a particle, punctuation or the end of the line).
    let e = m.index + m[0].length;
    while (e < text.length && (text[e] === " " || text[e] === "\u3000")) e++;
    const startAddr = e;
    while (e < text.length && e - startAddr < 48) {
      const c = text.charCodeAt(e);
      const ch = text[e]!;
      if (
        isHan(c) ||
        isKatakana(c) ||
        (c >= 48 && c <= 57) ||
        (c >= 0xff10 && c <= 0xff19) ||
        "-－−‐ヶケ".includes(ch)
      )
        e++;
      else if ((ch === "の" || ch === "が") && isHan(text.charCodeAt(e - 1))) e++;
      else if ((ch === " " || ch === "\u3000") && e + 1 < text.length && isWordChar(text.charCodeAt(e + 1)))
        e++;
      else break;
    }
    if (e > startAddr && !isHan(text.charCodeAt(startAddr)) && !isKatakana(text.charCodeAt(startAddr)))
      e = m.index + m[0].length;
    // "… 宛", "…様方": the addressee's mark is not the address.
    while (e > startAddr && " \u3000宛".includes(text[e - 1]!)) e--;
    out.push({ start: m.index, end: e, category: A, detector: DETECTOR });
  }
  // Block numbers need 丁目 or 番 (maths is full of digits); the dashed form needs kana.
  const jaCores: RegExp[] = [];
  if (text.includes("丁目") || text.includes("番")) jaCores.push(JA_BLOCK);
  if (kana) jaCores.push(JA_DASHED);
  for (const re of jaCores) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = leftEdge(text, m.index, 24, true);
      const place = text.slice(s, m.index);
      // After a city, ward, town or village (or a prefecture): "渋谷区道玄坂2-10-7".
      if (!JA_UNIT.test(place)) continue;
      out.push({ start: s, end: m.index + m[0].length, category: A, detector: DETECTOR });
    }
  }
  if (hangul) {
    KO_ADDRESS.lastIndex = 0;
    for (let m = KO_ADDRESS.exec(text); m; m = KO_ADDRESS.exec(text)) {
      if (m.index > 0 && isHangul(text.charCodeAt(m.index - 1))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, category: A, detector: DETECTOR });
    }
  }
}

// ---------------------------------------------------------------- the detector

function each(re: RegExp, text: string, f: (start: number, end: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) f(m.index, m.index + m[0].length);
}

/** The name that is the whole of a short string (surrounding spaces aside), or undefined. */
function wholeName(text: string): [number, number] | undefined {
  let s = 0;
  let e = text.length;
  while (s < e && (text[s] === " " || text[s] === "\u3000")) s++;
  while (e > s && (text[e - 1] === " " || text[e - 1] === "\u3000")) e--;
  const len = e - s;
  if (len < 2 || len > 5) return undefined;
  const c0 = text.charCodeAt(s);
  if (isHangul(c0)) {
    // Three syllables: a surname and two given-name syllables.
    if (len !== 3 || !KO_SURNAMES.has(text[s]!)) return undefined;
    for (let i = s + 1; i < e; i++) if (!KO_GIVEN.has(text[i]!)) return undefined;
    return KO_NOT_NAMES.has(text.slice(s, e)) ? undefined : [s, e];
  }
  for (let i = s; i < e; i++) if (!isHan(text.charCodeAt(i)) && text[i] !== " ") return undefined;
  // Japanese: a family name of two or more kanji and a given name ("山田太郎", "山田 太郎").
  const f = surnameAt(text, s, e);
  if (
    f !== undefined &&
    f >= 2 &&
    e - (s + f) <= 3 &&
    e - s > f &&
    !/[様氏君殿]$|先生$/u.test(text.slice(s, e))
  )
    return [s, e];
  // Chinese: a surname and one or two common given-name characters, not an ordinary word.
  const r = zhBareName(text, s);
  return r && r[1] === e && len >= 3 ? r : undefined;
}

function nameSpans(text: string, out: Span[], kana: boolean, hangul: boolean): void {
  const names: [number, number][] = [];
  const add = (r: [number, number] | undefined): void => {
    if (r && r[1] > r[0]) names.push(r);
  };
  // A string that is a name and nothing else (a JSON value, a signature line): "王小明", "山田太郎".
  if (text.length <= 12) add(wholeName(text));
  each(ZH_INTRO_STRONG, text, (_, e) => add(zhIntroName(text, e, true)));
  each(ZH_INTRO_WEAK, text, (_, e) => add(zhIntroName(text, e, false)));
  // One scan for all titles (a search per title cost half of this detector on Chinese text).
  ZH_TITLE_RE.lastIndex = 0;
  for (let m = ZH_TITLE_RE.exec(text); m; m = ZH_TITLE_RE.exec(text)) {
    add(zhTitleName(text, m.index, m[0]));
    ZH_TITLE_RE.lastIndex = m.index + 1;
  }
  each(ZH_SELF, text, (_, e) => {
    const r = zhBareName(text, e);
    // "我是张伟。" but not "我是王国的公民": the name ends the phrase.
    if (r && (r[1] >= text.length || !isWordChar(text.charCodeAt(r[1])))) add(r);
  });
  each(ZH_ROLE, text, (_, e) => add(zhBareName(text, e)));
  // Japanese without kana is rare: then only the honorifics that Chinese does not use ("山田太郎様").
  if (kana || /[様氏君殿]/u.test(text)) {
    each(JA_HONORIFIC, text, (s) => add(jaNameBefore(text, s)));
    each(JA_INTRO, text, (_, e) => add(jaIntroName(text, e, false)));
    each(JA_SELF, text, (_, e) => add(jaIntroName(text, e, true)));
  }
  // A name with its reading in kana after it: "山田太郎（やまだたろう）".
  if (kana)
    each(JA_READING, text, (s) => {
      if (s > 0 && isHan(text.charCodeAt(s - 1))) add(jaNameBefore(text, s));
    });
  if (hangul) {
    each(KO_TITLE, text, (s) => add(koNameBefore(text, s)));
    // A name with an age after it: "김민준(32세)".
    each(KO_AGE, text, (s) => add(koNameBefore(text, s)));
    each(KO_INTRO, text, (_, e) => add(koIntroName(text, e, false)));
    each(KO_SELF, text, (_, e) => add(koIntroName(text, e, true)));
  }
  // Later mentions of a name found with a cue, in the same string (two characters or more).
  const seen = new Set<string>();
  const at = new Set<string>();
  const push = (s: number, e: number): void => {
    if (at.has(`${s}:${e}`)) return;
    at.add(`${s}:${e}`);
    out.push({ start: s, end: e, category: P, detector: DETECTOR });
  };
  for (const [s, e] of names) {
    push(s, e);
    const v = text.slice(s, e);
    if (v.length < 2 || seen.has(v)) continue;
    seen.add(v);
    for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) push(i, i + v.length);
  }
}

// ---------------------------------------------------------------- Devanagari and Arabic names

/** Words of Hindi (Devanagari letters and signs, not the danda or digits) and of Arabic script. */
const HI_WORD = /^[\u0900-\u0963\u0971-\u097f]+/u;
const AR_WORD = /^[\u0621-\u065f\u0670-\u06d3]+/u;
/** Function words and copulas that end a name (Hindi), never a name themselves. */
const HI_STOP = new Set(
  (
    "है हैं हूँ हूं था थी थे हो और या का की के को से में पर ने भी तो नहीं क्या कि जो यह वह ये वे इस उस " +
    "एक दो आप हम मैं तुम जी साहब लेकिन फिर अब यहाँ वहाँ कौन किस कैसे"
  ).split(" "),
);
/** Family names common enough to make a full name of the word before them ("राहुल शर्मा"). */
const HI_SURNAMES = new Set(
  (
    "शर्मा वर्मा गुप्ता सिंह कुमार पटेल यादव अग्रवाल मिश्रा मिश्र तिवारी पांडे पाण्डेय पांडेय दुबे चौहान राठौर " +
    "ठाकुर रेड्डी नायर मेहता देसाई जोशी कपूर खन्ना मल्होत्रा चोपड़ा सक्सेना श्रीवास्तव त्रिपाठी चौधरी बनर्जी " +
    "मुखर्जी चटर्जी नायडू अय्यर कुरैशी सिद्दीकी भट्ट शुक्ला द्विवेदी चतुर्वेदी"
  ).split(" "),
);
const HI_CUE =
  /(?:^|[\s(（"'“‘,:;।])(?:मेरा नाम(?: है)?|मेरे नाम|नाम\s*[:：]|श्रीमती|श्री|सुश्री|कुमारी|डॉ\.?|डॉक्टर)\s+/gu;
const AR_STOP = new Set(
  (
    "و في من إلى الى على عن هو هي هم أنا انا أنت نحن هذا هذه ذلك تلك التي الذي أن إن ان كان كانت قد لا ما لم لن " +
    "مع عند بعد قبل ثم أو او يا هل كيف متى أين لماذا"
  ).split(" "),
);
const AR_CUE =
  /(?:^|[\s(（"'“‘,،:;؛.])و?(?:(?:اسمي|إسمي|اسمى|الاسم\s*[:：]|الاسم الكامل\s*[:：]|السيدة|السيد|الآنسة|الأستاذة|الأستاذ|الدكتورة|الدكتور|المهندسة|المهندس)\s+)/gu;
/** "و" (and) glued to a verb or an article: the sentence goes on, the name has ended ("وأسكن"). */
const AR_AND = /^و(?:[أاآإيتنل])/u;

/** Up to `max` words of `word` after `at` (single spaces between them), stopping at a stop word. */
function wordsAfter(
  text: string,
  at: number,
  word: RegExp,
  stop: ReadonlySet<string>,
  max: number,
  ends?: RegExp,
): number {
  let e = at;
  let n = 0;
  let i = at;
  while (n < max) {
    const m = word.exec(text.slice(i, i + 40));
    if (!m || stop.has(m[0]) || (n > 0 && ends?.test(m[0]) === true)) break;
    e = i + m[0].length;
    n++;
    if (text[e] !== " ") break;
    i = e + 1;
  }
  return e;
}

function hindiNames(text: string, out: Span[]): void {
  HI_CUE.lastIndex = 0;
  for (let m = HI_CUE.exec(text); m; m = HI_CUE.exec(text)) {
    const at = m.index + m[0].length;
    const e = wordsAfter(text, at, HI_WORD, HI_STOP, 3);
    if (e > at) out.push({ start: at, end: e, category: P, detector: DETECTOR });
  }
  // A given name before a common family name: "राहुल शर्मा".
  const re = /[\u0900-\u0963\u0971-\u097f]+ [\u0900-\u0963\u0971-\u097f]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [first, last] = m[0].split(" ") as [string, string];
    if (HI_SURNAMES.has(last) && !HI_STOP.has(first) && !HI_SURNAMES.has(first))
      out.push({ start: m.index, end: m.index + m[0].length, category: P, detector: DETECTOR });
    else re.lastIndex = m.index + first.length + 1;
  }
}

function arabicNames(text: string, out: Span[]): void {
  AR_CUE.lastIndex = 0;
  for (let m = AR_CUE.exec(text); m; m = AR_CUE.exec(text)) {
    const at = m.index + m[0].length;
    const intro = /اسم/u.test(m[0]);
    // After a title, a role with the article is no name ("السيد الرئيس"); after "my name is" any word.
    if (!intro && text.startsWith("ال", at)) continue;
    const e = wordsAfter(text, at, AR_WORD, AR_STOP, intro ? 3 : 2, AR_AND);
    if (e > at) out.push({ start: at, end: e, category: P, detector: DETECTOR });
  }
}

// ---------------------------------------------------------------- phone numbers after a cue

/**
 * A number after a phone cue in these scripts ("电话：13800138000", "手机号是13912345678"): the phone
 * detector knows the cue words of English only, and a Chinese mobile number is 11 digits in one
 * run, no shape of its own. 7–15 digits, spaces and dashes inside.
 */
const CUED_PHONE =
  /(?:电话|電話|手机|手機|联系方式|聯繫方式|携帯|電話番号|携帯番号|전화|휴대폰|핸드폰|연락처)(?:号码|號碼|号|號|番号|번호)?\s*(?:是|为|為|は|：|:|은|는)?\s*(\+?[0-9][0-9 -]{5,18}[0-9])(?![0-9])/gu;

function cuedPhones(text: string, out: Span[]): void {
  CUED_PHONE.lastIndex = 0;
  for (let m = CUED_PHONE.exec(text); m; m = CUED_PHONE.exec(text)) {
    const v = m[1]!;
    const digits = v.replace(/[^0-9]/g, "").length;
    if (digits < 7 || digits > 15) continue;
    const start = m.index + m[0].length - v.length;
    out.push({ start, end: start + v.length, category: CATEGORY.phone, detector: DETECTOR });
  }
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function scriptSpans(text: string): Span[] {
  const out: Span[] = [];
  if (CJK.test(text)) {
    const kana = /[\u3040-\u30ff]/.test(text);
    const hangul = /[\uac00-\ud7af]/.test(text);
    addressSpans(text, out, kana, hangul);
    nameSpans(text, out, kana, hangul);
    cuedPhones(text, out);
  }
  if (/[\u0900-\u097f]/.test(text)) hindiNames(text, out);
  if (/[\u0621-\u06d3]/.test(text)) arabicNames(text, out);
  return out;
}

/**
 * Names and addresses in Chinese, Japanese and Korean, names in Hindi and Arabic. Spans are
 * PERSON or ADDRESS; the detector's name (`script-pii`) switches both off.
 */
export const SCRIPT_PII: Detector = {
  name: DETECTOR,
  category: P,
  detect: (text) => (GATE.test(text) ? scriptSpans(text) : []),
};
