import { buildWeb } from "../src/web-build.ts";

await buildWeb();
process.stderr.write("Built the web app into web/dist.\n");
