// What the front end needs from its surroundings: reading the files `use` names. The CLI passes a host over
// node:fs (node-host.ts); the playground passes one over its bundled stdlib.

export interface Host {
  /**
   * The text of a file, or undefined when there is none. Paths are the script's path joined with what `use`
   * wrote (absolute when the script's path is), or under `stdlibDir`.
   */
  readFile(absPath: string): string | undefined;
  /** Where `use NAME` looks: NAME.mon and economies/NAME.mon under it. */
  stdlibDir?: string;
}
