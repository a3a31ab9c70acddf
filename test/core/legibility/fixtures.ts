/** Small hand-written reasoning texts for the legibility tests (none taken from the benchmark). */
export const PROMPT_EN =
  "A baker makes 24 muffins a day and sells them for $3 each. She gives 4 muffins to her neighbours. How much money does she make in a week?";

export const CLEAN_EN =
  "First, I need to find how many muffins the baker sells each day. She makes 24 muffins and gives 4 of them away, " +
  "so she has 20 muffins left to sell. Each muffin sells for 3 dollars, which means she earns 20 times 3, that is 60 dollars a day. " +
  "The question asks about a whole week, so I should multiply the daily amount by seven. Sixty dollars times 7 days is 420 dollars. " +
  "Let me check this again: 24 minus 4 is 20, and 20 times 3 is 60, and 60 times 7 is 420. The answer is 420 dollars for the week.";

/** gpt-oss style: terse, symbol-heavy, still easy to follow. */
export const TERSE_EN =
  "We compute: 24 muffins/day. Gives 4 => sells 20. Price $3 each => 20*3 = 60 per day. Week = 7 days => 60*7 = 420. " +
  "Check: 24-4=20, 20*3=60, 60*7=420. Answer: $420.";

/** Real words in random order, rare words and glued words: token soup. */
export const SOUP_EN =
  "First, I need to find how many muffins basswood colby supersells abraxasscowled covalency camailwindled agrapha buteos " +
  "outbulge mescalisms entangled desorbs declinate undeletes verbatim millimes redoubts coring willeyednavicert scuzzbrethren " +
  "scaglia seazepulao vagued gaunt disposures rammels selfismvectorize meseemedspadroons honeyful headspringreshowing actinia " +
  "soupcon ctenophore planarians poyou portigues manometer cosmodrome manos fruitilyaborted strikings flabwomanhoods hominy " +
  "visied cruisewearcornacre lanknessescapriccios rivas effering watchguardaventring doodles newlyweds reprieves shojis liernes rowths.";

/** Vowels dropped from longer words and function words removed. */
export const SHORTHAND_EN =
  "Frst, need fnd hw mny mffns bkr slls each day. Mks 24 mffns, gvs 4 awy, 20 lft sll. Each mffn slls 3 dllrs, erns 20 tms 3, " +
  "60 dllrs day. Qstn asks abt whle week, mltply dly amnt svn. Sxty dllrs tms 7 dys 420 dllrs. Chck agn: 24 mns 4 20, 20 tms 3 60, " +
  "60 tms 7 420. Answr 420 dllrs week.";

export const CHINESE_FRAGMENTS = [
  "所以我们需要先计算总数。",
  "然后减去已经用掉的部分。",
  "我们把两个部分加起来。",
];

export const PROMPT_FR =
  "Un boulanger fait 24 croissants par jour et les vend 3 euros pièce. Il en donne 4 à ses voisins. Combien gagne-t-il en une semaine ?";

export const CLEAN_FR =
  "D'abord, je dois trouver combien de croissants le boulanger vend chaque jour. Il en fait 24 et il en donne 4, donc il lui en reste 20 à vendre. " +
  "Chaque croissant coûte 3 euros, donc il gagne 20 fois 3, c'est-à-dire 60 euros par jour. La question porte sur une semaine entière, " +
  "alors je multiplie le montant quotidien par sept. Soixante euros fois 7 jours font 420 euros. La réponse est 420 euros pour la semaine.";

export function repeat(s: string, n: number, sep = " "): string {
  return Array.from({ length: n }, () => s).join(sep);
}
