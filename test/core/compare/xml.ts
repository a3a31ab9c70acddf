/**
 * A small XML well-formedness check for the tests (no parser dependency): one root element,
 * balanced and matching tags, quoted attributes without `<` or stray `&`, text without `<` or
 * stray `&`, no characters XML 1.0 forbids. Returns the problems (empty: well-formed) and the
 * elements seen, for assertions.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Text directly inside, entities decoded. */
  text: string;
  parent: XmlElement | null;
}

const NAME = "[A-Za-z_:][A-Za-z0-9_.:-]*";
const ENTITY = /&(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;
// eslint-disable-next-line no-control-regex -- checking for forbidden control characters
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(s: string): string {
  return s.replace(ENTITY, (e) => {
    if (e.startsWith("&#x")) return String.fromCodePoint(parseInt(e.slice(3, -1), 16));
    if (e.startsWith("&#")) return String.fromCodePoint(Number(e.slice(2, -1)));
    return { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" }[e]!;
  });
}

export function checkXml(doc: string): { problems: string[]; elements: XmlElement[] } {
  const problems: string[] = [];
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let roots = 0;
  if (FORBIDDEN.test(doc)) problems.push("forbidden character");
  const token = new RegExp(
    `<!--[\\s\\S]*?-->|<(/?)(${NAME})((?:\\s+[^\\s=/>]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|<|[^<]+`,
    "g",
  );
  for (const m of doc.matchAll(token)) {
    const [all, close, name, attrText, selfClose] = m;
    if (all.startsWith("<!--")) continue;
    if (all === "<") {
      problems.push(`bad markup at ${m.index}: ${doc.slice(m.index, m.index + 30)}`);
      continue;
    }
    if (!all.startsWith("<")) {
      if (/&/.test(all.replace(ENTITY, ""))) problems.push(`stray & in text at ${m.index}`);
      if (stack.length === 0 && all.trim()) problems.push("text outside the root");
      if (stack.length) stack[stack.length - 1]!.text += decode(all);
      continue;
    }
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== name) problems.push(`</${name}> does not close <${top?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const v = a[2] ?? a[3] ?? "";
      if (!new RegExp(`^${NAME}$`).test(a[1]!)) problems.push(`bad attribute name ${a[1]}`);
      if (a[1]! in attrs) problems.push(`duplicate attribute ${a[1]}`);
      if (v.includes("<") || /&/.test(v.replace(ENTITY, ""))) problems.push(`bad attribute value ${a[1]}`);
      attrs[a[1]!] = decode(v);
    }
    if (stack.length === 0) roots++;
    const el: XmlElement = { name: name!, attrs, text: "", parent: stack.at(-1) ?? null };
    elements.push(el);
    if (!selfClose) stack.push(el);
  }
  if (stack.length) problems.push(`unclosed <${stack.map((e) => e.name).join("> <")}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, elements };
}
