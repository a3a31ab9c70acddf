/**
 * Street types written in small letters, as French, Italian, Spanish, Portuguese and Catalan
 * write them inside a sentence or an address line ("8 rue des Lilas", "via Roma 10", "calle
 * Mayor 5"). Before, only the capitalised forms ("Rue de Tanger", "Via Roma 10") were found and
 * these addresses were published whole. The same words are ordinary words of English prose
 * ("via the API", "route 66", "place 3 orders"), which stay.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { ADDRESS } from "../../../lambdas/core/redact/address";
import { covers, found } from "./helpers";

const addresses = (text: string) => found(text).filter((f) => f.startsWith("ADDRESS:"));
/** The address detector's own spans, alone (no other detector's span merged in). */
const CTX = { internalDomains: [] };
const own = (text: string) => ADDRESS.detect(text, CTX).map((s) => text.slice(s.start, s.end));

describe("the number before a small-letter street type (French order)", () => {
  it.each([
    ["J'habite au 8 rue des Lilas depuis deux ans.", "8 rue des Lilas"],
    ["Son bureau est au 12 avenue Victor Hugo, au troisième.", "12 avenue Victor Hugo"],
    ["Écrivez-moi au 3 bd Haussmann, merci.", "3 bd Haussmann"],
    ["Le cabinet est au 14, rue de la Paix.", "14, rue de la Paix"],
    ["Rendez-vous au 21 rue d'Alésia demain.", "21 rue d'Alésia"],
    ["Elle vit au 5 place de l'Opéra.", "5 place de l'Opéra"],
    ["Livraison au 7 impasse du Moulin.", "7 impasse du Moulin"],
    ["Il habite 40 quai des Célestins.", "40 quai des Célestins"],
    ["L'adresse du client: 12 route de Lyon, puis à droite.", "12 route de Lyon"],
    ["Moro na 120 avenida Paulista.", "120 avenida Paulista"],
  ])("%j", (text, address) => {
    expect(
      own(text).some((a) => a.startsWith(address)),
      own(text).join(" | "),
    ).toBe(true);
    expect(covers(text, address)).toBe(true);
  });

  it("the probe: name, address and phone of one sentence are all redacted", () => {
    const text =
      "Je m'appelle Amélie Dubois, j'habite au 8 rue des Lilas, 75011 Paris, et mon numéro est 06 12 34 56 78.";
    expect(covers(text, "8 rue des Lilas, 75011 Paris")).toBe(true);
    expect(own(text)).toContain("8 rue des Lilas, 75011 Paris");
    // The sentence that goes on is not taken into the address.
    expect(addresses(text).join(" ")).not.toContain("numéro");
  });

  it("at the start of a text and of a line (an address block)", () => {
    expect(own("3 bd Haussmann, 75009 Paris")).toContain("3 bd Haussmann, 75009 Paris");
    const block = "Amélie Dubois\n8 rue des Lilas\n75011 Paris\nFrance";
    expect(own(block)).toEqual(["8 rue des Lilas\n75011 Paris\nFrance"]);
    expect(covers(block, "8 rue des Lilas\n75011 Paris\nFrance")).toBe(true);
  });
});

describe("the number after a small-letter street type (Italian, Spanish, Portuguese order)", () => {
  it.each([
    ["Abito in via Roma 10, 20121 Milano.", "via Roma 10, 20121 Milano"],
    ["Le siège est avenue Louise 54, 1050 Bruxelles.", "avenue Louise 54, 1050 Bruxelles"],
    ["Mi indirizzo è via Garibaldi 12, 10122 Torino e poi", "via Garibaldi 12, 10122 Torino"],
    ["La sede è in viale Monza 5 al secondo piano.", "viale Monza 5"],
    ["Ci vediamo in piazza Garibaldi 3 alle otto.", "piazza Garibaldi 3"],
    ["Il negozio è in corso Buenos Aires 12.", "corso Buenos Aires 12"],
    ["Moro na rua Augusta 1500, São Paulo.", "rua Augusta 1500, São Paulo"],
    ["Moro na rua Augusta, 1500.", "rua Augusta, 1500"],
    ["O escritório fica na avenida da Liberdade 200.", "avenida da Liberdade 200"],
    ["O endereço é av. Paulista, 1000.", "av. Paulista, 1000"],
    ["Vivo en calle Mayor 5, Madrid.", "calle Mayor 5, Madrid"],
    ["Envíalo a c/ Mayor 5, por favor.", "c/ Mayor 5"],
    ["La tienda está en paseo de Gracia 21.", "paseo de Gracia 21"],
    ["Vivo en calle de Alcalá 45.", "calle de Alcalá 45"],
    ["Visc al carrer de Mallorca 401.", "carrer de Mallorca 401"],
    ["Abito in via dei Fiorentini 17.", "via dei Fiorentini 17"],
    ["Send the parcel to via della Spiga 3 in Milan.", "via della Spiga 3"],
  ])("%j", (text, address) => {
    expect(
      own(text).some((a) => a.startsWith(address)),
      own(text).join(" | "),
    ).toBe(true);
    expect(covers(text, address)).toBe(true);
  });

  it("'via' with a post code and a city after it, wherever it stands", () => {
    const text = "Recapito: via Roma 10, 20121 Milano";
    expect(own(text).join(" ")).toContain("via Roma 10, 20121 Milano");
    expect(covers(text, "via Roma 10, 20121 Milano")).toBe(true);
  });
});

describe("the same words in ordinary prose stay", () => {
  it.each([
    "Send it via the API in 10 seconds.",
    "We reach the server via HTTP 2 and then retry.",
    "Install it via Python 3 and run the tests.",
    "The model was fine-tuned via Llama 3 weights.",
    "Upgrade via Node 20 first.",
    "Take route 66 to the next town.",
    "Place 3 orders, then place 5 more.",
    "They place 3 orders every week.",
    "Take avenue 5 of the plan and compare.",
    "The avenue of research 5 is open.",
    "Alice came in 2nd place in the race of 12 runners.",
    "She took 3 cours de maths this year.",
    "Go via Paris 2 times a year.",
    "So 12 route options remain, and 3 place holders.",
    "He came 1st in place 4 of the list.",
    "The calle is 5 meters wide.",
  ])("%j", (text) => {
    expect(own(text), text).toEqual([]);
    expect(
      detect(text).filter((s) => s.category === "ADDRESS"),
      text,
    ).toEqual([]);
  });
});
