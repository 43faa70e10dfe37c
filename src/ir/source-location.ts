/**
 * Source positions from a module's debug metadata (`clang -g`): the DIFile, DISubprogram and
 * DICompileUnit a location refers to, and the DILocation of an instruction (LangRef "Specialized
 * Metadata"). Only what a line table needs is kept: file and directory, line and column, and
 * the subprogram an instruction belongs to. They are optional everywhere: a module built
 * without -g has none, and nothing but debugging output depends on them.
 */

/** DIFile: a source file as the compiler named it, relative to `directory` unless absolute. */
export interface SourceFile {
  readonly name: string;
  readonly directory: string;
}

/** DISubprogram: a function's source name, its file and the line of its declaration. */
export interface Subprogram {
  readonly name: string;
  readonly file: SourceFile;
  readonly line: number;
  /** The line of the body's opening brace (`scopeLine`), 0 if unknown. */
  readonly scopeLine: number;
}

/** DILocation: where an instruction comes from. `file` is that of its innermost scope. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  readonly file: SourceFile;
  /** The subprogram the innermost scope belongs to (the inlined callee's, for inlined code). */
  readonly subprogram: Subprogram | undefined;
}

/** DICompileUnit: the translation unit's main file and producer. */
export interface CompileUnit {
  readonly file: SourceFile;
  readonly producer: string;
  /** DWARF language code (DW_LANG_C99 = 0x0c). */
  readonly language: number;
}
