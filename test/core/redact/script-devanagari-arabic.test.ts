/**
 * Person names in Hindi (Devanagari) and Arabic after a cue (`script-pii.ts`): "my name is", a
 * title, a form label, or a common family name. Negatives sit next to a name in the same string.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { found } from "./helpers";

const persons = (text: string): string[] => found(text).filter((f) => f.startsWith("PERSON:"));

describe("Hindi names", () => {
  it("after मेरा नाम, a title or a form label; a given name before a common family name", () => {
    expect(persons("मेरा नाम राहुल शर्मा है और मैं दिल्ली में रहता हूँ।")).toEqual(["PERSON:राहुल शर्मा"]);
    expect(persons("श्रीमती सुनीता वर्मा ने फ़ोन किया।")).toEqual(["PERSON:सुनीता वर्मा"]);
    expect(persons("डॉ. अमित गुप्ता से मिलिए।")).toEqual(["PERSON:अमित गुप्ता"]);
    expect(persons("नाम: प्रिया सिंह")).toEqual(["PERSON:प्रिया सिंह"]);
    expect(persons("कल राहुल शर्मा आए थे।")).toEqual(["PERSON:राहुल शर्मा"]);
  });
  it("not ordinary prose, maths reasoning or a lion", () => {
    const t =
      "भारत की राजधानी नई दिल्ली है। पहले हम कुल संख्या निकालते हैं: 5 और 3 मिलकर 8 होते हैं। " +
      "जंगल का सिंह बहुत ताकतवर होता है। आपकी राय क्या है? श्रीलंका एक देश है।";
    expect(detect(t)).toEqual([]);
    expect(persons(t + " मेरा नाम प्रिया है।")).toEqual(["PERSON:प्रिया"]);
  });
});

describe("Arabic names", () => {
  it("after اسمي, a title or a form label", () => {
    expect(persons("اسمي أحمد محمد وأسكن في القاهرة.")).toEqual(["PERSON:أحمد محمد"]);
    expect(persons("السيد خالد العتيبي سيحضر الاجتماع.")).toEqual(["PERSON:خالد العتيبي"]);
    expect(persons("الدكتورة فاطمة الزهراء طبيبة.")).toEqual(["PERSON:فاطمة الزهراء"]);
    expect(persons("الاسم: سارة علي")).toEqual(["PERSON:سارة علي"]);
  });
  it("not a role after a title, prose or maths reasoning", () => {
    const t = "السيد الرئيس والسيد الوزير حضرا. عاصمة مصر هي القاهرة. أولا نحسب المجموع: 5 زائد 3 يساوي 8.";
    expect(detect(t)).toEqual([]);
    expect(persons(t + " اسمي سارة.")).toEqual(["PERSON:سارة"]);
  });
});
