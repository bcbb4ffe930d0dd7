import { readFileSync } from "node:fs";
import { fromRoot } from "./paths.ts";

/** Harbor's version, from package.json. */
export const version: string = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version;
