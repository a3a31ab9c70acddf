import { describe, expect, it } from "vitest";
import { computeStats, renderModelsSvg, xmlEscape } from "../../../lambdas/core/compare";
import { fixtureItems } from "./fixtures";
import { checkXml } from "./xml";

describe("checkXml (the test helper itself)", () => {
  it("catches broken documents", () => {
    expect(checkXml('<svg a="1"><g></g></svg>').problems).toEqual([]);
    expect(checkXml("<svg><g></svg>").problems).not.toEqual([]);
    expect(checkXml("<svg>a & b</svg>").problems).not.toEqual([]);
    expect(checkXml('<svg a="<"></svg>').problems).not.toEqual([]);
    expect(checkXml("<svg></svg><svg></svg>").problems).not.toEqual([]);
    expect(checkXml("<svg>\u0001</svg>").problems).not.toEqual([]);
  });
});

describe("renderModelsSvg", () => {
  const stats = computeStats(fixtureItems());
  const svg = renderModelsSvg(stats);
  const { problems, elements } = checkXml(svg);

  it("is well-formed SVG with a title, a description and axis labels", () => {
    expect(problems).toEqual([]);
    const root = elements[0]!;
    expect(root.name).toBe("svg");
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(root.attrs["aria-labelledby"]).toBe("cotshare-models-title cotshare-models-desc");
    const title = elements.find((e) => e.name === "title" && e.parent === root)!;
    expect(title.text).toBe("Legibility per model");
    const desc = elements.find((e) => e.name === "desc")!;
    expect(desc.text).toContain("old-1 (released 2024-01-10): 4 transcript(s), median 85.0");
    const texts = elements.filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toContain("Legibility score (0–100, 100 = fully legible)");
    expect(texts).toContain("Model, oldest release first");
    expect(texts).toContain("illegible (< 50)");
  });

  it("draws one row per model in release order, and one linked point per scored transcript", () => {
    const rows = elements.filter((e) => e.name === "g" && e.attrs.class === "model");
    expect(rows.length).toBe(4);
    const labels = rows.map((g) => elements.find((e) => e.name === "text" && e.parent === g)!.text);
    expect(labels[0]).toBe("old-1");
    expect(labels[1]).toBe("new-2");
    expect(labels[3]).toBe("zeta");
    const links = elements.filter((e) => e.name === "a");
    expect(links.map((a) => a.attrs["data-id"]).sort()).toEqual(
      ["o-1", "o-2", "o-3", "o-4", "n-1", "z-1", "z-2", "h-1"].sort(),
    );
    expect(links.find((a) => a.attrs["data-id"] === "o-3")!.attrs.href).toBe("#/transcripts/o-3");
    const o3 = elements.find((e) => e.name === "title" && e.parent?.attrs["data-id"] === "o-3")!;
    expect(o3.text).toBe("o-3: 40.0 (illegible); weakest signal language 0.30");
  });

  it("escapes untrusted names and ids, and drops characters XML forbids", () => {
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("\u0001");
    const desc = elements.find((e) => e.name === "desc")!;
    expect(desc.text).toContain(`evil<script>alert(1)</script>&"' ]]> model`);
    const weird = computeStats([
      {
        id: 'x"><script>1</script>',
        model: { id: "m\uD800" },
        legibility: { score: 10, signals: {} },
      },
    ]);
    const out = renderModelsSvg(weird, { linkPrefix: "https://example.org/t/", idPrefix: 'p"q' });
    expect(checkXml(out).problems).toEqual([]);
    expect(out).toContain('href="https://example.org/t/x%22%3E%3Cscript%3E1%3C%2Fscript%3E"');
    expect(out).not.toContain("\uD800");
    expect(xmlEscape(`<a href="x">&'`)).toBe("&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
  });

  it("readable in light and dark: currentColor only, with a prefers-color-scheme style", () => {
    const colours = [...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]);
    // currentColor, and "none" for the background card only the standalone style fills.
    expect(new Set(colours)).toEqual(new Set(["currentColor", "none"]));
    expect(svg).toContain(
      `<rect class="bg" x="0" y="0" width="760" height="${elements[0]!.attrs.height}" fill="none"/>`,
    );
    expect(svg).toMatch(/@media \(prefers-color-scheme:dark\)/);
  });

  it("is deterministic and renders an empty set", () => {
    expect(renderModelsSvg(computeStats([...fixtureItems()].reverse()))).toBe(svg);
    const empty = renderModelsSvg(computeStats([]));
    expect(checkXml(empty).problems).toEqual([]);
    expect(empty).toContain("No transcripts.");
  });
});
