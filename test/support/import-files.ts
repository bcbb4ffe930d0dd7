/**
 * The import fixtures shared by the CLI and service tests (imports.test.ts), the API tests
 * (imports-api.test.ts) and the browser test (e2e/imports.test.ts): one person a row, two cases.
 */
export const IMPORT_HEADER =
  "caseRef,title,narrative,traffickingType,confirmation,incidentState,investigationStartedOn,personRef,role,givenName,familyName,dateOfBirth,sex,ageAtExploitation,citizenshipCountry,meansOfControl,exploitationTypes,industry,chargeStatute,chargeNibrsCode,chargeJurisdiction,chargeOutcome";

/** Two cases (C1: 2 victims and a suspect with two charges; C2: a victim and a suspect), 5 persons, 3 charges. */
export const IMPORT_GOOD = [
  IMPORT_HEADER,
  "C1,Harborview labor case,Workers held at the Zephyrine farm,labor,confirmed,TX,2025-03-01,v1,victim,Ana,Lopez,1990-05-02,female,25,MX,debt_bondage;threats,forced_labour,agriculture,,,,",
  "C1,Harborview labor case,,labor,confirmed,TX,2025-03-01,v2,victim,Juan,Perez,1988-01-09,male,31,GT,withholds_documents,forced_labour,agriculture,,,,",
  "C1,Harborview labor case,,labor,confirmed,TX,2025-03-01,s1,suspect,,,,male,45,,,,,18 U.S.C. 1589,64B,federal,convicted",
  "C1,Harborview labor case,,labor,confirmed,TX,2025-03-01,s1,suspect,,,,male,45,,,,,18 U.S.C. 1594,90Z,federal,",
  "C2,Motel case,,sex,open,NV,2025-06-10,v1,victim,Mia,Stone,2007-02-03,female,16,US,sexual_abuse,sexual,residential,,,,",
  "C2,Motel case,,sex,open,NV,2025-06-10,s1,suspect,,,,male,,,,,,18 U.S.C. 1591,64A,federal,",
].join("\r\n");

/** The good file with one bad cell: line 3 (Juan) has traffickingType "labour". */
export const IMPORT_ONE_BAD_ROW = IMPORT_GOOD.replace(
  "C1,Harborview labor case,,labor,confirmed,TX,2025-03-01,v2",
  "C1,Harborview labor case,,labour,confirmed,TX,2025-03-01,v2",
);
