// Import rules for src/ and web/src, checked by `npm run lint` (npx depcruise src web/src):
// - no import cycles;
// - the faces (CLI, HTTP server, report, web dashboard) do not import from one another: what two
//   faces share lives below them, in the library;
// - the library (src/ outside the faces) never imports from a face.
// One allowance: the CLI is the program's launcher, so its `serve` and `report` commands start the
// server and render the report through those faces' entry points, and through nothing else of theirs.
const FACES = ['src/cli', 'src/server', 'src/report', 'web/src'];
const rx = (path) => path.replace(/[.]/g, '\\.');
const anyOf = (paths) => `^(${paths.map(rx).join('|')})/`;

/** The CLI command that launches a face, and that face's entry points. */
const LAUNCHERS = [
  { from: 'src/cli/commands/serve.ts', entries: ['src/server/serve.ts'] },
  { from: 'src/cli/commands/report.ts', entries: ['src/report/report.ts', 'src/report/pdf.ts'] },
];
const ENTRIES = LAUNCHERS.flatMap((l) => l.entries);
const exactly = (paths) => `^(${paths.map(rx).join('|')})$`;

const faceRules = FACES.map((face) => ({
  name: `face-${face.replace(/\W+/g, '-')}`,
  severity: 'error',
  comment: `${face} is a face: it must not import from another face; shared code goes below the faces.`,
  from: { path: `^${rx(face)}/` },
  to: {
    path: anyOf(FACES.filter((f) => f !== face)),
    // dependency-cruiser has no exceptions for pairs of modules: the entry points are let through
    // here and the launcher rules below allow each only from its own command.
    ...(face === 'src/cli' ? { pathNot: exactly(ENTRIES) } : {}),
  },
}));

const launcherRules = LAUNCHERS.map((l) => ({
  name: `launcher-${l.from.replace(/^.*\/|\.ts$/g, '')}`,
  severity: 'error',
  comment: `Only ${l.from} may import ${l.entries.join(', ')}.`,
  from: { path: '^src/cli/', pathNot: exactly([l.from]) },
  to: { path: exactly(l.entries) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: move what both modules need into a module of its own.',
      from: {},
      to: { circular: true },
    },
    ...faceRules,
    ...launcherRules,
    {
      name: 'library-imports-face',
      severity: 'error',
      comment: 'The library (src/ outside the faces) must not import from a face.',
      from: { path: '^src/', pathNot: anyOf(FACES) },
      to: { path: anyOf(FACES) },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that cannot be resolved: a typo, or a module that moved.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|web/dist)/' },
    // Type-only imports count: a cycle through types is still a cycle to read.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
