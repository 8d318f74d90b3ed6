// Checks every statement of a JSON array file with Learning Locker's validator
// (npm @learninglocker/xapi-validation, found through NODE_PATH). Prints each problem;
// exits 1 when there is one. Run by tests/school.rs when FIBRELAB_XAPI_TESTS=1.
const fs = require("fs");
const validate = require("@learninglocker/xapi-validation").default;
const statements = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let bad = 0;
statements.forEach((s, i) => {
  const problems = validate(s);
  if (problems.length > 0) {
    bad += 1;
    console.log(`${i} ${s.id}: ${JSON.stringify(problems)}`);
  }
});
console.log(`${statements.length} statement(s), ${bad} with problems`);
process.exit(bad > 0 ? 1 : 0);
