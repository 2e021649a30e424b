// Prints graphql-js 16.15's response for the files here (regenerates expected.json):
//   node oracle.js > expected.json
const fs = require('fs');
const path = require('path');
const gql = require(path.join(__dirname, '../../third_party/js/node_modules/graphql'));
const read = (f) => fs.readFileSync(path.join(__dirname, f), 'utf8');
const result = gql.graphqlSync({
  schema: gql.buildSchema(read('schema.graphql')),
  source: read('query.graphql'),
  rootValue: JSON.parse(read('root.json')),
  variableValues: JSON.parse(read('variables.json')),
  operationName: 'Telemetry',
});
console.log(JSON.stringify(result));
