import type { CountryCode } from "libphonenumber-js";
import { getCountries } from "libphonenumber-js";
import {
  normalizeEmail,
  normalizeNationalId,
  normalizePhone,
  normalizePostcode,
  normalizeSex,
  normalizeStreet,
  splitAddressLine,
} from "./normalize-contact.ts";
import { parseDate } from "./normalize-date.ts";
import { normalizeFamilyName, normalizeGivenName, splitFullName } from "./normalize-name.ts";
import { foldText } from "./normalize-text.ts";
import type { NormalizedPerson, RawPerson } from "./types.ts";

const countryCodes = new Set<string>(getCountries());
const countryNames: Record<string, CountryCode> = {
  USA: "US",
  "UNITED STATES": "US",
  "UNITED STATES OF AMERICA": "US",
  MEXICO: "MX",
  CANADA: "CA",
};

/** A small memo: raw values repeat heavily (names, dates, cities), so each distinct one is normalized once. */
function memo<T>(fn: (s: string) => T, limit = 1 << 20): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/**
 * Turns raw role values into a {@link NormalizedPerson}. Holds memo caches, so reuse one instance for a whole file.
 * Missing roles and unreadable values become the empty string / 0 (the comparisons' null level).
 */
export class PersonNormalizer {
  private readonly given = memo(normalizeGivenName);
  private readonly family = memo(normalizeFamilyName);
  private readonly full = memo(splitFullName);
  private readonly date = memo(parseDate);
  private readonly street = memo(normalizeStreet);
  private readonly addressLine = memo(splitAddressLine);
  private readonly text = memo(foldText);
  private readonly postcode = memo(normalizePostcode);

  /** Normalizes one raw record. */
  normalize(raw: RawPerson): NormalizedPerson {
    let given = raw.given_name ? this.given(raw.given_name) : "";
    let family = raw.family_name ? this.family(raw.family_name) : "";
    if ((given === "" || family === "") && raw.full_name) {
      const split = this.full(raw.full_name);
      if (given === "") given = split.given;
      if (family === "") family = split.family;
    }
    let streetNumber = raw.street_number ? foldText(raw.street_number).replace(/ /g, "") : "";
    let street = raw.street ? this.street(raw.street) : "";
    if (raw.address_line && (street === "" || streetNumber === "")) {
      const split = this.addressLine(raw.address_line);
      if (street === "") street = split.street;
      if (streetNumber === "") streetNumber = split.number;
    } else if (street !== "" && streetNumber === "" && raw.street && /^\s*\d/.test(raw.street)) {
      const split = this.addressLine(raw.street);
      street = split.street;
      streetNumber = split.number;
    }
    const country = raw.country ? this.text(raw.country) : "";
    const region = countryCodes.has(country) ? (country as CountryCode) : (countryNames[country] ?? "US");
    return {
      given,
      family,
      dob: raw.date_of_birth ? this.date(raw.date_of_birth) : 0,
      sex: raw.sex ? normalizeSex(raw.sex) : 0,
      streetNumber,
      street,
      address2: raw.address_line_2 ? this.text(raw.address_line_2) : "",
      postcode: raw.postcode ? this.postcode(raw.postcode) : "",
      city: raw.city ? this.text(raw.city) : "",
      state: raw.state ? this.text(raw.state) : "",
      phone: raw.phone ? normalizePhone(raw.phone, region) : "",
      email: raw.email ? normalizeEmail(raw.email) : "",
      nationalId: raw.national_id ? normalizeNationalId(raw.national_id) : "",
    };
  }
}
