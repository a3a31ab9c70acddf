/**
 * Postal addresses in Chinese, Japanese and Korean (`script-pii.ts`). Negatives sit next to an
 * address in the same string where they can, so that each test also fails without the detector.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { SCRIPT_PII } from "../../../lambdas/core/redact/script-pii";
import { found } from "./helpers";

const addresses = (text: string): string[] => found(text).filter((f) => f.startsWith("ADDRESS:"));

describe("Chinese addresses", () => {
  it("province, city, district, road and number, with the building, unit and room after it", () => {
    expect(addresses("我住在北京市朝阳区建国路88号。")).toEqual(["ADDRESS:北京市朝阳区建国路88号"]);
    expect(addresses("我住在广东省深圳市南山区科技园路1号5栋301室。")).toEqual([
      "ADDRESS:广东省深圳市南山区科技园路1号5栋301室",
    ]);
    expect(addresses("地址：杭州市西湖区文三路90号东部软件园3号楼2单元501室")).toEqual([
      "ADDRESS:杭州市西湖区文三路90号东部软件园3号楼2单元501室",
    ]);
    expect(addresses("我家住在成都市武侯区人民南路四段12号。")).toEqual([
      "ADDRESS:成都市武侯区人民南路四段12号",
    ]);
    expect(addresses("他住在香港特別行政區九龍彌敦道123號。")).toEqual([
      "ADDRESS:香港特別行政區九龍彌敦道123號",
    ]);
  });
  it("an estate and a building number", () => {
    expect(addresses("他住在阳光花园小区3栋2单元501。")).toEqual(["ADDRESS:阳光花园小区3栋2单元501"]);
  });
  it("not a metro line, a date, a bus or a place name on its own", () => {
    const t =
      "铁路5号线的列车每10分钟一班。三月5号我们去了动物园。这条路3号公交车经过学校。北京是中国的首都。";
    expect(detect(t)).toEqual([]);
    expect(addresses(t + "寄到上海市浦东新区世纪大道100号。")).toEqual([
      "ADDRESS:上海市浦东新区世纪大道100号",
    ]);
  });
  it("in an English transcript", () => {
    expect(addresses("Ship it to 北京市海淀区中关村大街27号, please.")).toEqual([
      "ADDRESS:北京市海淀区中关村大街27号",
    ]);
  });
});

describe("Japanese addresses", () => {
  it("a 〒 postcode with the address after it", () => {
    const t = "〒150-0043 東京都渋谷区道玄坂2-10-7に住んでいます。";
    const spans = detect(t);
    expect(spans).toHaveLength(1);
    expect(t.slice(spans[0]!.start, spans[0]!.end)).toBe("〒150-0043 東京都渋谷区道玄坂2-10-7");
  });
  it("block numbers after a city, ward, town or village", () => {
    expect(addresses("大阪府大阪市北区梅田3丁目1番1号に住んでいます。")).toEqual([
      "ADDRESS:大阪府大阪市北区梅田3丁目1番1号",
    ]);
    expect(addresses("横浜市中区山下町123番地")).toEqual(["ADDRESS:横浜市中区山下町123番地"]);
    expect(addresses("東京都千代田区丸の内1-1-1です。")).toEqual(["ADDRESS:東京都千代田区丸の内1-1-1"]);
  });
  it("not a section number, a count or a prefecture on its own", () => {
    const t = "第1章の2-3節を読んでください。りんごが3個あります。東京都の人口は約1400万人です。";
    expect(detect(t)).toEqual([]);
    expect(addresses(t + "横浜市中区山下町123番地")).toEqual(["ADDRESS:横浜市中区山下町123番地"]);
  });
});

describe("Korean addresses", () => {
  it("a road or lot address after a province, a city or a known district", () => {
    expect(addresses("서울특별시 강남구 테헤란로 123")).toEqual(["ADDRESS:서울특별시 강남구 테헤란로 123"]);
    expect(addresses("경기도 성남시 분당구 판교역로 235에 있습니다.")).toEqual([
      "ADDRESS:경기도 성남시 분당구 판교역로 235",
    ]);
    expect(addresses("부산광역시 해운대구 우동 1408번지")).toEqual([
      "ADDRESS:부산광역시 해운대구 우동 1408번지",
    ]);
    expect(addresses("강남구 테헤란로 123, 4층")).toEqual(["ADDRESS:강남구 테헤란로 123, 4층"]);
  });
  it("not the particle 로 before a number, nor a city on its own", () => {
    const t = "비율로 3을 나누면 답은 4입니다. 연구 결과로 3배 증가했습니다. 서울은 한국의 수도입니다.";
    expect(detect(t)).toEqual([]);
    expect(addresses(t + " 서울특별시 강남구 테헤란로 123")).toEqual([
      "ADDRESS:서울특별시 강남구 테헤란로 123",
    ]);
  });
});

describe("cost", () => {
  it("long runs of digits after a road, a unit or a place take linear time", () => {
    const ctx = { internalDomains: [] };
    const t0 = performance.now();
    SCRIPT_PII.detect("建国路88号" + "1".repeat(30) + "x", ctx);
    SCRIPT_PII.detect("阳光小区3栋" + "2".repeat(30) + "x", ctx);
    SCRIPT_PII.detect("東京都渋谷区" + "1".repeat(20000) + "番", ctx);
    SCRIPT_PII.detect("서울특별시 강남구 " + "1".repeat(20000), ctx);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
