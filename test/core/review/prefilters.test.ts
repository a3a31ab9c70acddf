import { describe, expect, it } from "vitest";
import { hasUserFolder } from "../../../lambdas/core/review/paths";
import { decoded } from "../../../lambdas/core/review/readings";

describe("the literal checks before the user-folder pattern", () => {
  it("let every form of a user's folder through", () => {
    for (const t of [
      "see /home/jroe/notes.txt",
      "at /home2/jroe/x",
      "in /homes/jroe/x",
      "open /Users/jroe/Desktop",
      "C:\\Users\\jroe\\Documents",
      "C:\\\\Users\\\\jroe\\\\Documents",
      "under /scratch/jroe/run1",
      "under /scratch3/jroe/run1",
      "on /work/jroe/data",
      "on /u/jroe/data",
      "in /data/users/jroe/x",
      "cd ~jroe && ls",
      "then ~jroe/bin",
    ])
      expect(hasUserFolder(t), t).toBe(true);
  });

  it("leave prose and shared folders alone", () => {
    for (const t of [
      "She drives home at 5/6 of the speed; users pay 3/4.",
      "the scratch pad and the work/life balance, 12/4 = 3",
      "/home/ubuntu/project and /work/src/",
      "Users of C:\\Program Files\\ say so",
    ])
      expect(hasUserFolder(t), t).toBe(false);
  });
});

describe("the literal checks before the reference pattern", () => {
  it("decode HTML references and written-out escapes", () => {
    expect(decoded("local&#64;domain.com")).toBe("local@domain.com");
    expect(decoded("local&commat;domain.com")).toBe("local@domain.com");
    expect(decoded("Night\\u006Aar")).toBe("Nightjar");
    expect(decoded("Night\\u{6A}ar")).toBe("Nightjar");
    expect(decoded("a\\x40b")).toBe("a@b");
  });

  it("leave a text whose backslashes are LaTeX's as it is", () => {
    expect(decoded("so \\frac{48}{2} = 24 and \\times 3")).toBeUndefined();
  });
});
