/** The API's enums the pages offer, generated from openapi.json (`npm run openapi`), never copied by hand. */
export * from "../../client/vocabulary.gen.ts";

/** The value when it is one of the list's (a form field or the address bar may hold anything). */
export const oneOf = <T extends string>(list: readonly T[], value: string): T | undefined =>
  list.find((item) => item === value);
