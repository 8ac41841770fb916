// Derives spec/crisp-sdk-endpoints.tsv, the table of the REST endpoints the official Node SDK calls, from the
// SDK's own TypeScript sources: for every method of `lib/resources/*.ts`, the HTTP method and route it passes
// to `this.crisp.<verb>(this.crisp.prepareRestUrl([...]), query, body)` and the names of the query parameters
// it can send. The table is the checklist `tests/tests/crisp_sdk_endpoints.rs` holds the crate to; that test
// also runs this script on the pinned package and fails when the committed table differs.
//
// Usage: node scripts/crisp-sdk-endpoints.mjs <node_modules dir holding crisp-api and typescript>
// The test installs both, pinned, into target/ (see `tests/src/sdk.rs`); to refresh the table by hand:
//   npm install --prefix /tmp/sdk crisp-api@11.3.0 typescript@5.6.3
//   node scripts/crisp-sdk-endpoints.mjs /tmp/sdk/node_modules > spec/crisp-sdk-endpoints.tsv

import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node scripts/crisp-sdk-endpoints.mjs <node_modules dir>");
  process.exit(2);
}
const ts = createRequire(join(modules, "typescript", "package.json"))("typescript");
const sdk = join(modules, "crisp-api");
const version = JSON.parse(readFileSync(join(sdk, "package.json"), "utf8")).version;
const resources = join(sdk, "lib", "resources");
const VERBS = new Set(["get", "head", "post", "put", "patch", "delete"]);

// `websiteID` -> `website_id`, `pageNumber` -> `page_number`, `String(fingerprint)` -> `fingerprint`.
function pathParameter(expression) {
  const name = expression.replace(/^String\((.*)\)$/, "$1");
  return name.replace(/ID$/, "Id").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

// The members of the interfaces and object types a type names, through unions and `extends`.
function membersOf(type, declarations, seen = new Set()) {
  if (!type) return [];
  if (ts.isUnionTypeNode(type)) return type.types.flatMap((t) => membersOf(t, declarations, seen));
  if (ts.isTypeLiteralNode(type)) return type.members.filter((m) => m.name).map((m) => m.name.getText());
  if (ts.isTypeReferenceNode(type)) return membersOfNamed(type.typeName.getText(), declarations, seen);
  return [];
}

function membersOfNamed(name, declarations, seen) {
  if (seen.has(name) || !declarations.has(name)) return [];
  seen.add(name);
  const declaration = declarations.get(name);
  if (ts.isTypeAliasDeclaration(declaration)) return membersOf(declaration.type, declarations, seen);
  const inherited = (declaration.heritageClauses || []).flatMap((clause) =>
    clause.types.flatMap((t) => membersOfNamed(t.expression.getText(), declarations, seen)));
  return [...inherited, ...declaration.members.filter((m) => m.name).map((m) => m.name.getText())];
}

// The query names a method can send: the keys of an object literal passed as the query, of the `query`
// object it builds, and those it assigns to `query.<key>`; or the members of the type of the argument it
// passes through.
function queryNames(method, queryArgument, declarations) {
  const names = [];
  const keysOf = (object) => object.properties.map((p) => p.name.getText());
  if (queryArgument && ts.isObjectLiteralExpression(queryArgument)) names.push(...keysOf(queryArgument));
  if (queryArgument && ts.isIdentifier(queryArgument)) {
    const parameter = method.parameters.find((p) => p.name.getText() === queryArgument.text);
    if (parameter) names.push(...membersOf(parameter.type, declarations));
  }
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === "query" && node.initializer
        && ts.isObjectLiteralExpression(node.initializer)) {
      names.push(...keysOf(node.initializer));
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
        && ts.isPropertyAccessExpression(node.left) && node.left.expression.getText() === "query") {
      names.push(node.left.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(method);
  return [...new Set(names)];
}

const rows = [];
for (const file of readdirSync(resources).filter((f) => f.endsWith(".ts")).sort()) {
  const source = ts.createSourceFile(file, readFileSync(join(resources, file), "utf8"), ts.ScriptTarget.Latest, true);
  const declarations = new Map();
  const classes = [];
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) declarations.set(node.name.text, node);
    if (ts.isClassDeclaration(node)) classes.push(node);
  });
  const resource = file.replace(/\.ts$/, "");
  for (const method of classes.flatMap((c) => c.members.filter(ts.isMethodDeclaration))) {
    let call = null;
    const find = (node) => {
      if (!call && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
          && node.expression.expression.getText() === "this.crisp" && VERBS.has(node.expression.name.text)) {
        call = node;
      }
      ts.forEachChild(node, find);
    };
    find(method);
    if (!call) continue;
    const [url, query] = call.arguments;
    const segments = url.arguments[0].elements.map((e) =>
      ts.isStringLiteral(e) ? e.text : `{${pathParameter(e.getText())}}`);
    rows.push([
      resource,
      method.name.getText(),
      call.expression.name.text.toUpperCase(),
      "/" + segments.join("/"),
      queryNames(method, query, declarations).join(","),
    ]);
  }
}

console.log(`# The REST endpoints of the official Node SDK, npm crisp-api ${version}: one row per method of`);
console.log("# lib/resources/*.ts. Derived by scripts/crisp-sdk-endpoints.mjs (see its head for how to refresh it);");
console.log("# tests/tests/crisp_sdk_endpoints.rs checks that every row is an operation of the crate. Do not edit.");
console.log(["resource", "sdk_method", "http_method", "path", "query"].join("\t"));
for (const row of rows) console.log(row.join("\t"));
