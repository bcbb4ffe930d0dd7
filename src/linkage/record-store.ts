import { doubleMetaphone } from "double-metaphone";
import { newPairCaches, type PairCaches } from "./compare-fields.ts";
import { MASK_STRIDE, setCharMask } from "./jw-bound.ts";
import { canonicalGivenName } from "./normalize-name.ts";
import { F, FIELD_COUNT, type InternKind, R, ROW } from "./record-layout.ts";
import { growInt32, growUint8, type PoolView, StringPool } from "./string-pool.ts";
import type { NormalizedPerson } from "./types.ts";

/** Integer columns of a {@link RecordStore}, one entry per record (-1 = missing, except dob/sex where 0 = missing). */
const intColumns = [
  "given",
  "family",
  "dob",
  "streetNumber",
  "street",
  "address2",
  "postcode",
  "city",
  "state",
  "phone",
  "email",
  "nationalId",
] as const;
type IntColumn = (typeof intColumns)[number];

/**
 * Everything a comparator or blocking rule reads, as typed arrays over shared memory. Workers rebuild the same
 * object from the buffers, so the main thread and workers compare identical data without copying.
 */
export interface StoreView {
  n: number;
  given: Int32Array;
  family: Int32Array;
  dob: Int32Array;
  sex: Uint8Array;
  /** Which input a record came from (0 left, 1 right) when linking two files. */
  source: Uint8Array;
  streetNumber: Int32Array;
  street: Int32Array;
  address2: Int32Array;
  postcode: Int32Array;
  city: Int32Array;
  state: Int32Array;
  phone: Int32Array;
  email: Int32Array;
  nationalId: Int32Array;
  /** Per name id: the id of its canonical form (nickname or transliteration folded), used for "nickname" levels. */
  nameCanon: Int32Array;
  /** Per name id: Double Metaphone primary and secondary code ids. */
  nameDm1: Int32Array;
  nameDm2: Int32Array;
  /** Per e-mail id: id of its local part (before the @). */
  emailLocal: Int32Array;
  /** Per name / e-mail id: character-set mask and length (MASK_STRIDE int32) for the Jaro-Winkler bounds (jw-bound.ts). */
  nameMask: Int32Array;
  emailMask: Int32Array;
  /** Per street / city / second-line id: the same masks, for their similarity levels. */
  streetMask: Int32Array;
  cityMask: Int32Array;
  address2Mask: Int32Array;
  /** Per record, {@link ROW} int32 laid out as {@link R}: the comparison stage's only per-record read. */
  rows: Int32Array;
  names: PoolView;
  streets: PoolView;
  /** House numbers, second address lines, cities and postcodes: compared as strings (typos), so pooled. */
  streetNumbers: PoolView;
  address2s: PoolView;
  cities: PoolView;
  postcodes: PoolView;
  emails: PoolView;
  phones: PoolView;
  ids: PoolView;
  /** Level memos of the comparators; per store (and per worker), never shared. */
  caches: PairCaches;
}

/**
 * A columnar, append-only store of normalized people. Values are interned per field, so equality is an integer
 * comparison and derived values (metaphone codes, nickname canon) are computed once per distinct value.
 */
export class RecordStore {
  n = 0;
  private capacity = 1024;
  private readonly cols = {} as Record<IntColumn, Int32Array>;
  private sex: Uint8Array = new Uint8Array(new SharedArrayBuffer(this.capacity));
  private source: Uint8Array = new Uint8Array(new SharedArrayBuffer(this.capacity));
  readonly names = new StringPool();
  readonly streets = new StringPool();
  readonly streetNumbers = new StringPool();
  readonly address2s = new StringPool();
  readonly cities = new StringPool();
  readonly postcodes = new StringPool();
  readonly emails = new StringPool();
  readonly phones = new StringPool();
  readonly ids = new StringPool();
  /** Plain dictionaries: only equality matters for these fields. */
  private readonly small = {
    state: new Map<string, number>(),
    codes: new Map(),
    // Own table (not "codes"), so ids do not depend on how names and e-mails interleave (parallel loading).
    emailLocal: new Map(),
  } as Record<string, Map<string, number>>;
  private nameCanon: Int32Array = new Int32Array(new SharedArrayBuffer(4096));
  private nameDm1: Int32Array = new Int32Array(new SharedArrayBuffer(4096));
  private nameDm2: Int32Array = new Int32Array(new SharedArrayBuffer(4096));
  private emailLocal: Int32Array = new Int32Array(new SharedArrayBuffer(4096));
  private nameMask: Int32Array = new Int32Array(new SharedArrayBuffer(1024 * MASK_STRIDE * 4));
  private emailMask: Int32Array = new Int32Array(new SharedArrayBuffer(1024 * MASK_STRIDE * 4));
  private streetMask: Int32Array = new Int32Array(new SharedArrayBuffer(1024 * MASK_STRIDE * 4));
  private cityMask: Int32Array = new Int32Array(new SharedArrayBuffer(1024 * MASK_STRIDE * 4));
  private address2Mask: Int32Array = new Int32Array(new SharedArrayBuffer(1024 * MASK_STRIDE * 4));
  private rows: Int32Array = new Int32Array(new SharedArrayBuffer(this.capacity * ROW * 4));
  private cachedView: StoreView | undefined;
  private readonly scratch = new Int32Array(FIELD_COUNT);
  private readonly caches = newPairCaches();

  constructor() {
    for (const c of intColumns) this.cols[c] = new Int32Array(new SharedArrayBuffer(this.capacity * 4));
  }

  private dict(kind: string, value: string): number {
    if (value === "") return -1;
    const map = this.small[kind]!;
    let id = map.get(value);
    if (id === undefined) {
      id = map.size;
      map.set(value, id);
    }
    return id;
  }

  /** Interns a name, computing its canonical form and phonetic codes the first time it is seen. */
  private name(value: string): number {
    if (value === "") return -1;
    const before = this.names.count;
    const id = this.names.intern(value);
    if (id === before) {
      if (this.nameCanon.length <= id) {
        const size = (id + 1) * 2;
        this.nameCanon = growInt32(this.nameCanon, size);
        this.nameDm1 = growInt32(this.nameDm1, size);
        this.nameDm2 = growInt32(this.nameDm2, size);
        this.nameMask = growInt32(this.nameMask, size * MASK_STRIDE);
      }
      setCharMask(value, this.nameMask, id);
      const canon = canonicalGivenName(value);
      // Interning the canonical form may grow the arrays: compute it before indexing into them.
      const canonId = canon === value ? id : this.name(canon);
      this.nameCanon[id] = canonId;
      const [p, s] = doubleMetaphone(value);
      this.nameDm1[id] = p ? this.dict("codes", p) : -1;
      this.nameDm2[id] = s ? this.dict("codes", s) : -1;
    }
    return id;
  }

  private email(value: string): number {
    if (value === "") return -1;
    const before = this.emails.count;
    const id = this.emails.intern(value);
    if (id === before) {
      if (this.emailLocal.length <= id) {
        this.emailLocal = growInt32(this.emailLocal, (id + 1) * 2);
        this.emailMask = growInt32(this.emailMask, (id + 1) * 2 * MASK_STRIDE);
      }
      setCharMask(value, this.emailMask, id);
      this.emailLocal[id] = this.dict("emailLocal", `@${value.slice(0, value.lastIndexOf("@"))}`);
    }
    return id;
  }

  /** Interns into a pool whose strings also get a character-set mask (jw-bound.ts) the first time they are seen. */
  private masked(pool: StringPool, value: string, mask: "streetMask" | "cityMask" | "address2Mask"): number {
    const before = pool.count;
    const id = pool.intern(value);
    if (id === before) {
      if (this[mask].length < (id + 1) * MASK_STRIDE)
        this[mask] = growInt32(this[mask], (id + 1) * 2 * MASK_STRIDE);
      setCharMask(value, this[mask], id);
    }
    return id;
  }

  /** Interns one normalized value of a field kind (the empty string is missing: -1). */
  intern(kind: InternKind, value: string): number {
    if (value === "") return -1;
    switch (kind) {
      case "name":
        return this.name(value);
      case "street":
        return this.masked(this.streets, value, "streetMask");
      case "streetNumber":
        return this.streetNumbers.intern(value);
      case "address2":
        return this.masked(this.address2s, value, "address2Mask");
      case "city":
        return this.masked(this.cities, value, "cityMask");
      case "postcode":
        return this.postcodes.intern(value);
      case "phone":
        return this.phones.intern(value);
      case "email":
        return this.email(value);
      case "nationalId":
        return this.ids.intern(value);
      default:
        return this.dict(kind, value);
    }
  }

  /** Appends a person and returns its record index. */
  add(p: NormalizedPerson, source = 0): number {
    const v = this.scratch;
    v[F.given] = this.name(p.given);
    v[F.family] = this.name(p.family);
    v[F.dob] = p.dob;
    v[F.sex] = p.sex;
    v[F.streetNumber] = this.intern("streetNumber", p.streetNumber);
    v[F.street] = this.intern("street", p.street);
    v[F.address2] = this.intern("address2", p.address2);
    v[F.postcode] = this.intern("postcode", p.postcode);
    v[F.city] = this.intern("city", p.city);
    v[F.state] = this.dict("state", p.state);
    v[F.phone] = this.intern("phone", p.phone);
    v[F.email] = this.email(p.email);
    v[F.nationalId] = this.intern("nationalId", p.nationalId);
    return this.addInterned(v, 0, source);
  }

  /**
   * Appends a record whose values are already interned by {@link intern}: `values[at + F.x]` for each field of
   * {@link F} (dob as YYYYMMDD and sex as a code, as in {@link NormalizedPerson}). The parallel loader uses this.
   */
  addInterned(values: ArrayLike<number>, at: number, source = 0): number {
    const i = this.n;
    if (i >= this.capacity) {
      this.capacity *= 2;
      for (const c of intColumns) this.cols[c] = growInt32(this.cols[c], this.capacity);
      this.sex = growUint8(this.sex, this.capacity);
      this.source = growUint8(this.source, this.capacity);
      this.rows = growInt32(this.rows, this.capacity * ROW);
    }
    const c = this.cols;
    const r = this.rows;
    const o = i * ROW;
    for (const col of intColumns) {
      const value = values[at + F[col]]!;
      c[col][i] = value;
      r[o + R[col]] = value;
    }
    const sex = values[at + F.sex]!;
    this.sex[i] = sex;
    r[o + R.sex] = sex;
    this.source[i] = source;
    const email = c.email[i]!;
    r[o + R.emailLocal] = email >= 0 ? this.emailLocal[email]! : -1;
    this.n++;
    this.cachedView = undefined;
    return i;
  }

  /** A consistent typed-array view of the current contents (cheap; cached until the next `add`). */
  view(): StoreView {
    if (this.cachedView) return this.cachedView;
    const c = this.cols;
    this.cachedView = {
      n: this.n,
      ...c,
      sex: this.sex,
      source: this.source,
      nameCanon: this.nameCanon,
      nameDm1: this.nameDm1,
      nameDm2: this.nameDm2,
      emailLocal: this.emailLocal,
      nameMask: this.nameMask,
      emailMask: this.emailMask,
      streetMask: this.streetMask,
      cityMask: this.cityMask,
      address2Mask: this.address2Mask,
      rows: this.rows,
      names: this.names.view(),
      streets: this.streets.view(),
      streetNumbers: this.streetNumbers.view(),
      address2s: this.address2s.view(),
      cities: this.cities.view(),
      postcodes: this.postcodes.view(),
      emails: this.emails.view(),
      phones: this.phones.view(),
      ids: this.ids.view(),
      caches: this.caches,
    };
    return this.cachedView;
  }
}
