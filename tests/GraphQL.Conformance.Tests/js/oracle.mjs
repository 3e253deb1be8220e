// The graphql-js side of the conformance tests. Reads one JSON command on stdin, writes one JSON answer on stdout.
//   {"command":"validate","sdl":"...","documents":["..."]}  -> [{"syntaxError":[l,c]} | {"errors":[{"message","locations":[[l,c]]}]}]
//   {"command":"introspectionQuery"}                          -> {"query":"..."} (every option the engine supports)
//   {"command":"printSdl","sdl":"..."}                        -> {"sdl":"..."} printSchema(lexicographicSortSchema(buildSchema(sdl)))
//   {"command":"printIntrospection","result":{...}}           -> {"sdl":"..."} the same, from an introspection result
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, parse, printSchema, specifiedRules, validate,
} from 'graphql';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const options = {
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
  inputValueDeprecation: true, oneOf: true,
};

function answer() {
  switch (input.command) {
    case 'validate': {
      const schema = buildSchema(input.sdl);
      return input.documents.map((source) => {
        let document;
        try {
          document = parse(source);
        } catch (error) {
          return { syntaxError: error.locations?.map((l) => [l.line, l.column])[0] ?? null };
        }
        return {
          errors: validate(schema, document, specifiedRules).map((e) => ({
            message: e.message,
            locations: (e.locations ?? []).map((l) => [l.line, l.column]),
          })),
        };
      });
    }
    case 'introspectionQuery':
      return { query: getIntrospectionQuery(options) };
    case 'printSdl':
      return { sdl: printSchema(lexicographicSortSchema(buildSchema(input.sdl))) };
    case 'printIntrospection':
      return { sdl: printSchema(lexicographicSortSchema(buildClientSchema(input.result))) };
    default:
      throw new Error(`unknown command ${input.command}`);
  }
}

process.stdout.write(JSON.stringify(answer()));
