// binary-parser 2.3.0 ships its types for the CommonJS entry only; under module "nodenext" the
// ESM entry ("import" condition) has none. Re-export the CommonJS declarations for it.
declare module "binary-parser" {
  export * from "binary-parser/dist/binary_parser.js";
}
