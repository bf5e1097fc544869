import fc from "fast-check";

/**
 * Shared by the property tests. Runs are modest so `vitest run` stays fast; a failure prints its seed.
 * Replay one with FC_SEED=<seed>, or search harder with FC_NUM_RUNS=10000 (the stress run).
 */
export const propertyRuns: fc.Parameters<unknown> = {
  numRuns: Number(process.env.FC_NUM_RUNS ?? 100),
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

/** Any UTF-16 code unit: NUL, controls, lone surrogates, bidi overrides, the replacement character. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const nastyCodeUnit = fc.constantFrom("\u0000", "\t", "\r", "\n", "\u001b", "\u007f", "\u0085", "\u2028", "\u202e", "\u2066", "\ud800", "\udfff", "\ufeff", "\ufffd");

export const anyCodeUnitString = fc.string({ unit: anyCodeUnit, maxLength: 40 });

/** Text a person could type in any language, and should be able to. */
export const typedText = fc.string({ unit: "grapheme", maxLength: 40 });

const sqlAndMarkup = fc.constantFrom(
  "' OR 1=1 --",
  "'; DROP TABLE members; --",
  "%",
  "_",
  "\\",
  "\\%",
  "$1",
  "<script>alert(1)</script>",
  "=HYPERLINK(\"http://evil.test\",\"click\")",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "__proto__",
  "constructor",
);

/** Strings an attacker or a broken client would send: mostly short, sometimes 10 kB. */
export const hostileString = fc.oneof(
  { arbitrary: anyCodeUnitString, weight: 4 },
  { arbitrary: fc.tuple(typedText, nastyCodeUnit, typedText).map((parts) => parts.join("")), weight: 3 },
  { arbitrary: sqlAndMarkup, weight: 2 },
  { arbitrary: fc.tuple(anyCodeUnitString, fc.integer({ min: 1, max: 10 })).map(([text, kb]) => (text || "x").repeat(Math.ceil((kb * 1024) / (text.length || 1)))), weight: 1 },
);

/** Any JSON-ish value a hand-made request could carry where a string is expected. */
export const hostileValue = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: fc.anything({ maxDepth: 2 }), weight: 2 },
  { arbitrary: fc.array(hostileString, { maxLength: 3 }), weight: 1 },
);

/** Addresses in the shape z.email() accepts, in any letter case and with surrounding spaces. */
export const acceptableEmail = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9_+-]{1,20}$/),
    fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,10}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[A-Za-z]{2,6}$/),
    fc.constantFrom("", " ", "  ", "\t"),
  )
  .map(([local, labels, tld, padding]) => `${padding}${local}@${labels.join(".")}.${tld}${padding}`);

/** A name a person really has: typed text, no controls, not starting like a formula, 1 to 100 characters. */
export const acceptableName = typedText
  .map((text) => text.trim())
  .filter((text) => text.length >= 1 && text.length <= 100 && !/^[=+\-@]/.test(text))
  .filter((text) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]/.test(text));

/** Otherwise-valid text with one hostile code unit inside it, where trimming cannot remove it. */
export const withNastyCharacterInside = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, nastyCodeUnit, fc.nat()).map(([valid, nasty, at]) => {
    const position = 1 + (at % Math.max(1, valid.length - 1));
    return `${valid.slice(0, position)}${nasty}${valid.slice(position)}x`;
  });
