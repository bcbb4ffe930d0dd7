/** The vocabularies the pages offer, the same lists the API validates (directory.schema.ts, routing.schema.ts). */
export {
  CRIME_TYPES,
  FUNCTIONS,
  POPULATIONS,
  REQUESTERS,
} from "../../../../src/modules/directory/directory.schema.ts";
export { CITIZENSHIP, EXPLOITATION, NEEDS, VISA } from "../../../../src/modules/routing/routing.schema.ts";
