// Types of grammar/chevrotain-node.js: chevrotain's own.
export * from 'chevrotain';
