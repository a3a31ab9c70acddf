/**
 * rt8 #4: full names whose words the lexicon lacked were published — in `git log` lines, trailers,
 * mail headers, vCards, calendar invitations, signatures and JSON name fields. Names in these
 * structural positions are taken whatever their words; the lexicon has the names common at AI
 * labs it lacked; hyphenated given names are taken whole. And two false positives of terminal
 * output ("Login Succeeded", "Last login: Mon Nov 30").
 */
import { describe, expect, it } from "vitest";
import { redactTranscript } from "../../../lambdas/core/redact";
import { found } from "./helpers";

// Addresses built at run time (no personal-looking data in the repo's plain text).
const at = (local: string, host = "example.org") => local + "@" + host;

/** A transcript with one tool call of `args`, redacted, as JSON. */
function redactedCall(name: string, args: object): string {
  const t = redactTranscript(
    {
      schema: "cotshare/transcript@1",
      id: "t",
      model: { id: "m" },
      messages: [
        {
          role: "assistant",
          parts: [{ type: "tool_call", id: "c1", name, arguments: JSON.stringify(args) }],
        },
      ],
    } as never,
    { hmacKey: "k" },
  );
  return JSON.stringify(t.transcript);
}

function persons(text: string): string[] {
  return found(text)
    .filter((f) => f.startsWith("PERSON:"))
    .map((f) => f.slice(7));
}

describe("names in structural positions", () => {
  it("the display name before an address in angle brackets (git log %an <%ae>)", () => {
    const log =
      `3f2a9b1 Haoran Xu <${at("hxu", "users.noreply.github.com")}> fix race in scheduler\n` +
      `1a2b3c4 Jiwoo Park <${at("jpark", "users.noreply.github.com")}> bump deps`;
    expect(persons(log)).toEqual(["Haoran Xu", "Jiwoo Park"]);
    // Words no lexicon holds: the position says it is a name.
    expect(persons(`Qorvath Zendrix <${at("qz")}>`)).toEqual(["Qorvath Zendrix"]);
    expect(persons(`"Qorvath Zendrix" <⟦EMAIL_2⟧>`)).toEqual(["Qorvath Zendrix"]);
  });
  it("trailers and mail headers", () => {
    expect(persons(`Signed-off-by: Priya Raghunathan <${at("priya")}>`)).toEqual(["Priya Raghunathan"]);
    expect(persons(`Co-authored-by: Qorvath Zendrix <${at("qz")}>`)).toEqual(["Qorvath Zendrix"]);
    expect(persons("Reviewed-by: Qorvath Zendrix")).toEqual(["Qorvath Zendrix"]);
    expect(persons("From: Qorvath Zendrix\nTo: Ulmar Pexto, Brindel Quorst\nCc: Yifan Ma")).toEqual([
      "Qorvath Zendrix",
      "Ulmar Pexto",
      "Brindel Quorst",
      "Yifan Ma",
    ]);
  });
  it("vCard FN and N, iCalendar CN", () => {
    expect(persons("BEGIN:VCARD\nFN:Qorvath Zendrix\nN:Zendrix;Qorvath;;;\nEND:VCARD")).toEqual([
      "Qorvath Zendrix",
      "Zendrix",
      "Qorvath",
    ]);
    const ics = `ORGANIZER;CN=Qorvath Zendrix:mailto:${at("qz")}\nATTENDEE;ROLE=REQ-PARTICIPANT;CN="Ulmar Pexto";RSVP=TRUE:mailto:${at("up")}`;
    expect(persons(ics)).toEqual(["Qorvath Zendrix", "Ulmar Pexto"]);
  });
  it("a signature after a closing word, a hyphenated given name whole", () => {
    expect(persons("Thanks for the review.\n\nBest,\nSeo-yeon Park")).toEqual(["Seo-yeon Park"]);
    expect(persons("Regards,\nQorvath")).toEqual(["Qorvath"]);
    expect(persons("I asked Seo-yeon Park about it.")).toEqual(["Seo-yeon Park"]);
  });
  it("JSON name fields in tool-call arguments", () => {
    const args = redactedCall("create_event", {
      user: { first: "Lars", last: "Lindqvist" },
      owner: { firstName: "Tom", lastName: "Becker" },
      attendees: ["Jiwoo Park"],
    });
    for (const v of ["Lars", "Lindqvist", "Tom", "Becker", "Jiwoo"]) expect(args).not.toContain(v);
  });
  it("name fields whose words no lexicon holds or that are also English words", () => {
    const args = redactedCall("invite", {
      first: "Will",
      last: "Qorvath",
      attendees: ["Ulmar Pexto", "Brindel Quorst"],
      organizer: "Zendrix Aldo",
    });
    for (const v of ["Will", "Qorvath", "Ulmar", "Pexto", "Brindel", "Zendrix"])
      expect(args).not.toContain(v);
  });
});

describe("the lexicon: names common at AI labs", () => {
  it("given names and family names it lacked", () => {
    for (const n of [
      "Lars Lindqvist",
      "Priya Raghunathan",
      "Rahul Mehta",
      "Sanjay Demir",
      "Vikram Nair",
      "Deepak Ma",
      "Hiroshi Tanaka",
      "Kenji Sato",
      "Dmitri Volkov",
      "Sergei Ivanov",
      "Nils Holm",
      "Minjun Kang",
      "Yifan Lin",
      "Haoran Xu",
      "Jiwoo Park",
      "Amit He",
    ])
      expect(persons(`I checked with ${n} and the migration is safe.`)).toEqual([n]);
    expect(persons("WHERE last_name = 'Raghunathan'")).toEqual(["Raghunathan"]);
  });
});

describe("no names in ordinary text", () => {
  it("terminal output", () => {
    expect(persons("$ docker login registry.example.com\nLogin Succeeded")).toEqual([]);
    expect(persons("Last login: Mon Nov 30 06:01:02 2026 from 10.0.0.1")).toEqual([]);
    expect(persons("Login Failed")).toEqual([]);
  });
  it("headers, signatures and angle brackets that hold no person", () => {
    expect(persons(`From: GitHub Support <${at("support", "github.com")}>`)).toEqual([]);
    expect(persons(`To: Platform Team <${at("platform")}>`)).toEqual([]);
    expect(persons("From: the logs, the error is clear.")).toEqual([]);
    expect(persons("To: do this we need a map")).toEqual([]);
    expect(persons("From: Wikipedia, the free encyclopedia")).toEqual([]);
    expect(persons("From: Qorvath, the free encyclopedia")).toEqual([]);
    expect(persons("last: Qorvath")).toEqual(["Qorvath"]);
    expect(persons("Thanks,\nThe Team")).toEqual([]);
    expect(persons("Vec<String> and Map<Key, Value> in Rust")).toEqual([]);
    expect(persons("So the answer is 42.\nThe Park is 3 km away.")).toEqual([]);
    expect(persons("Central Park is large.")).toEqual([]);
    // ("Hyde" is a name of the lexicon on its own, as before; the park is not taken with it.)
    expect(persons("Hyde Park is large.")).not.toContain("Hyde Park");
    expect(persons("I think he said so. He is right.")).toEqual([]);
  });
});
