/** The vocabularies the directory pages offer: the API's own enums (see ../../vocabulary.ts). */
export {
  CITIZENSHIP,
  CRIME_TYPES,
  EXPLOITATION,
  FUNCTIONS,
  NEEDS,
  POPULATIONS,
  REQUESTERS,
  VISA,
} from "../../vocabulary.ts";
