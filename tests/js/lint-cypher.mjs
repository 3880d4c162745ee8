// Lint a Cypher script with Neo4j's own parser (@neo4j-cypher/language-support).
// Usage: node lint-cypher.mjs FILE.cypher
// Prints one line per diagnostic; exits 1 on any error-severity diagnostic, 2 on usage errors.
import { readFileSync } from "node:fs";
import { lintCypherQuery } from "@neo4j-cypher/language-support";

const ERROR = 1; // DiagnosticSeverity.Error in the language server protocol

const file = process.argv[2];
if (!file) {
  console.error("usage: node lint-cypher.mjs FILE.cypher");
  process.exit(2);
}
const query = readFileSync(file, "utf8");
const { diagnostics } = lintCypherQuery(query, {}, { consoleCommandsEnabled: false });
let errors = 0;
for (const d of diagnostics) {
  const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const kind = d.severity === ERROR ? "error" : "warning";
  if (d.severity === ERROR) errors += 1;
  console.log(`${where}: ${kind}: ${d.message}`);
}
console.log(`${errors} error(s), ${diagnostics.length - errors} warning(s) in ${query.length} characters`);
process.exit(errors ? 1 : 0);
