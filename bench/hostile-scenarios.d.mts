/** `count` hostile scenario sources (syntax junk, many keys, alias bombs, long scalars, deep nesting), each under `maxBytes`. */
export declare function hostileSources(count?: number, maxBytes?: number): string[];
